import { lstat, realpath } from 'node:fs/promises';
import path from 'node:path';
import { pathPolicyFor } from '../../integrations/workspace/index.js';

/** A path the guard refused; the message is shown to the model as the tool's error. */
export class PathRefusedError extends Error {
  constructor(
    readonly requested: string,
    reason: string,
  ) {
    super(`Refused path ${JSON.stringify(requested)}: ${reason}`);
    this.name = 'PathRefusedError';
  }
}

export interface GuardedPath {
  /** Real absolute path (symlinks resolved) inside the workspace. */
  absolute: string;
  /** The same path relative to the workspace root, with `/` separators ('' for the root). */
  relative: string;
}

export interface PathGuardOptions {
  root: string;
  /** Globs (minimatch, dot files included) that may be read but never written, besides the protected paths. */
  blockedPaths?: readonly string[] | undefined;
  /** When set, writes must match one of these globs. */
  allowedPaths?: readonly string[] | undefined;
}

export interface PathGuard {
  resolve(requested: string, mode: 'read' | 'write'): Promise<GuardedPath>;
}

function isErrno(error: unknown, code: string): boolean {
  return error instanceof Error && 'code' in error && error.code === code;
}

function outside(relative: string): boolean {
  return relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative);
}

function toPosix(relative: string): string {
  return relative.split(path.sep).join('/');
}

/** realpath of the nearest existing ancestor plus the missing tail; a dangling symlink is refused. */
async function realTarget(requested: string, absolute: string): Promise<string> {
  const tail: string[] = [];
  let current = absolute;
  for (;;) {
    try {
      return path.join(await realpath(current), ...tail);
    } catch (error) {
      if (!isErrno(error, 'ENOENT') && !isErrno(error, 'ENOTDIR')) throw error;
    }
    const exists = await lstat(current).then(
      () => true,
      () => false,
    );
    if (exists)
      throw new PathRefusedError(requested, 'it goes through a symlink whose target does not exist.');
    const parent = path.dirname(current);
    if (parent === current) return absolute;
    tail.unshift(path.basename(current));
    current = parent;
  }
}

/**
 * Resolves model-supplied paths inside one workspace. Refuses anything outside it (also through
 * symlinks), Git internals, and for writes whatever the path policy refuses (protected paths, the repo's
 * blocked globs, anything outside allowed_paths when that is set).
 */
export function createPathGuard(options: PathGuardOptions): PathGuard {
  const rootReal = realpath(options.root);
  const policy = pathPolicyFor(options);

  return {
    async resolve(requested, mode) {
      if (requested.includes('\0')) throw new PathRefusedError(requested, 'it contains a NUL byte.');
      const root = await rootReal;
      const absolute = path.resolve(root, requested);
      if (outside(path.relative(root, absolute))) {
        throw new PathRefusedError(
          requested,
          'it is outside the workspace. Use paths relative to the repository root.',
        );
      }
      const real = await realTarget(requested, absolute);
      const relative = path.relative(root, real);
      if (outside(relative)) {
        throw new PathRefusedError(
          requested,
          'it resolves through a symlink to a location outside the workspace.',
        );
      }
      const lexical = toPosix(path.relative(root, absolute));
      const resolved = toPosix(relative);
      if ([...lexical.split('/'), ...resolved.split('/')].includes('.git')) {
        throw new PathRefusedError(
          requested,
          'Git internals (.git/) are off limits; the pipeline commits for you.',
        );
      }
      if (mode === 'write') {
        for (const candidate of new Set([lexical, resolved])) {
          const rule = policy(candidate);
          if (rule) throw new PathRefusedError(requested, `${rule.reason}; leave this file unchanged.`);
        }
      }
      return { absolute: real, relative: resolved };
    },
  };
}
