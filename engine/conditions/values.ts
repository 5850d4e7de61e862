// Parsing of condition values by type. Every parser returns undefined for
// text it does not accept instead of throwing: in IAM an invalid value simply
// never matches, and the evaluator reports why.
//
// The parsers scan character codes by hand (no regular expressions) so that
// hostile input cannot cause backtracking, and most of them do not allocate.

// ---------------------------------------------------------------- numbers

/**
 * An exact decimal number: sign, integer digits without leading zeros and
 * fraction digits without trailing zeros. Zero is `{ negative: false, int: '', frac: '' }`.
 * Kept as digit strings so that very long integers (account ids, byte counts)
 * compare exactly instead of through a lossy float.
 */
export interface Decimal {
  readonly negative: boolean;
  readonly int: string;
  readonly frac: string;
}

const DIGIT_0 = 48;
const DIGIT_9 = 57;

function isDigit(c: number): boolean {
  return c >= DIGIT_0 && c <= DIGIT_9;
}

/**
 * Parses an IAM numeric value: an optional sign, then digits with an optional
 * decimal part (`10`, `-3`, `2.50`, `.5`, `5.`). Exponents, spaces, `NaN` and
 * `Infinity` are refused: the Condition operators page speaks of integer and
 * decimal values only.
 */
export function parseNumeric(text: string): Decimal | undefined {
  const n = text.length;
  let i = 0;
  let negative = false;
  if (i < n && (text.charCodeAt(i) === 43 /* + */ || text.charCodeAt(i) === 45) /* - */) {
    negative = text.charCodeAt(i) === 45;
    i++;
  }
  const intStart = i;
  while (i < n && isDigit(text.charCodeAt(i))) i++;
  const intEnd = i;
  let fracStart = i;
  let fracEnd = i;
  if (i < n && text.charCodeAt(i) === 46 /* . */) {
    i++;
    fracStart = i;
    while (i < n && isDigit(text.charCodeAt(i))) i++;
    fracEnd = i;
  }
  if (i !== n || (intEnd === intStart && fracEnd === fracStart)) return undefined;
  let a = intStart;
  while (a < intEnd && text.charCodeAt(a) === DIGIT_0) a++;
  let b = fracEnd;
  while (b > fracStart && text.charCodeAt(b - 1) === DIGIT_0) b--;
  const int = text.slice(a, intEnd);
  const frac = text.slice(fracStart, b);
  // -0 and 0 are the same number.
  return { negative: negative && (int.length > 0 || frac.length > 0), int, frac };
}

/** Compares two decimals exactly: negative when `a < b`, 0 when equal, positive when `a > b`. */
export function compareDecimal(a: Decimal, b: Decimal): number {
  if (a.negative !== b.negative) return a.negative ? -1 : 1;
  const sign = a.negative ? -1 : 1;
  if (a.int.length !== b.int.length) return a.int.length < b.int.length ? -sign : sign;
  if (a.int !== b.int) return a.int < b.int ? -sign : sign;
  // Fractions have no trailing zeros, so plain string order is numeric order.
  if (a.frac !== b.frac) return a.frac < b.frac ? -sign : sign;
  return 0;
}

// ------------------------------------------------------------------ dates

// Days from 1970-01-01 to the given proleptic Gregorian date (month 1-12).
// Done by hand because Date.UTC maps years 0-99 to 1900-1999.
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12; // March = 0
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) {
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    return leap ? 29 : 28;
  }
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

// Reads `count` digits at `at`; -1 when they are not all digits.
function readDigits(text: string, at: number, count: number): number {
  if (at + count > text.length) return -1;
  let v = 0;
  for (let k = 0; k < count; k++) {
    const c = text.charCodeAt(at + k);
    if (!isDigit(c)) return -1;
    v = v * 10 + (c - DIGIT_0);
  }
  return v;
}

/**
 * Parses an IAM date to milliseconds since the Unix epoch. Accepted forms:
 * epoch seconds (`1700000000`, `1700000000.5`, as `aws:EpochTime` gives them),
 * an ISO 8601 date (`2024-01-31`, midnight UTC) and an ISO 8601 date-time
 * (`2024-01-31T12:00`, `...T12:00:30`, `...T12:00:30.250`) with an optional
 * zone `Z`, `+hh:mm`, `+hhmm` or `+hh`; a date-time without a zone is UTC.
 */
export function parseDate(text: string): number | undefined {
  const n = text.length;
  if (n === 0) return undefined;
  // All digits (with at most one dot) is epoch seconds; ISO always has a dash.
  let epoch = true;
  let dots = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) dots++;
    else if (!isDigit(c)) {
      epoch = false;
      break;
    }
  }
  if (epoch) {
    if (dots > 1 || n === dots) return undefined;
    const seconds = Number(text);
    return Number.isFinite(seconds) ? seconds * 1000 : undefined;
  }
  const year = readDigits(text, 0, 4);
  if (year < 0 || text.charCodeAt(4) !== 45) return undefined;
  const month = readDigits(text, 5, 2);
  if (month < 1 || month > 12 || text.charCodeAt(7) !== 45) return undefined;
  const day = readDigits(text, 8, 2);
  if (day < 1 || day > daysInMonth(year, month)) return undefined;
  const days = daysFromCivil(year, month, day);
  if (n === 10) return days * 86400000;
  const t = text.charCodeAt(10);
  if (t !== 84 /* T */ && t !== 116 /* t */) return undefined;
  const hour = readDigits(text, 11, 2);
  if (hour < 0 || hour > 23 || text.charCodeAt(13) !== 58 /* : */) return undefined;
  const minute = readDigits(text, 14, 2);
  if (minute < 0 || minute > 59) return undefined;
  let i = 16;
  let second = 0;
  let millis = 0;
  if (i < n && text.charCodeAt(i) === 58) {
    second = readDigits(text, i + 1, 2);
    if (second < 0 || second > 59) return undefined;
    i += 3;
    if (i < n && text.charCodeAt(i) === 46) {
      i++;
      const start = i;
      let scale = 100;
      while (i < n && isDigit(text.charCodeAt(i))) {
        // Digits past milliseconds are read and dropped.
        millis += (text.charCodeAt(i) - DIGIT_0) * scale;
        scale /= 10;
        i++;
      }
      if (i === start) return undefined;
      millis = Math.floor(millis);
    }
  }
  let offsetMinutes = 0;
  if (i < n) {
    const z = text.charCodeAt(i);
    if (z === 90 /* Z */ || z === 122 /* z */) {
      i++;
    } else if (z === 43 || z === 45) {
      const oh = readDigits(text, i + 1, 2);
      if (oh < 0 || oh > 23) return undefined;
      i += 3;
      let om = 0;
      if (i < n) {
        if (text.charCodeAt(i) === 58) i++;
        om = readDigits(text, i, 2);
        if (om < 0 || om > 59) return undefined;
        i += 2;
      }
      offsetMinutes = (z === 45 ? -1 : 1) * (oh * 60 + om);
    } else {
      return undefined;
    }
  }
  if (i !== n) return undefined;
  return (((days * 24 + hour) * 60 + minute - offsetMinutes) * 60 + second) * 1000 + millis;
}

// --------------------------------------------------------------- booleans

function equalsAsciiIgnoreCase(text: string, lower: string): boolean {
  if (text.length !== lower.length) return false;
  for (let i = 0; i < lower.length; i++) {
    // `| 0x20` folds A-Z onto a-z; no other code point folds onto a letter.
    if ((text.charCodeAt(i) | 0x20) !== lower.charCodeAt(i)) return false;
  }
  return true;
}

/** Parses `true` or `false` in any letter case (the Bool and Null operators). */
export function parseBool(text: string): boolean | undefined {
  if (equalsAsciiIgnoreCase(text, 'true')) return true;
  if (equalsAsciiIgnoreCase(text, 'false')) return false;
  return undefined;
}

// ----------------------------------------------------------------- binary

function isBase64Char(c: number): boolean {
  return (
    (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || isDigit(c) || c === 43 /* + */ || c === 47 /* / */
  );
}

/**
 * Whether `text` is canonical padded base64 (`A-Z a-z 0-9 + /`, length a
 * multiple of 4, at most two `=` at the end). BinaryEquals compares the
 * base64 text exactly, so no decoding is needed.
 */
export function isBase64(text: string): boolean {
  const n = text.length;
  if (n % 4 !== 0) return false;
  let end = n;
  if (end > 0 && text.charCodeAt(end - 1) === 61 /* = */) end--;
  if (end > 0 && text.charCodeAt(end - 1) === 61) end--;
  for (let i = 0; i < end; i++) if (!isBase64Char(text.charCodeAt(i))) return false;
  return true;
}

// ----------------------------------------------------------- IP addresses

/**
 * An IP address as 32-bit words: one word for IPv4, four for IPv6.
 * IPv4-mapped IPv6 addresses (`::ffff:10.0.0.1`) are stored as IPv4.
 */
export interface IpAddress {
  readonly v6: boolean;
  readonly words: readonly number[];
}

/** A CIDR block: an address and the number of leading bits that must match. */
export interface IpBlock extends IpAddress {
  readonly prefix: number;
}

// Parses a dotted IPv4 address in text[start, end) to a 32-bit unsigned number; -1 if invalid.
function parseV4(text: string, start: number, end: number): number {
  let value = 0;
  let parts = 0;
  let i = start;
  while (parts < 4) {
    const partStart = i;
    let part = 0;
    while (i < end && isDigit(text.charCodeAt(i)) && i - partStart < 3) {
      part = part * 10 + (text.charCodeAt(i) - DIGIT_0);
      i++;
    }
    const len = i - partStart;
    // Leading zeros are refused: some parsers read them as octal.
    if (len === 0 || part > 255 || (len > 1 && text.charCodeAt(partStart) === DIGIT_0)) return -1;
    value = value * 256 + part;
    parts++;
    if (parts < 4) {
      if (i >= end || text.charCodeAt(i) !== 46) return -1;
      i++;
    }
  }
  return i === end ? value : -1;
}

function hexValue(c: number): number {
  if (isDigit(c)) return c - DIGIT_0;
  const l = c | 0x20;
  if (l >= 97 && l <= 102) return l - 87;
  return -1;
}

// Parses colon-separated hex groups in text[start, end) into out[at...].
// A dotted IPv4 tail is allowed when `v4Tail` and counts as two groups.
// Returns the number of groups written, or -1.
function parseGroups(text: string, start: number, end: number, v4Tail: boolean, out: number[], at: number): number {
  if (start === end) return 0;
  let count = 0;
  let i = start;
  for (;;) {
    const groupStart = i;
    let value = 0;
    while (i < end && i - groupStart < 5) {
      const h = hexValue(text.charCodeAt(i));
      if (h < 0) break;
      value = value * 16 + h;
      i++;
    }
    if (i < end && text.charCodeAt(i) === 46) {
      // A dotted tail: re-read this group as the start of an IPv4 address.
      if (!v4Tail) return -1;
      const v4 = parseV4(text, groupStart, end);
      if (v4 < 0 || at + count + 2 > 8) return -1;
      out[at + count] = Math.floor(v4 / 65536);
      out[at + count + 1] = v4 % 65536;
      return count + 2;
    }
    const len = i - groupStart;
    if (len === 0 || len > 4 || at + count >= 8) return -1;
    out[at + count] = value;
    count++;
    if (i === end) return count;
    if (text.charCodeAt(i) !== 58) return -1;
    i++;
    if (i === end) return -1; // trailing single colon
  }
}

function parseV6(text: string, start: number, end: number): number[] | undefined {
  const groups = [0, 0, 0, 0, 0, 0, 0, 0];
  let gap = -1;
  for (let i = start; i + 1 < end; i++) {
    if (text.charCodeAt(i) === 58 && text.charCodeAt(i + 1) === 58) {
      gap = i;
      break;
    }
  }
  if (gap < 0) {
    if (parseGroups(text, start, end, true, groups, 0) !== 8) return undefined;
  } else {
    // Only one `::` is allowed.
    for (let i = gap + 2; i + 1 < end; i++) {
      if (text.charCodeAt(i) === 58 && text.charCodeAt(i + 1) === 58) return undefined;
    }
    const tail: number[] = [0, 0, 0, 0, 0, 0, 0, 0];
    const head = parseGroups(text, start, gap, false, groups, 0);
    if (head < 0) return undefined;
    const tailCount = parseGroups(text, gap + 2, end, true, tail, 0);
    if (tailCount < 0 || head + tailCount > 7) return undefined;
    for (let k = 0; k < tailCount; k++) groups[8 - tailCount + k] = tail[k];
  }
  return [
    groups[0] * 65536 + groups[1],
    groups[2] * 65536 + groups[3],
    groups[4] * 65536 + groups[5],
    groups[6] * 65536 + groups[7],
  ];
}

function isMapped(words: readonly number[]): boolean {
  return words[0] === 0 && words[1] === 0 && words[2] === 0xffff;
}

function parseAddressRange(text: string, start: number, end: number): IpAddress | undefined {
  let colon = false;
  for (let i = start; i < end; i++) {
    if (text.charCodeAt(i) === 58) {
      colon = true;
      break;
    }
  }
  if (!colon) {
    const v4 = parseV4(text, start, end);
    return v4 < 0 ? undefined : { v6: false, words: [v4] };
  }
  const words = parseV6(text, start, end);
  if (words === undefined) return undefined;
  return isMapped(words) ? { v6: false, words: [words[3]] } : { v6: true, words };
}

/**
 * Parses a bare IPv4 or IPv6 address (the request side of IpAddress, e.g.
 * `aws:SourceIp`). Compressed IPv6 (`2001:db8::1`) and IPv4-mapped IPv6
 * (`::ffff:192.0.2.1`, treated as the IPv4 address) are accepted; zone ids
 * (`%eth0`) and CIDR suffixes are not.
 */
export function parseIpAddress(text: string): IpAddress | undefined {
  return parseAddressRange(text, 0, text.length);
}

/**
 * Parses a policy IP value: an address or a CIDR block. A bare address is a
 * block of one (/32 or /128). An IPv4-mapped IPv6 block of /96 or longer is
 * the IPv4 block it maps (`::ffff:10.0.0.0/104` = `10.0.0.0/8`).
 */
export function parseIpBlock(text: string): IpBlock | undefined {
  const slash = text.indexOf('/');
  if (slash < 0) {
    const address = parseAddressRange(text, 0, text.length);
    return address && { v6: address.v6, words: address.words, prefix: address.v6 ? 128 : 32 };
  }
  const digits = text.length - slash - 1;
  if (digits < 1 || digits > 3) return undefined;
  const prefix = readDigits(text, slash + 1, digits);
  if (prefix < 0 || (digits > 1 && text.charCodeAt(slash + 1) === DIGIT_0)) return undefined;
  let colon = false;
  for (let i = 0; i < slash; i++) if (text.charCodeAt(i) === 58) colon = true;
  if (!colon) {
    const v4 = parseV4(text, 0, slash);
    return v4 < 0 || prefix > 32 ? undefined : { v6: false, words: [v4], prefix };
  }
  const words = parseV6(text, 0, slash);
  if (words === undefined || prefix > 128) return undefined;
  if (isMapped(words) && prefix >= 96) return { v6: false, words: [words[3]], prefix: prefix - 96 };
  return { v6: true, words, prefix };
}

/** Whether `address` lies inside `block`. IPv4 never matches an IPv6 block, nor the reverse. */
export function ipInBlock(address: IpAddress, block: IpBlock): boolean {
  if (address.v6 !== block.v6) return false;
  let bits = block.prefix;
  for (let w = 0; w < block.words.length && bits > 0; w++) {
    const take = bits >= 32 ? 32 : bits;
    // Shift in two steps: `x << 32` is `x << 0` in JavaScript.
    const mask = take === 32 ? 0xffffffff : ((0xffffffff << (32 - take)) >>> 0);
    if (((address.words[w] ^ block.words[w]) & mask) !== 0) return false;
    bits -= take;
  }
  return true;
}
