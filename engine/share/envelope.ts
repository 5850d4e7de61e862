// The envelope that share links and workspace files both carry:
// {format, engine, data, workspace}. One reader per format version ever written;
// links and files go through the same readers, so the shape rules live here once.
import { dataVersion } from '../catalog/index.ts';
import { ENGINE_VERSION } from '../version.ts';
import { checked, checkWorkspace, readWorkspace, shape, type Checked, type Workspace } from './workspace.ts';

/** The format new links and files are written in. */
export const SHARE_FORMAT = 1;

/** What a link or file says about where it was made, besides the workspace. */
export interface ShareEnvelope {
  format: number;
  /** ENGINE_VERSION of the simulator that made the link. */
  engine: string;
  /** Version of the AWS service data the simulator had. */
  data: string;
  workspace: Workspace;
}

/** The AWS data version as one string, whatever shape the catalog gives it. */
export function dataVersionLabel(): string {
  const v: unknown = dataVersion;
  if (typeof v === 'string') return v;
  if (typeof v === 'object' && v !== null && 'version' in v) {
    const rec = v as { package?: unknown; version?: unknown };
    return `${String(rec.package ?? 'data')}@${String(rec.version)}`;
  }
  return 'unknown';
}

/** The envelope new links and files carry for `workspace`. */
export function envelopeOf(workspace: Workspace): ShareEnvelope {
  return { format: SHARE_FORMAT, engine: ENGINE_VERSION, data: dataVersionLabel(), workspace: clean(workspace) };
}

/** Only the fields of the format, in a fixed order, so equal workspaces give equal links and files. */
function clean(w: Workspace): Workspace {
  const r = checkWorkspace(w);
  // Encoding never fails: a malformed workspace is written as given and refused on opening.
  return r.ok ? r.value : w;
}

function readV1(value: unknown): ShareEnvelope {
  const e = shape.record(value, 'envelope', ['format', 'engine', 'data', 'workspace']);
  if (e.format !== 1) shape.fail('envelope.format', 'must be 1.');
  return { format: 1, engine: shape.str(e.engine, 'envelope.engine'), data: shape.str(e.data, 'envelope.data'), workspace: readWorkspace(e.workspace, 'workspace') };
}

/** One reader per envelope format ever written. Never remove one: old links and files must keep opening. */
const READERS: Record<number, (value: unknown) => ShareEnvelope> = { 1: readV1 };

export type EnvelopeCheck = Checked<ShareEnvelope> | { ok: false; error: string; path: string; newer: true };

/**
 * Reads a parsed envelope of the given format strictly (unknown fields refused).
 * A failure names the field; `newer` says the format is one a later version wrote.
 */
export function readEnvelopeValue(value: unknown, format: number): EnvelopeCheck {
  const reader = Object.hasOwn(READERS, format) ? READERS[format] : undefined;
  if (!reader) {
    return format > SHARE_FORMAT
      ? { ok: false, newer: true, path: 'envelope.format', error: `It was made by a newer version of the simulator (format ${format}); this one reads up to format ${SHARE_FORMAT}.` }
      : { ok: false, path: 'envelope.format', error: `Format ${format} does not exist.` };
  }
  return checked(() => reader(value));
}
