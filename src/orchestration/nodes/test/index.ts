import { completeCheckRun, startCheckRun } from '../../../github/operations/check-runs.js';
import { secretValues } from '../../../config/secret-values.js';
import { createSecretRedactor } from '../../../integrations/secrets/index.js';
import { parseTestOutput, toAnnotations } from '../../../integrations/test-reports/index.js';
import { listChanges } from '../../../integrations/workspace/index.js';
import { defineNode } from '../../node-context.js';
import { publishStatus } from '../../status-comment.js';
import type { TestReport } from '../../state.js';
import { describeBlockedEgress } from './describe-blocked-egress.js';
import { describeTestChanges } from './describe-test-changes.js';
import { diagnoseFailure } from './diagnose-failure.js';
import { runTests } from './run-tests.js';
import { testCommandsFor } from '../../test-commands-for.js';
import { runPageUrl } from '../../run-page-url.js';
import { recordCheckRun } from './record-check-run.js';
import { testRoundOutput } from './test-round-output.js';

export const CHECK_NAME = 'pipeline/tests';
const FAILURE_OUTPUT_CHARS = 20_000;

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
  const headSha = state.headSha;
  const checkRun = await startCheckRun(
    ctx.octokit,
    ctx.repo,
    headSha,
    CHECK_NAME,
    runPageUrl(ctx.deps.settings, ctx.run.id),
  );
  const checkRunId = checkRun.id;
  const checkRunState = { name: CHECK_NAME, headSha, round };
  await recordCheckRun(ctx, checkRun, { ...checkRunState, status: 'in_progress' });
  if (!commands) {
    const report: TestReport = {
      passed: true,
      command: '(none)',
      summary: 'no test command configured or detected',
      failureOutput: '',
      annotations: 0,
      headSha,
      checkRunId,
    };
    await completeCheckRun(ctx.octokit, ctx.repo, checkRunId, 'neutral', {
      title: 'No tests found',
      summary:
        'No `test` command is set in `.github/pipeline.yml` and none could be detected (npm, pytest, go, cargo, make).',
    });
    await recordCheckRun(ctx, checkRun, { ...checkRunState, status: 'completed', conclusion: 'neutral' });
    ctx.deps.metrics.testRounds.inc({ outcome: 'no_tests' });
    return { lastTest: report, testRounds: round };
  }

  const { failedStep, result, transcript, blockedEgress } = await runTests(ctx, ws.dir, config, commands);
  if (result.cancelled) {
    // A check left in progress would spin on the PR forever; a resumed run makes a new one on its next head.
    await completeCheckRun(ctx.octokit, ctx.repo, checkRunId, 'cancelled', {
      title: 'Tests stopped',
      summary: `\`${failedStep ?? commands.test}\` was stopped before it finished because the run was cancelled or its worker stopped.`,
      text: '```text\n' + transcript.slice(-60_000) + '\n```',
    });
    await recordCheckRun(ctx, checkRun, { ...checkRunState, status: 'completed', conclusion: 'cancelled' });
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
  // Whether the change brought its own tests is part of what a reviewer reads off the check.
  const testChanges = describeTestChanges(
    await listChanges(ws, `origin/${ws.defaultBranch}`, { staged: false }),
  );
  const conclusion = passed ? 'success' : result.timedOut ? 'timed_out' : 'failure';
  await completeCheckRun(ctx.octokit, ctx.repo, checkRunId, conclusion, {
    title: passed ? 'Tests passed' : `Tests failed (round ${round})`,
    summary: [`${summary}\n\n${testChanges}`, describeBlockedEgress(blockedEgress)]
      .filter(Boolean)
      .join('\n\n'),
    text: '```text\n' + transcript.slice(-60_000) + '\n```',
    annotations,
  });
  await recordCheckRun(ctx, checkRun, { ...checkRunState, status: 'completed', conclusion });
  const mask = createSecretRedactor(secretValues(ctx.deps.settings));
  await ctx.emit('tested', summary, {
    passed,
    annotations: annotations.length,
    round,
    checkRunId,
    command: failedStep ?? commands.test,
    ...testRoundOutput(transcript, annotations, mask),
  });
  ctx.deps.metrics.testRounds.inc({ outcome: passed ? 'passed' : 'failed' });
  // Only a failure another development round will see is worth a diagnosis; a hang has nothing to read.
  const diagnosis =
    !passed && !result.timedOut && round < config.max_test_rounds
      ? await diagnoseFailure(ctx, config, ws, {
          command: failedStep ?? commands.test,
          failures: parsed.failures,
          output: transcript,
        })
      : undefined;
  const report: TestReport = {
    passed,
    command: failedStep ?? commands.test,
    summary,
    failureOutput: passed ? '' : transcript.slice(-FAILURE_OUTPUT_CHARS),
    ...(diagnosis ? { diagnosis } : {}),
    annotations: annotations.length,
    headSha,
    checkRunId,
  };
  return { lastTest: report, testRounds: round };
});
