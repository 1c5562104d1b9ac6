import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageFile } from './package-file.js';

/** Bump when the cached shape changes. */
const FORMAT = 3;

function cachePath(name: string, pkg: string): string {
  const manifest: unknown = JSON.parse(readFileSync(packageFile(pkg, 'package.json'), 'utf8'));
  const version =
    typeof manifest === 'object' && manifest !== null && 'version' in manifest
      ? String(manifest.version)
      : 'unknown';
  return join(tmpdir(), 'github-twin-cache', `${name}-${version}-f${FORMAT}.json`);
}

/**
 * Returns the value built from a package's data, cached as JSON in the temp directory so the next test
 * process parses a small pre-normalized file instead of the package's 13 MB description.
 */
export function cachedFromPackage<T>(
  name: string,
  pkg: string,
  build: () => T,
  isValid: (v: unknown) => v is T,
): T {
  const file = cachePath(name, pkg);
  try {
    const cached: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (isValid(cached)) return cached;
  } catch (error) {
    if (
      !(error instanceof Error && 'code' in error && error.code === 'ENOENT') &&
      !(error instanceof SyntaxError)
    ) {
      throw error;
    }
  }
  const value = build();
  mkdirSync(join(tmpdir(), 'github-twin-cache'), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(value));
  renameSync(temporary, file);
  return value;
}
