// Types of licenses.mjs, for the TypeScript configs that import it.
import type { Plugin } from 'vite';

export interface BundledPackage {
  name: string;
  version: string;
  license: string;
  texts: string[];
}
export function bundledPackages(files: Iterable<string>): BundledPackage[];
export function licenseNotice(title: string, packages: BundledPackage[]): string;
export function thirdPartyLicenses(options?: { fileName?: string; alsoBundled?: string[] }): Plugin;
