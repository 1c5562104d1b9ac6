import type { RepoConfig } from '../../../config/repo-config.js';
import { RunFailedError } from '../../errors.js';
import type { RunStateType } from '../../state.js';
import { testCommandsFor } from '../../test-commands-for.js';

/** The request development gets when the issue is a bug report: a test that shows the bug, then the fix. */
const REPRODUCTION_REQUEST =
  'This issue reports a bug, and the repository has tests. First add a test that reproduces the bug and fails ' +
  'without your fix; then fix the bug so that the test passes. Keep the test in the change.';

/** The reproduction request for a bug report on a repository with tests; empty otherwise. */
export async function reproductionRequest(
  state: RunStateType,
  dir: string,
  config: RepoConfig,
  signal: AbortSignal,
): Promise<string> {
  if (state.intent?.kind !== 'bug') return '';
  try {
    return (await testCommandsFor(dir, config.setup, config.test, signal)) ? REPRODUCTION_REQUEST : '';
  } catch (error) {
    // An unusable package.json is the test step's to report; here it only means no tests are known.
    if (error instanceof RunFailedError) return '';
    throw error;
  }
}
