import type { AnthropicTwin } from '../../twins/anthropic/index.js';
import type { GitHubTwin } from '../../twins/github/twin.js';
import { REPO } from './crash-world.js';
import type { RunOutcome } from './run-outcome.js';

const CHECK_NAME = 'pipeline/tests';

/**
 * What a crashed-and-resumed run must leave behind, as a list of problems (empty = consistent): the run
 * succeeded; one status comment on the issue, ending "ready"; one `pipeline/…` branch; one PR from it,
 * out of draft, matching the run row; at most one `pipeline/tests` check run per head SHA, green on the
 * PR's head; and no request the model twin could not answer.
 */
export async function consistencyProblems(
  github: GitHubTwin,
  anthropic: AnthropicTwin,
  issueNumber: number,
  outcome: RunOutcome,
): Promise<string[]> {
  const problems: string[] = [];
  const { run } = outcome;
  if (!run) return [`no run was recorded for #${issueNumber} (ended by ${outcome.endedBy})`];
  if (run.status !== 'succeeded')
    problems.push(
      `run ended ${run.status}${run.error ? `: ${run.error}` : ''} (ended by ${outcome.endedBy})`,
    );

  const comments = github.comments(REPO, issueNumber).filter((c) => c.user === github.app.botLogin);
  if (comments.length !== 1) problems.push(`${comments.length} bot comments on the issue (want 1)`);
  const status = comments.at(-1);
  if (status && !status.body.includes('Pull request ready for review'))
    problems.push(`status comment does not say ready: "${status.body.split('\n')[1] ?? ''}"`);

  const branches = Object.keys(await github.branches(REPO)).filter((b) => b.startsWith('pipeline/'));
  if (branches.length !== 1)
    problems.push(`${branches.length} pipeline branches (want 1): ${branches.join(', ')}`);
  const pulls = github.pullRequests(REPO);
  if (pulls.length !== 1) problems.push(`${pulls.length} pull requests (want 1)`);
  const pr = pulls[0];
  if (pr) {
    if (pr.head.ref !== branches[0]) problems.push(`the PR's head ${pr.head.ref} is not the pipeline branch`);
    if (pr.draft) problems.push(`PR #${pr.number} is still a draft`);
    if (run.prNumber !== pr.number)
      problems.push(`run row says PR #${String(run.prNumber)}, GitHub has #${pr.number}`);
  }

  const checks = github.checkRuns(REPO).filter((c) => c.name === CHECK_NAME);
  const perSha = new Map<string, number>();
  for (const check of checks) perSha.set(check.headSha, (perSha.get(check.headSha) ?? 0) + 1);
  for (const [sha, count] of perSha)
    if (count > 1) problems.push(`${count} ${CHECK_NAME} check runs on ${sha.slice(0, 7)}`);
  const headCheck = pr ? checks.find((c) => c.headSha === pr.head.sha) : undefined;
  if (pr && headCheck?.conclusion !== 'success')
    problems.push(`the PR head's check run is ${headCheck ? String(headCheck.conclusion) : 'missing'}`);
  const stuck = checks.filter((c) => c.status !== 'completed');
  if (stuck.length > 0)
    problems.push(`${stuck.length} check run(s) left ${stuck.map((c) => c.status).join(', ')}`);

  for (const failure of anthropic.failures)
    problems.push(`model twin: ${failure.message.split('\n')[0] ?? ''}`);
  return problems;
}

/**
 * What a crashed-and-resumed deploy run (by workflow) must leave behind: the run succeeded; one comment on the
 * merged PR, ending "deployed" and linking the workflow run; one dispatch, of the merge commit, and its one
 * workflow run completed; one deployment of the merge commit whose statuses went queued → in_progress → success.
 */
export function deployConsistencyProblems(
  github: GitHubTwin,
  merged: { prNumber: number; sha: string },
  outcome: RunOutcome,
): string[] {
  const problems: string[] = [];
  const { run } = outcome;
  if (!run) return [`no deploy run was recorded for #${merged.prNumber} (ended by ${outcome.endedBy})`];
  if (run.status !== 'succeeded')
    problems.push(
      `deploy run ended ${run.status}${run.error ? `: ${run.error}` : ''} (ended by ${outcome.endedBy})`,
    );

  const dispatches = github.workflowDispatches(REPO);
  if (dispatches.length !== 1) problems.push(`${dispatches.length} workflow dispatches (want 1)`);
  if (dispatches[0] && dispatches[0].inputs['ref'] !== merged.sha)
    problems.push(
      `the workflow was dispatched for ${String(dispatches[0].inputs['ref'])}, not the merge commit`,
    );
  const runs = github.workflowRuns(REPO);
  const unfinished = runs.filter((r) => r.status !== 'completed' || r.conclusion !== 'success');
  if (unfinished.length > 0)
    problems.push(
      `workflow run(s) ${unfinished.map((r) => `${r.status}/${String(r.conclusion)}`).join(', ')}`,
    );

  const deployments = github.deployments(REPO);
  if (deployments.length !== 1) problems.push(`${deployments.length} deployments (want 1)`);
  const deployment = deployments[0];
  if (deployment && deployment.sha !== merged.sha) problems.push('the deployment is not of the merge commit');
  const states = deployment?.statuses.map((s) => s.state).join(' → ') ?? '';
  if (deployment && states !== 'queued → in_progress → success')
    problems.push(`deployment statuses ${states} (want queued → in_progress → success)`);

  const comments = github.comments(REPO, merged.prNumber).filter((c) => c.user === github.app.botLogin);
  if (comments.length !== 1) problems.push(`${comments.length} bot comments on the PR (want 1)`);
  const body = comments.at(-1)?.body ?? '';
  const runId = dispatches[0]?.runId;
  if (
    !body.includes(`Deployed \`${merged.sha.slice(0, 7)}\``) ||
    !body.includes(`/actions/runs/${String(runId)}`)
  )
    problems.push(
      `the deploy comment does not say deployed by workflow run ${String(runId)}: "${body.split('\n')[3] ?? ''}"`,
    );
  return problems;
}
