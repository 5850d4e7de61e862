// What the page-wide ways in (paste, drop) check before loading the importer: no engine
// here, so the page's first script stays small and the importer arrives when used.
import { looksLikeWorkspaceFile } from '../files/detect';

/** A workspace file, even a broken one: the Open feature reads those, not the importer. */
export const isWorkspaceEnvelope = looksLikeWorkspaceFile;

export const IMPORT_EXTENSIONS = ['.json', '.yaml', '.yml', '.template', '.txt'] as const;

/** Files the importer takes when dropped on the page. */
export function acceptsFile(name: string): boolean {
  const lower = name.toLowerCase();
  return IMPORT_EXTENSIONS.some((e) => lower.endsWith(e));
}

/** Larger files are not AWS output a person pastes; reading them would only freeze the page. */
export const MAX_IMPORT_BYTES = 8 * 1024 * 1024;
