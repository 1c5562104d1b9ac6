import { readFileSync } from 'node:fs';
import { runAgent } from '../../../agents/run-agent.js';
import { createFileTools } from '../../../agents/tools/files.js';
import { finishTool } from '../../../agents/tools/finish.js';
import { untrusted } from '../../../agents/untrusted.js';
import { modelFor } from '../../../config/repo-config.js';
import { secretValues } from '../../../config/secret-values.js';
import {
  findOpenPullRequest,
  openDraftPullRequest,
  updatePullRequestBody,
} from '../../../github/operations/pull-requests.js';
import { scanDiffForSecrets, scanTextForSecrets } from '../../../integrations/secrets/index.js';
import {
  branchNameFor,
  changedFiles,
  checkoutBranch,
  commitAll,
  diffAgainst,
  push,
} from '../../../integrations/workspace/index.js';
import { updateRun } from '../../../storage/index.js';
import {
  agentBudget,
  agentEventRecorder,
  agentUsageRecorder,
  COMPACTION,
  finishedWith,
  followUps,
  sandboxedCommandTool,
  searchCodeTools,
} from '../../agent-support.js';
import { RunFailedError } from '../../errors.js';
import { defineNode } from '../../node-context.js';
import { promptFile } from '../../prompt-file.js';
import { readRepoRules } from '../../repo-rules.js';
import { publishStatus } from '../../status-comment.js';
import { STEP_PERMISSIONS } from '../../step-permissions.js';
import { pullRequestBody } from './pull-request-body.js';
import { refuseSecrets } from './refuse-secrets.js';
import { reviewChanges } from './review-changes.js';
import { describeFeedback, replyToReviewComments } from './review-feedback.js';
import { developResultSchema } from './schema.js';

const system = readFileSync(new URL('./system.md', import.meta.url), 'utf8');
const userPrompt = promptFile(new URL('./user.md', import.meta.url), [
  'repo',
  'branch',
  'issue',
  'plan',
  'instructions',
  'rules',
  'failure',
  'review',
]);

const MAX_DEVELOP_TURNS = 60;
const FAILURE_FEEDBACK_CHARS = 12_000;

/**
 * The development agent edits the clone on the run's branch; the node then checks what leaves (every changed
 * path against the path policy, the commit message and the PR's title and body for secrets), commits as the
 * app, scans the diff for secrets, pushes, and opens (or reuses) the draft PR that closes the issue.
 */
export const developNode = defineNode('develop', async (state, ctx) => {
  const config = state.config;
  // The agent's run_command could not run here; fail before spending anything on the agent.
  ctx.deps.sandbox.assertUsable();
  await publishStatus(
    ctx,
    state,
    'developing',
    state.lastTest && !state.lastTest.passed ? 'Fixing the failing tests…' : undefined,
  );
  const ws = await ctx.deps.workspaces.forRun(ctx, state);
  const branch = state.branch ?? branchNameFor(state.issue.number, state.issue.title);
  await checkoutBranch(ws, branch, { fromRemoteIfExists: true });
  await updateRun(ctx.deps.db.pool, ctx.run.id, { branch });
  const failure = state.lastTest && !state.lastTest.passed ? state.lastTest : undefined;
  const review = await reviewChanges(ctx, state, ws, branch, config);
  const knownSecrets = secretValues(ctx.deps.settings);

  const result = await runAgent({
    client: ctx.deps.claude,
    model: modelFor(config, 'development', ctx.deps.settings.PIPELINE_MODEL),
    system,
    tools: [
      ...createFileTools({
        root: ws.dir,
        blockedPaths: config.blocked_paths,
        allowedPaths: config.allowed_paths,
      }),
      sandboxedCommandTool(ctx, ws.dir, config),
      ...searchCodeTools(ctx, state.repoFullName),
      finishTool(developResultSchema, 'finish', 'Report that the change is complete.', {
        verify: () => review.atFinish(),
      }),
    ],
    userMessage: userPrompt({
      repo: state.repoFullName,
      branch,
      issue: untrusted('issue', `# ${state.issue.title}\n\n${state.issue.body}`),
      plan: state.workPlan
        ? `The plan:\n${state.workPlan.summary}\n\n${state.workPlan.steps.map((s, i) => `${i + 1}. ${s}`).join('\n')}`
        : '',
      instructions: state.instructions
        ? untrusted('comment', `Extra instructions from the maintainer:\n${state.instructions}`)
        : '',
      rules: await readRepoRules(ctx, ws.dir).then((r) => (r ? untrusted('repository rules', r) : '')),
      failure: failure
        ? untrusted(
            'test output',
            `Test round ${state.testRounds} failed (\`${failure.command}\`):\n${failure.failureOutput.slice(-FAILURE_FEEDBACK_CHARS)}`,
          )
        : '',
      review: state.reviewFeedback.length
        ? untrusted(
            'pull request review',
            `Reviewers asked for these changes on PR #${state.prNumber}:\n\n${describeFeedback(state.reviewFeedback)}`,
          )
        : '',
    }),
    maxTurns: MAX_DEVELOP_TURNS,
    compaction: COMPACTION,
    pendingMessages: followUps(ctx),
    budget: agentBudget(ctx, config.max_cost_usd),
    signal: ctx.signal,
    onUsage: agentUsageRecorder(ctx),
    onEvent: agentEventRecorder(ctx),
  });
  await ctx.checkCancelled();
  // Before the finish is judged: an agent that gave up over a refused path is reported by that path.
  if (result.stopReason !== 'budget' && result.stopReason !== 'aborted') await review.beforeCommit();
  const finished = finishedWith(ctx, result, developResultSchema, 'development agent', config.max_cost_usd);
  const log = result.toolCalls.map((call) => `${call.isError ? '✗' : '✓'} ${call.name} ${call.summary}`);
  const message = `${finished.commitTitle}\n\n${finished.summary}\n\nRefs #${state.issue.number}`;
  const body = pullRequestBody({
    issueNumber: state.issue.number,
    summary: finished.summary,
    plan: state.workPlan,
    log: [...state.developLog, ...log],
    runId: ctx.run.id,
  });

  const scans = await Promise.all([
    scanTextForSecrets(message, 'commit message', { knownSecrets }),
    scanTextForSecrets(finished.commitTitle, 'pull request title', { knownSecrets }),
    scanTextForSecrets(body, 'pull request body', { knownSecrets }),
  ]);
  await refuseSecrets(ctx, scans.flat(), 'the commit message or the pull request text');
  const identity = await ctx.deps.botIdentity();
  const sha = await commitAll(ws, { message, author: identity });
  // A round may find its work already on the branch (a worker died after pushing, before its checkpoint).
  if (!sha && !state.prNumber && (await changedFiles(ws, ws.defaultBranch)).length === 0) {
    throw new RunFailedError('the development agent finished without changing any file');
  }

  const diff = await diffAgainst(ws, `origin/${ws.defaultBranch}`);
  await refuseSecrets(ctx, await scanDiffForSecrets(diff, { knownSecrets }), 'the change');
  const pushToken = await ctx.deps.gitToken(state.installationId, {
    repoFullName: ctx.run.repoFullName,
    permissions: STEP_PERMISSIONS.push,
  });
  await push(ws, branch, { token: pushToken, policy: review.policy });
  const headSha = await ws.headSha();
  await ctx.emit('pushed', `pushed ${headSha.slice(0, 7)} to ${branch}`, { headSha, branch });

  const existing = await findOpenPullRequest(ctx.octokit, ctx.repo, branch);
  const pr =
    existing ??
    (await openDraftPullRequest(ctx.octokit, ctx.repo, {
      branch,
      base: ws.defaultBranch,
      title: finished.commitTitle,
      body,
    }));
  if (existing) await updatePullRequestBody(ctx.octokit, ctx.repo, existing.number, body);
  await updateRun(ctx.deps.db.pool, ctx.run.id, { prNumber: pr.number });
  await ctx.emit('pull_request', `${existing ? 'updated' : 'opened'} draft PR #${pr.number}`, {
    number: pr.number,
  });
  await replyToReviewComments(ctx, pr.number, state.reviewFeedback, headSha);
  return { branch, prNumber: pr.number, headSha, developLog: log, reviewFeedback: [] };
});
