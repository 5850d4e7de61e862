import { describe, expect, it } from 'vitest';
import { compareDecimal, ipInBlock, isBase64, parseBool, parseDate, parseIpAddress, parseIpBlock, parseNumeric } from './values.ts';

function cmp(a: string, b: string): number {
  const x = parseNumeric(a);
  const y = parseNumeric(b);
  if (x === undefined || y === undefined) throw new Error(`bad test input ${a} ${b}`);
  return Math.sign(compareDecimal(x, y));
}

describe('parseNumeric / compareDecimal', () => {
  it('accepts integers and decimals with an optional sign', () => {
    for (const t of ['0', '10', '-3', '+7', '2.50', '.5', '5.', '007', '-0.0']) expect(parseNumeric(t), t).toBeDefined();
  });
  it('refuses exponents, spaces, empty text and non-numbers', () => {
    for (const t of ['', '-', '.', '1e3', ' 1', '1 ', '0x10', 'NaN', 'Infinity', '1.2.3', '--1', '1,000']) {
      expect(parseNumeric(t), t).toBeUndefined();
    }
  });
  it('compares numbers, not strings ("10" > "9")', () => {
    expect(cmp('10', '9')).toBe(1);
    expect(cmp('9', '10')).toBe(-1);
    expect(cmp('-10', '-9')).toBe(-1);
    expect(cmp('0.5', '0.51')).toBe(-1);
    expect(cmp('0.6', '0.51')).toBe(1);
    expect(cmp('-0.6', '-0.51')).toBe(-1);
  });
  it('treats equal values written differently as equal', () => {
    expect(cmp('10', '10.0')).toBe(0);
    expect(cmp('010', '10')).toBe(0);
    expect(cmp('-0', '0')).toBe(0);
    expect(cmp('.5', '0.50')).toBe(0);
  });
  it('compares integers beyond 2^53 exactly', () => {
    expect(cmp('9007199254740993', '9007199254740992')).toBe(1);
  });
});

describe('parseDate', () => {
  const utc = (s: string) => Date.parse(s);
  it('reads ISO 8601 date-times with a zone', () => {
    expect(parseDate('2024-01-31T12:30:15Z')).toBe(utc('2024-01-31T12:30:15Z'));
    expect(parseDate('2024-01-31T12:30:15.250Z')).toBe(utc('2024-01-31T12:30:15.250Z'));
    expect(parseDate('2024-01-31T12:30:15+02:00')).toBe(utc('2024-01-31T10:30:15Z'));
    expect(parseDate('2024-01-31T12:30:15-0130')).toBe(utc('2024-01-31T14:00:15Z'));
    expect(parseDate('2024-01-31T12:30:15+02')).toBe(utc('2024-01-31T10:30:15Z'));
  });
  it('reads date-times without a zone as UTC, and bare dates as midnight UTC', () => {
    expect(parseDate('2024-01-31T12:30')).toBe(utc('2024-01-31T12:30:00Z'));
    expect(parseDate('2024-01-31')).toBe(utc('2024-01-31T00:00:00Z'));
  });
  it('reads epoch seconds as aws:EpochTime gives them', () => {
    expect(parseDate('1700000000')).toBe(1700000000000);
    expect(parseDate('1700000000.5')).toBe(1700000000500);
    expect(parseDate('0')).toBe(0);
  });
  it('handles years before 100 and leap days', () => {
    // Date.parse reads ISO years literally; Date.UTC would turn 50 into 1950.
    expect(parseDate('0050-03-01')).toBe(Date.parse('0050-03-01T00:00:00Z'));
    expect(parseDate('2024-02-29')).toBe(utc('2024-02-29T00:00:00Z'));
    expect(parseDate('2023-02-29')).toBeUndefined();
    expect(parseDate('1900-02-29')).toBeUndefined();
    expect(parseDate('2000-02-29')).toBeDefined();
  });
  it('refuses malformed dates', () => {
    for (const t of ['', 'yesterday', '2024-13-01', '2024-00-10', '2024-01-32', '2024-1-1', '2024-01-31T25:00', '2024-01-31T12:60',
      '2024-01-31T12:30:61', '2024-01-31T12', '2024-01-31T12:30Zx', '2024-01-31 12:30', '1.2.3', '.', '-5', '2024-01-31T12:30:15.']) {
      expect(parseDate(t), t).toBeUndefined();
    }
  });
});

describe('parseBool', () => {
  it('reads true and false in any letter case', () => {
    expect(parseBool('true')).toBe(true);
    expect(parseBool('TRUE')).toBe(true);
    expect(parseBool('False')).toBe(false);
  });
  it('refuses anything else', () => {
    for (const t of ['', 'yes', '1', 'tru', 'truee', ' true', 'fal$e']) expect(parseBool(t), t).toBeUndefined();
  });
});

describe('isBase64', () => {
  it('accepts padded base64', () => {
    for (const t of ['', 'QUJD', 'QUI=', 'QQ==', 'a+/9']) expect(isBase64(t), t).toBe(true);
  });
  it('refuses unpadded, misplaced padding and foreign characters', () => {
    for (const t of ['QUI', 'Q===', 'QU=I', 'QUJ-', 'QUJ_', 'QU J']) expect(isBase64(t), t).toBe(false);
  });
});

describe('IP addresses and CIDR blocks', () => {
  const inside = (ip: string, block: string): boolean => {
    const a = parseIpAddress(ip);
    const b = parseIpBlock(block);
    if (a === undefined || b === undefined) throw new Error(`bad test input ${ip} ${block}`);
    return ipInBlock(a, b);
  };
  it('matches IPv4 addresses inside a CIDR block', () => {
    expect(inside('203.0.113.7', '203.0.113.0/24')).toBe(true);
    expect(inside('203.0.114.7', '203.0.113.0/24')).toBe(false);
    expect(inside('10.255.0.1', '10.0.0.0/8')).toBe(true);
    expect(inside('1.2.3.4', '0.0.0.0/0')).toBe(true);
    expect(inside('192.168.1.1', '192.168.1.0/31')).toBe(true);
    expect(inside('192.168.1.2', '192.168.1.0/31')).toBe(false);
  });
  it('reads a bare policy address as /32 or /128', () => {
    expect(parseIpBlock('192.0.2.1')?.prefix).toBe(32);
    expect(parseIpBlock('2001:db8::1')?.prefix).toBe(128);
    expect(inside('192.0.2.1', '192.0.2.1')).toBe(true);
    expect(inside('192.0.2.2', '192.0.2.1')).toBe(false);
  });
  it('matches IPv6 addresses, compressed or not', () => {
    expect(inside('2001:db8::1', '2001:db8::/32')).toBe(true);
    expect(inside('2001:0db8:0000:0000:0000:0000:0000:0001', '2001:db8::/32')).toBe(true);
    expect(inside('2001:db9::1', '2001:db8::/32')).toBe(false);
    expect(inside('2001:DB8:1:2:3:4:5:6', '2001:db8:1:2::/64')).toBe(true);
    expect(inside('2001:db8:1:3::', '2001:db8:1:2::/64')).toBe(false);
    expect(inside('::1', '::1/128')).toBe(true);
    expect(inside('::', '::/0')).toBe(true);
    expect(inside('fe80::1', '::/0')).toBe(true);
    expect(inside('2001:db8::8000:0', '2001:db8::8000:0/97')).toBe(true);
    expect(inside('2001:db8::c000:0', '2001:db8::8000:0/98')).toBe(false);
  });
  it('never matches IPv4 against an IPv6 block, nor the reverse', () => {
    expect(inside('10.0.0.1', '::/0')).toBe(false);
    expect(inside('2001:db8::1', '0.0.0.0/0')).toBe(false);
  });
  it('treats ::ffff: mapped IPv6 addresses as the IPv4 address they carry', () => {
    expect(inside('::ffff:10.1.2.3', '10.0.0.0/8')).toBe(true);
    expect(inside('::ffff:a01:203', '10.0.0.0/8')).toBe(true);
    expect(inside('0:0:0:0:0:ffff:10.1.2.3', '10.0.0.0/8')).toBe(true);
    expect(inside('10.1.2.3', '::ffff:10.0.0.0/104')).toBe(true);
    expect(inside('11.1.2.3', '::ffff:10.0.0.0/104')).toBe(false);
    expect(inside('::ffff:11.1.2.3', '10.0.0.0/8')).toBe(false);
  });
  it('refuses malformed addresses and blocks', () => {
    for (const t of ['', '1.2.3', '1.2.3.4.5', '256.1.1.1', '01.2.3.4', '1.2.3.4/8', '1..2.3', ':::', '1:2:3:4:5:6:7:8:9', '1::2::3',
      '12345::', 'g::1', ':1::', '1::2:', 'fe80::1%eth0', '::1.2.3', '1:2:3:4:5:6:7::8', '::ffff:1.2.3.4.5', '1.2.3.4:5::']) {
      expect(parseIpAddress(t), t).toBeUndefined();
    }
    for (const t of ['1.2.3.4/33', '1.2.3.4/', '1.2.3.4/-1', '1.2.3.4/08', '::/129', '1.2.3.4/1/2', '/8', '1.2.3.4/ 8']) {
      expect(parseIpBlock(t), t).toBeUndefined();
    }
  });
  it('accepts the IPv6 forms of RFC 4291', () => {
    for (const t of ['::', '::1', '1::', '1:2:3:4:5:6:7:8', '1::8', '1:2:3:4:5:6::8', '::2:3:4:5:6:7:8', '::ffff:192.0.2.1', '64:ff9b::192.0.2.1', '1:2:3:4:5:6:1.2.3.4']) {
      expect(parseIpAddress(t), t).toBeDefined();
    }
  });
});
