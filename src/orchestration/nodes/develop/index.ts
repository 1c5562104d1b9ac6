import { developmentAgent } from '../../../agents/development/development-agent.js';
import { untrusted } from '../../../agents/untrusted.js';
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
  discardUncommitted,
  push,
} from '../../../integrations/workspace/index.js';
import { updateRun } from '../../../storage/index.js';
import { RunFailedError } from '../../errors.js';
import { defineNode } from '../../node-context.js';
import { readRepoRules } from '../../repo-rules.js';
import { runNodeAgent } from '../../run-node-agent.js';
import { sandboxedCommandRunner } from '../../sandboxed-command-runner.js';
import type { TestReport } from '../../state.js';
import { publishStatus } from '../../status-comment.js';
import { STEP_PERMISSIONS } from '../../step-permissions.js';
import { pullRequestBody } from './pull-request-body.js';
import { runPageUrl } from '../../run-page-url.js';
import { reproductionRequest } from './reproduction-request.js';
import { refuseSecrets } from './refuse-secrets.js';
import { reviewChanges } from './review-changes.js';
import { describeFeedback, replyToReviewComments } from './review-feedback.js';

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
  // The agent starts from what was pushed: what the test commands left behind is not part of the change.
  const leftovers = await discardUncommitted(ws);
  if (leftovers.length > 0) {
    const shown =
      leftovers.slice(0, 10).join(', ') + (leftovers.length > 10 ? ` and ${leftovers.length - 10} more` : '');
    await ctx.emit('workspace', `set aside what commands left in the clone and did not commit: ${shown}`);
  }
  await checkoutBranch(ws, branch, { fromRemoteIfExists: true });
  await updateRun(ctx.deps.db.pool, ctx.run.id, { branch });
  const failure = state.lastTest && !state.lastTest.passed ? state.lastTest : undefined;
  const review = await reviewChanges(ctx, state, ws, branch, config);
  const knownSecrets = secretValues(ctx.deps.settings);

  const search = ctx.deps.codeSearch;
  const agent = developmentAgent({
    workspaceDir: ws.dir,
    blockedPaths: config.blocked_paths,
    allowedPaths: config.allowed_paths,
    runCommand: sandboxedCommandRunner(ctx, ws.dir, config),
    searchCode: search && ((query, k) => search.search(state.repoFullName, query, k)),
    verifyFinish: () => review.atFinish(),
    prompt: {
      repo: state.repoFullName,
      branch,
      issue: untrusted('issue', `# ${state.issue.title}\n\n${state.issue.body}`),
      plan: state.workPlan
        ? `The plan:\n${state.workPlan.summary}\n\n${state.workPlan.steps.map((s, i) => `${i + 1}. ${s}`).join('\n')}`
        : '',
      reproduce: await reproductionRequest(state, ws.dir, config, ctx.signal),
      instructions: state.instructions
        ? untrusted('comment', `Extra instructions from the maintainer:\n${state.instructions}`)
        : '',
      rules: await readRepoRules(ctx, ws.dir).then((r) => (r ? untrusted('repository rules', r) : '')),
      failure: failure ? failureFeedback(failure, state.testRounds) : '',
      review: state.reviewFeedback.length
        ? untrusted(
            'pull request review',
            `Reviewers asked for these changes on PR #${state.prNumber}:\n\n${describeFeedback(state.reviewFeedback)}`,
          )
        : '',
    },
  });
  const { finished, result } = await runNodeAgent(ctx, config, agent, {
    mcpWorkspaceDir: ws.dir,
    afterLoop: async (loop) => {
      await ctx.checkCancelled();
      // Before the finish is judged: an agent that gave up over a refused path is reported by that path.
      if (loop.stopReason !== 'budget' && loop.stopReason !== 'aborted') await review.beforeCommit();
    },
  });
  const log = result.toolCalls.map((call) => `${call.isError ? '✗' : '✓'} ${call.name} ${call.summary}`);
  const message = `${finished.commitTitle}\n\n${finished.summary}\n\nRefs #${state.issue.number}`;
  const body = pullRequestBody({
    issueNumber: state.issue.number,
    summary: finished.summary,
    plan: state.workPlan,
    log: [...state.developLog, ...log],
    runId: ctx.run.id,
    runUrl: runPageUrl(ctx.deps.settings, ctx.run.id),
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
    url: pr.url,
    title: pr.title,
    draft: pr.draft,
    headBranch: branch,
    // The found PR's head is from before this push.
    headSha,
  });
  await replyToReviewComments(ctx, pr.number, state.reviewFeedback, headSha);
  return { branch, prNumber: pr.number, headSha, developLog: log, reviewFeedback: [] };
});

/** A diagnosis when the testing agent wrote one (it read the output so development need not); else the output. */
function failureFeedback(failure: TestReport, round: number): string {
  const heading = `Test round ${round} failed (\`${failure.command}\`)`;
  return failure.diagnosis
    ? untrusted('test diagnosis', `${heading}. The testing agent's diagnosis:\n${failure.diagnosis}`)
    : untrusted('test output', `${heading}:\n${failure.failureOutput.slice(-FAILURE_FEEDBACK_CHARS)}`);
}
