// What a pasted or dropped text is: AWS output the importer reads, an access denied
// message, an encoded authorization message, a workspace file (another feature's), or
// none of these. Pure: the engine does the reading, this only decides which reader.
import { isWorkspaceEnvelope } from './files';
import { importAws, parseAccessDenied, type AccessDeniedSuccess, type ImportOptions, type ImportSuccess } from '../../../engine';

export type InputAnalysis =
  | { kind: 'empty' }
  | { kind: 'import'; result: ImportSuccess }
  | { kind: 'denied'; result: AccessDeniedSuccess }
  | { kind: 'encoded'; message: string; command: string }
  | { kind: 'workspace' }
  | { kind: 'error'; error: string };

/** Texts that begin the way AWS's error messages (and the CLI, SDK, Docker and ECS wrappers) do. */
const ERROR_START =
  /^(?:An error occurred|User:|operation error|\w*(?:AccessDenied|Unauthorized|Forbidden)\w*\s*:|CannotPullContainerError|ResourceInitializationError|Error response from daemon|The push refers|denied:|<\?xml|<ErrorResponse|<Error>|service \S+ failed)/i;
/** Words only access denied messages use, wherever they stand. */
const ERROR_WORDS = /is not authorized to perform|Encoded authorization failure message|unable to assume the role|"DecodedMessage"/i;

export function looksLikeError(text: string): boolean {
  const t = text.trim();
  return ERROR_START.test(t) || ERROR_WORDS.test(t);
}

/** Reads the text with the importer, or as an access denied message when it is one. Never throws. */
export function analyzeInput(text: string, options: ImportOptions = {}): InputAnalysis {
  if (text.trim() === '') return { kind: 'empty' };
  if (isWorkspaceEnvelope(text)) return { kind: 'workspace' };
  const errorForm = looksLikeError(text);
  let importError: string | undefined;
  if (!errorForm) {
    const r = importAws(text, options);
    if (r.ok) return { kind: 'import', result: r };
    importError = r.error;
  }
  const denied = parseAccessDenied(text);
  if (denied.ok) return { kind: 'denied', result: denied };
  if (denied.decodeCommand) return { kind: 'encoded', message: denied.error, command: denied.decodeCommand };
  if (errorForm) {
    // Error-like words inside real AWS output (a policy's Sid, a template's description) must not hide it.
    const r = importAws(text, options);
    if (r.ok) return { kind: 'import', result: r };
    return { kind: 'error', error: denied.error };
  }
  return { kind: 'error', error: importError ?? denied.error };
}

/** Whether a paste outside the editors should open the import dialog: only for text it can read. */
export function handlesPaste(text: string): boolean {
  const a = analyzeInput(text);
  return a.kind === 'import' || a.kind === 'denied' || a.kind === 'encoded';
}


export { acceptsFile, IMPORT_EXTENSIONS, isWorkspaceEnvelope, MAX_IMPORT_BYTES } from './files';
