import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Absolute path of a file inside an installed package, found by walking up from this module to the
 * nearest `node_modules/<pkg>/<file>` (the data packages' `exports` maps hide their JSON files).
 */
export function packageFile(pkg: string, file: string): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'node_modules', pkg, file);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`GitHub twin: cannot find ${pkg}/${file}; run npm install`);
    dir = parent;
  }
}
