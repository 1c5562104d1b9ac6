import { runGit } from './run-git.js';

/** Runs git in `cwd` and returns stdout; a failure names the command and carries git's stderr. */
export async function gitOutput(cwd: string, args: string[]): Promise<string> {
  let result;
  try {
    result = await runGit(cwd, args);
  } catch (error) {
    throw new Error(`git ${args.join(' ')} failed in ${cwd}: ${String(error)}`, { cause: error });
  }
  if (result.exitCode !== 0)
    throw new Error(
      `git ${args.join(' ')} failed in ${cwd}: ${result.stderr.trim() || `exit ${result.exitCode}`}`,
    );
  return result.stdout;
}
