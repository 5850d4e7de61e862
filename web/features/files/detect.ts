// Is a text meant as a workspace file? One answer for every way in (Open, drop, paste,
// the AWS import), so a file goes to exactly one of them. Even a broken envelope is a
// workspace file: then the Open feature says what is wrong and where.

/** `{ "format": …, "workspace": … }`, possibly cut short or malformed. */
export function looksLikeWorkspaceFile(text: string): boolean {
  return /^\s*\{[\s\S]*"workspace"\s*:/.test(text) && /"format"\s*:/.test(text);
}
