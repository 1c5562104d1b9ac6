import { minimatch } from 'minimatch';

/**
 * Paths no agent change may touch, whatever `.github/pipeline.yml` says: they decide what the repository's
 * CI runs with its secrets (workflows, actions, the pipeline's own config), who must review (CODEOWNERS), how
 * files are diffed and filtered (`.gitattributes`, which could hide a file from the secret scan), and which
 * other repositories are pulled in (`.gitmodules`). The repo file is written by the same people whose CI
 * secrets are at stake, so it can add blocked paths but never lift these.
 */
export const PROTECTED_PATHS: readonly string[] = [
  '.github/**',
  '.github/pipeline.yml',
  '**/.gitattributes',
  '.gitmodules',
  'CODEOWNERS',
  'docs/CODEOWNERS',
];

/** Why a path may not be written: the glob that refused it and where that glob comes from. */
export interface PathRule {
  /** `protected` (always on), `blocked_paths` (the repo's own globs), or `allowed_paths` (not listed there). */
  source: 'protected' | 'blocked_paths' | 'allowed_paths';
  /** The matching glob; for `allowed_paths`, the list the path is not under. */
  glob: string;
  /** One plain sentence for the agent and the status comment. */
  reason: string;
}

/** Whether a repo-relative path (posix separators) may be written; the rule that refuses it, if any. */
export type PathPolicy = (relativePath: string) => PathRule | undefined;

export interface PathPolicyOptions {
  /** The repo's `blocked_paths`, added to the protected paths. */
  blockedPaths?: readonly string[] | undefined;
  /** The repo's `allowed_paths`; when set, writes must match one of them as well. */
  allowedPaths?: readonly string[] | undefined;
}

/**
 * The one write policy for agent changes, used by the file tools (each write) and before every commit and
 * push (each changed path, whoever wrote it). Blocked globs match case-insensitively (a `.GitHub/` or
 * `codeowners` is refused too); dot files are matched like any other.
 */
export function pathPolicyFor({ blockedPaths = [], allowedPaths }: PathPolicyOptions = {}): PathPolicy {
  const blockedBy = (path: string, globs: readonly string[]) =>
    globs.find((glob) => minimatch(path, glob, { dot: true, nocase: true }));
  return (path) => {
    const protectedGlob = blockedBy(path, PROTECTED_PATHS);
    if (protectedGlob) {
      return {
        source: 'protected',
        glob: protectedGlob,
        reason: `it matches the protected path \`${protectedGlob}\`: the pipeline never changes CI configuration, code owners, Git attributes or submodules`,
      };
    }
    const blockedGlob = blockedBy(path, blockedPaths);
    if (blockedGlob) {
      return {
        source: 'blocked_paths',
        glob: blockedGlob,
        reason: `it matches the blocked path \`${blockedGlob}\` (blocked_paths in .github/pipeline.yml)`,
      };
    }
    if (allowedPaths && !allowedPaths.some((glob) => minimatch(path, glob, { dot: true }))) {
      return {
        source: 'allowed_paths',
        glob: allowedPaths.join(', '),
        reason: `it is not under allowed_paths (${allowedPaths.join(', ')}) from .github/pipeline.yml`,
      };
    }
    return undefined;
  };
}
