import { randomBytes } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { gitFor } from '../git/index.js';
import { readDefaultBranch } from './read-default-branch.js';
import type { Workspace } from './types.js';
import { withWorkspaceError } from './workspace-error.js';
import { rememberToken } from './workspace-token.js';

export interface CloneWorkspaceInput {
  /** HTTPS (or file://) URL of the repository, without credentials. */
  remoteUrl: string;
  /** Installation access token, sent as an auth header only. */
  token: string;
  /** Parent directory of all workspaces. */
  baseDir: string;
  runId: string;
  /** Branch, tag or SHA to check out instead of the default branch. */
  ref?: string;
}

/** Clones the repository into a fresh `<baseDir>/<runId>-<random>` directory. */
export async function cloneWorkspace(input: CloneWorkspaceInput): Promise<Workspace> {
  const { token, ref } = input;
  const base = resolve(input.baseDir);
  await mkdir(base, { recursive: true });
  const dir = join(base, `${safeSegment(input.runId)}-${randomBytes(4).toString('hex')}`);
  try {
    await withWorkspaceError('clone', token, () =>
      gitFor(base, { token }).clone(input.remoteUrl, dir, ['--no-recurse-submodules']),
    );
    const git = gitFor(dir, { token });
    const defaultBranch = await withWorkspaceError('clone', token, () => readDefaultBranch(git));
    if (ref) await withWorkspaceError(`checkout ${ref}`, token, () => git.checkout(ref));
    const ws: Workspace = {
      dir,
      defaultBranch,
      headSha: () =>
        withWorkspaceError('rev-parse HEAD', token, async () => (await git.revparse(['HEAD'])).trim()),
      remove: () => rm(dir, { recursive: true, force: true }),
    };
    rememberToken(ws, token);
    return ws;
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

/** A run id reduced to characters that are safe in a directory name. */
function safeSegment(runId: string): string {
  return runId.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 64) || 'run';
}
