import { execFile } from 'node:child_process';
import { gitEnv } from './git-env.js';

export interface GitResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface RunGitOptions {
  signal?: AbortSignal | undefined;
  /** Largest stdout accepted; past it the command fails. */
  maxBuffer?: number;
}

/**
 * Runs git with an argument array (never a shell string) in the hardened environment of `gitEnv`;
 * a non-zero exit is a result, not a throw.
 */
export function runGit(cwd: string, args: string[], options: RunGitOptions = {}): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      args,
      {
        cwd,
        env: gitEnv(),
        maxBuffer: options.maxBuffer ?? 256 * 1024 * 1024,
        signal: options.signal,
        encoding: 'utf8',
      },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') return reject(error);
        resolve({ exitCode: error && typeof error.code === 'number' ? error.code : 0, stdout, stderr });
      },
    );
  });
}
