import { execFile } from 'node:child_process';

export interface GitResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

const MAX_BUFFER = 16 * 1024 * 1024;

/** Runs git with an argument array (never a shell string); a non-zero exit is a result, not a throw. */
export function runGit(cwd: string, args: string[], signal?: AbortSignal): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      args,
      { cwd, maxBuffer: MAX_BUFFER, signal, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') return reject(error);
        resolve({ exitCode: error && typeof error.code === 'number' ? error.code : 0, stdout, stderr });
      },
    );
  });
}
