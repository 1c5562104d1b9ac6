import { existsSync } from 'node:fs';
import { isAbsolute, join, posix, relative, sep } from 'node:path';

/**
 * A reported failure path as a repo-relative posix path, or undefined when it lies outside the repo.
 * Absolute paths are made relative to `workspaceDir`; a path that does not exist as given is
 * matched by its longest existing suffix (Go prints `<import path>/<file>`).
 */
export function normalizePath(reported: string, workspaceDir: string): string | undefined {
  let path = reported.replace(/^file:\/\//, '');
  if (isAbsolute(path)) path = relative(workspaceDir, path);
  path = posix.normalize(path.split(sep).join('/').replaceAll('\\', '/'));
  if (path === '.' || path.startsWith('../') || path === '..' || posix.isAbsolute(path)) return undefined;
  if (existsSync(join(workspaceDir, path))) return path;
  const parts = path.split('/');
  for (let i = 1; i < parts.length; i++) {
    const suffix = parts.slice(i).join('/');
    if (existsSync(join(workspaceDir, suffix))) return suffix;
  }
  return path;
}
