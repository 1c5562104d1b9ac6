import { completeCheckRun, startCheckRun } from '../../../github/operations/check-runs.js';
import {
  detectTestCommand,
  parseTestOutput,
  toAnnotations,
} from '../../../integrations/test-reports/index.js';
import { gitOutput } from '../../../integrations/git/index.js';
import { readWorkspaceFile, WorkspaceFileError } from '../../../integrations/workspace/index.js';
import { RunFailedError } from '../../errors.js';
import { defineNode } from '../../node-context.js';
import { publishStatus } from '../../status-comment.js';
import type { TestReport } from '../../state.js';
import { runTests, type TestCommands } from './run-tests.js';

export const CHECK_NAME = 'pipeline/tests';
const FAILURE_OUTPUT_CHARS = 20_000;
/** A package.json larger than this is not one worth detecting scripts in. */
const MAX_PACKAGE_JSON_BYTES = 1024 * 1024;

/**
 * Runs the repository's tests on the pushed head and reports check run `pipeline/tests` with annotations.
 * The router sends a failure back to development until `max_test_rounds` is reached.
 */
export const testNode = defineNode('test', async (state, ctx) => {
  const config = state.config;
  if (!state.headSha || !state.prNumber) throw new Error('the test step needs a pushed head and a PR');
  // Fails closed before a check run is opened: no command runs where it cannot be sandboxed.
  ctx.deps.sandbox.assertUsable();
  const round = state.testRounds + 1;
  await publishStatus(
    ctx,
    state,
    'testing',
    `Running the tests (round ${round} of at most ${config.max_test_rounds})…`,
  );
  const ws = await ctx.deps.workspaces.forRun(ctx, state);
  const commands = await testCommandsFor(ws.dir, config.setup, config.test, ctx.signal);
  const checkRunId = await startCheckRun(ctx.octokit, ctx.repo, state.headSha, CHECK_NAME);
  if (!commands) {
    const report: TestReport = {
      passed: true,
      command: '(none)',
      summary: 'no test command configured or detected',
      failureOutput: '',
      annotations: 0,
      headSha: state.headSha,
      checkRunId,
    };
    await completeCheckRun(ctx.octokit, ctx.repo, checkRunId, 'neutral', {
      title: 'No tests found',
      summary:
        'No `test` command is set in `.github/pipeline.yml` and none could be detected (npm, pytest, go, cargo, make).',
    });
    return { lastTest: report, testRounds: round };
  }

  const { failedStep, result, transcript } = await runTests(ctx, ws.dir, config, commands);
  if (result.cancelled) {
    // A check left in progress would spin on the PR forever; a resumed run makes a new one on its next head.
    await completeCheckRun(ctx.octokit, ctx.repo, checkRunId, 'cancelled', {
      title: 'Tests stopped',
      summary: `\`${failedStep ?? commands.test}\` was stopped before it finished because the run was cancelled or its worker stopped.`,
      text: '```text\n' + transcript.slice(-60_000) + '\n```',
    });
  }
  await ctx.checkCancelled();
  if (result.cancelled) throw new Error('the tests were interrupted because the worker is stopping');
  const parsed = parseTestOutput(result.output);
  const annotations = failedStep ? toAnnotations(parsed, { workspaceDir: ws.dir }) : [];
  const passed = failedStep === undefined;
  const counts =
    parsed.passed !== undefined || parsed.failed !== undefined
      ? `${parsed.passed ?? 0} passed, ${parsed.failed ?? 0} failed`
      : '';
  const summary = passed
    ? `\`${commands.test}\` passed${counts ? ` (${counts})` : ''}`
    : result.timedOut
      ? `\`${failedStep}\` timed out after ${config.test_timeout_seconds}s`
      : `\`${failedStep}\` failed with exit code ${result.exitCode}${counts ? ` (${counts})` : ''}`;
  await completeCheckRun(
    ctx.octokit,
    ctx.repo,
    checkRunId,
    passed ? 'success' : result.timedOut ? 'timed_out' : 'failure',
    {
      title: passed ? 'Tests passed' : `Tests failed (round ${round})`,
      summary,
      text: '```text\n' + transcript.slice(-60_000) + '\n```',
      annotations,
    },
  );
  await ctx.emit('tested', summary, { passed, annotations: annotations.length, round });
  const report: TestReport = {
    passed,
    command: failedStep ?? commands.test,
    summary,
    failureOutput: passed ? '' : transcript.slice(-FAILURE_OUTPUT_CHARS),
    annotations: annotations.length,
    headSha: state.headSha,
    checkRunId,
  };
  return { lastTest: report, testRounds: round };
});

async function testCommandsFor(
  dir: string,
  setup: string[] | undefined,
  test: string | undefined,
  signal: AbortSignal,
): Promise<TestCommands | undefined> {
  if (test) return { setup: setup ?? [], test };
  const files = (await gitOutput(dir, ['ls-files'])).split('\n').filter(Boolean);
  const packageJson = files.includes('package.json') ? await readPackageJson(dir, signal) : undefined;
  const detected = detectTestCommand(files, packageJson);
  if (!detected) return undefined;
  return { setup: setup ?? detected.setup ?? [], test: detected.test };
}

/** The root package.json, read as a regular file of the workspace (never through a link). */
async function readPackageJson(dir: string, signal: AbortSignal): Promise<unknown> {
  const unusable = (why: string) =>
    new RunFailedError(
      `${why}, so the test command could not be detected. Fix it, or set \`test\` in .github/pipeline.yml.`,
    );
  let text: string;
  try {
    text = (
      await readWorkspaceFile(dir, 'package.json', { maxBytes: MAX_PACKAGE_JSON_BYTES, signal })
    ).toString('utf8');
  } catch (error) {
    if (error instanceof WorkspaceFileError) throw unusable(error.message);
    throw error;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw unusable('package.json is not valid JSON');
  }
}
