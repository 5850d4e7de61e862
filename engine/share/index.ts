// Share links: a whole workspace in a URL fragment, so nothing leaves the page.
//
// A fragment is `v<format>.<payload>`. Format 1's payload is base64url (no padding)
// of raw-deflated UTF-8 JSON followed by the CRC-32 of that JSON (4 bytes, big
// endian). The JSON is the envelope {format, engine, data, workspace}. New formats
// get a new prefix and a new reader in READERS; old readers stay, so old links open.
import { deflateSync, Inflate, strFromU8, strToU8 } from 'fflate';
import { fromBase64Url, toBase64Url } from './base64url.ts';
import { crc32 } from './crc32.ts';
import { envelopeOf, readEnvelopeValue, SHARE_FORMAT, type ShareEnvelope } from './envelope.ts';
import type { Workspace } from './workspace.ts';

export type { Workspace, WorkspacePolicy, WorkspaceTest } from './workspace.ts';
export { checkWorkspace } from './workspace.ts';
export { dataVersionLabel, SHARE_FORMAT, type ShareEnvelope } from './envelope.ts';
export { encodeWorkspaceFile, readWorkspaceFile, type WorkspaceFileResult } from './file.ts';

export type DecodeResult = { ok: true; workspace: Workspace } | { ok: false; error: string };
export type EnvelopeResult = { ok: true; envelope: ShareEnvelope } | { ok: false; error: string };

/** Links longer than this are refused before decompressing (a share link is a few KB). */
const MAX_FRAGMENT = 4_000_000;
/** A decompressed workspace larger than this is refused. */
const MAX_JSON_BYTES = 32_000_000;

/** The fragment (without `#`) that restores `workspace`. */
export function encodeShareFragment(workspace: Workspace): string {
  const json = strToU8(JSON.stringify(envelopeOf(workspace)));
  const packed = deflateSync(json, { level: 9, mem: 8 });
  const out = new Uint8Array(packed.length + 4);
  out.set(packed, 0);
  const crc = crc32(json);
  out[packed.length] = crc >>> 24;
  out[packed.length + 1] = (crc >>> 16) & 255;
  out[packed.length + 2] = (crc >>> 8) & 255;
  out[packed.length + 3] = crc & 255;
  return `v${SHARE_FORMAT}.${toBase64Url(out)}`;
}

/** Restores a workspace from a fragment (with or without `#`). Never throws. */
export function decodeShareFragment(fragment: string): DecodeResult {
  const r = readShareEnvelope(fragment);
  return r.ok ? { ok: true, workspace: r.envelope.workspace } : r;
}

/** Like decodeShareFragment, and also says which format, engine and data made the link. Never throws. */
export function readShareEnvelope(fragment: string): EnvelopeResult {
  try {
    return readEnvelope(fragment);
  } catch (e) {
    // INVARIANT: the readers report every problem as a result; this only guards against a bug.
    return { ok: false, error: `This share link could not be read: ${e instanceof Error ? e.message : String(e)}` };
  }
}

type Reader = (payload: string) => EnvelopeResult;

/** One reader per format version ever written. Never remove one: old links must keep opening. */
const READERS: Record<number, Reader> = { 1: readV1 };

function readEnvelope(fragment: string): EnvelopeResult {
  if (typeof fragment !== 'string') return { ok: false, error: 'A share link fragment must be text.' };
  let text = fragment.trim();
  if (text.startsWith('#')) text = text.slice(1);
  if (text === '') return { ok: false, error: 'The link has no shared workspace in it (the part after `#` is empty).' };
  if (text.length > MAX_FRAGMENT) return { ok: false, error: 'The share link is too long to be a workspace.' };
  const m = /^v(\d{1,6})\.(.*)$/s.exec(text);
  if (!m) return { ok: false, error: 'This is not a share link of this simulator: it should start with `#v1.`.' };
  const format = Number(m[1]);
  const reader = READERS[format];
  if (!reader) {
    return format > SHARE_FORMAT
      ? { ok: false, error: `The link was made by a newer version of the simulator (share format v${format}); this one reads up to v${SHARE_FORMAT}.` }
      : { ok: false, error: `Share format v${format} does not exist.` };
  }
  return reader(m[2]);
}

// Compressed bytes fed to the inflater at a time: DEFLATE expands at most ~1,032 times,
// so one step yields about 1 MB at most and a bomb is stopped soon after the cap.
const INFLATE_STEP = 1024;

/**
 * Inflates DEFLATE data in steps and stops as soon as the output passes `cap`, so a
 * bomb is refused having produced little more than `cap` bytes, never its whole output.
 */
function inflateCapped(packed: Uint8Array, cap: number): Uint8Array | 'too-large' | 'damaged' {
  const parts: Uint8Array[] = [];
  let total = 0;
  let ended = false;
  const inflater = new Inflate((chunk, final) => {
    total += chunk.length;
    if (total <= cap) parts.push(chunk);
    if (final) ended = true;
  });
  try {
    for (let at = 0; at < packed.length && total <= cap; at += INFLATE_STEP) {
      const end = Math.min(packed.length, at + INFLATE_STEP);
      inflater.push(packed.subarray(at, end), end === packed.length);
    }
    if (packed.length === 0) inflater.push(packed, true);
  } catch {
    return total > cap ? 'too-large' : 'damaged';
  }
  if (total > cap) return 'too-large';
  if (!ended) return 'damaged';
  const out = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

const DAMAGED = 'The share link is damaged or incomplete (was it cut off when copied?)';

function readV1(payload: string): EnvelopeResult {
  const bytes = fromBase64Url(payload);
  if (!bytes) return { ok: false, error: `${DAMAGED}: it holds characters a share link never contains.` };
  if (bytes.length < 5) return { ok: false, error: `${DAMAGED}: it is too short.` };
  const packed = bytes.subarray(0, bytes.length - 4);
  const t = bytes.length - 4;
  const expected = ((bytes[t] << 24) | (bytes[t + 1] << 16) | (bytes[t + 2] << 8) | bytes[t + 3]) >>> 0;
  const json = inflateCapped(packed, MAX_JSON_BYTES);
  if (json === 'too-large') return { ok: false, error: `The shared workspace is too large to open: it decompresses to more than ${MAX_JSON_BYTES / 1_000_000} MB.` };
  if (json === 'damaged') return { ok: false, error: `${DAMAGED}: its data does not decompress.` };
  if (crc32(json) !== expected) return { ok: false, error: `${DAMAGED}: its checksum does not match.` };
  let value: unknown;
  try {
    value = JSON.parse(strFromU8(json));
  } catch {
    return { ok: false, error: `${DAMAGED}: its content is not valid JSON.` };
  }
  // The link's prefix and the envelope's format say the same thing; the envelope reader checks the rest.
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && (value as { format?: unknown }).format !== 1) {
    return { ok: false, error: "The share link's content is not a workspace: `envelope.format` must be 1 in a `v1.` link." };
  }
  const env = readEnvelopeValue(value, 1);
  if (env.ok) return { ok: true, envelope: env.value };
  return env.path.startsWith('workspace')
    ? { ok: false, error: `The share link's workspace is not valid: ${env.error}` }
    : { ok: false, error: `The share link's content is not a workspace: ${env.error}` };
}
