import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runGit } from './run-git.js';
import { writeFiles, type RepoFiles } from './write-files.js';

export interface CreateBareRepoOptions {
  /** Directory that holds `<owner>/<repo>.git`; it is git http-backend's GIT_PROJECT_ROOT. */
  projectRoot: string;
  fullName: string;
  files: RepoFiles;
  defaultBranch: string;
  message?: string;
}

/** Path of a repository's bare git directory under the project root. */
export function bareRepoPath(projectRoot: string, fullName: string): string {
  return join(projectRoot, `${fullName}.git`);
}

/** Creates a real bare repository whose default branch has one commit holding `files`. */
export async function createBareRepo(options: CreateBareRepoOptions): Promise<string> {
  const gitDir = bareRepoPath(options.projectRoot, options.fullName);
  await mkdir(dirname(gitDir), { recursive: true });
  await runGit(['init', '--quiet', '--bare', `--initial-branch=${options.defaultBranch}`, gitDir]);
  await runGit(['config', 'http.receivepack', 'true'], { cwd: gitDir });
  const workTree = await mkdtemp(join(tmpdir(), 'twin-seed-'));
  try {
    await writeFiles(workTree, options.files);
    const git = ['--git-dir', gitDir, '--work-tree', workTree];
    await runGit([...git, 'add', '--all']);
    await runGit([...git, 'commit', '--quiet', '--allow-empty', '-m', options.message ?? 'Initial commit']);
  } finally {
    await rm(workTree, { recursive: true, force: true });
  }
  return gitDir;
}

/** Every ref of the repository with the object it points at. */
export async function listRefs(gitDir: string): Promise<Map<string, string>> {
  const { stdout } = await runGit(['for-each-ref', '--format=%(refname) %(objectname)'], { cwd: gitDir });
  const refs = new Map<string, string>();
  for (const line of stdout.split('\n')) {
    const [name, sha] = line.split(' ');
    if (name && sha) refs.set(name, sha);
  }
  return refs;
}

/** The commit a branch, tag or sha names, or null when it names nothing. */
export async function resolveCommit(gitDir: string, rev: string): Promise<string | null> {
  const result = await runGit(['rev-parse', '--verify', '--quiet', `${rev}^{commit}`], {
    cwd: gitDir,
    allowFailure: true,
  });
  return result.code === 0 ? result.stdout.trim() : null;
}
