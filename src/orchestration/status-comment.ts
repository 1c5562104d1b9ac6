import { LRUCache } from 'lru-cache';
import { editComment, findCommentWithMarker, postComment } from '../github/operations/comments.js';
import { runMarker } from '../github/replies/messages.js';
import type { SandboxStatus } from '../integrations/sandbox/index.js';
import { getRun, updateRun, type Run } from '../storage/index.js';
import type { NodeContext } from './node-context.js';
import { runPageUrl } from './run-page-url.js';
import type { RunStateType } from './state.js';

export type StatusPhase =
  | 'planning'
  | 'awaiting_approval'
  | 'developing'
  | 'testing'
  | 'ready'
  | 'answered'
  | 'needs_input'
  | 'failed'
  | 'cancelled';

const phaseLine: Record<StatusPhase, string> = {
  planning: '🧭 Planning',
  awaiting_approval: '⏸️ Waiting for approval',
  developing: '🛠️ Writing the change',
  testing: '🧪 Running the tests',
  ready: '✅ Pull request ready for review',
  answered: '💬 Answered',
  needs_input: '❓ Needs more detail',
  failed: '❌ Failed',
  cancelled: '🛑 Cancelled',
};

/** What a maintainer can type while a run waits for approval of its plan. */
export const APPROVAL_NOTE =
  'Comment `/pipeline approve` to start coding, `/pipeline plan <changes>` to get a revised plan, or `/pipeline cancel` to stop.';

const box = (done: boolean) => (done ? '[x]' : '[ ]');

/** The body of the run's one status comment: where the run is, the plan as a task list, links, cost. */
export function renderStatusComment(
  state: RunStateType,
  view: {
    runId: string;
    phase: StatusPhase;
    costUsd: number;
    tokens: number;
    note?: string;
    /** A standing warning shown on every update (e.g. commands running without a sandbox). */
    warning?: string | undefined;
    /** The run's page on the dashboard, when the app has a public URL. */
    runUrl?: string | undefined;
  },
): string {
  const { workPlan: plan, prNumber, lastTest } = state;
  const coded = prNumber !== undefined;
  const runName = view.runUrl ? `[\`${view.runId}\`](${view.runUrl})` : `\`${view.runId}\``;
  const lines = [runMarker(view.runId), `### ${phaseLine[view.phase]} · pipeline run ${runName}`, ''];
  if (view.warning) lines.push(`> ⚠️ ${view.warning}`, '');
  if (view.note) lines.push(view.note, '');
  if (plan) {
    lines.push(`**Plan:** ${plan.summary}`, '');
    for (const step of plan.steps) lines.push(`- ${box(coded)} ${step}`);
    if (plan.files.length) lines.push('', `Files: ${plan.files.map((f) => `\`${f}\``).join(', ')}`);
    if (plan.testStrategy) lines.push(`Tests: ${plan.testStrategy}`);
    if (plan.risks.length) lines.push(`Risks: ${plan.risks.join('; ')}`);
    lines.push('');
  }
  lines.push(
    `- ${box(plan !== undefined)} Plan`,
    `- ${box(coded)} Code pushed${state.branch ? ` to \`${state.branch}\`` : ''}${prNumber ? ` — #${prNumber}` : ''}`,
    `- ${box(lastTest?.passed === true)} Tests${lastTest ? ` (${lastTest.passed ? 'passing' : 'failing'}, round ${state.testRounds}: ${lastTest.summary})` : ''}`,
    `- ${box(view.phase === 'ready')} Ready for review`,
    '',
    `<sub>Tokens: ${view.tokens.toLocaleString('en-US')} · cost: $${view.costUsd.toFixed(4)} · ` +
      'commands: `/pipeline status`, `/pipeline cancel`, `/pipeline retry`</sub>',
  );
  return lines.join('\n');
}

/** What publishing the status comment needs: a node's context, or the executor's equivalent. */
export type StatusSurface = Pick<NodeContext, 'deps' | 'run' | 'octokit' | 'repo'>;

/**
 * The body this process last wrote to each status comment. Only the worker holding a run edits its comment, so
 * what it wrote is what GitHub shows; a worker that takes a run over starts with an empty cache and writes.
 */
const lastPublished = new LRUCache<number, string>({ max: 5_000 });

/**
 * Creates the status comment once (found again by its marker after a crash) and edits it on every call.
 */
export async function publishStatus(
  ctx: StatusSurface,
  state: RunStateType,
  phase: StatusPhase,
  note?: string,
): Promise<void> {
  const run = (await getRun(ctx.deps.db.pool, ctx.run.id)) ?? ctx.run;
  const body = renderStatusComment(state, {
    runId: run.id,
    phase,
    costUsd: run.costUsd,
    tokens: run.inputTokens + run.outputTokens,
    note,
    warning: runWarning(ctx.deps.sandbox.status, state),
    runUrl: runPageUrl(ctx.deps.settings, run.id),
  });
  const id = run.statusCommentId ?? (await findOwnStatusComment(ctx, run));
  if (id) {
    // Writes are what GitHub rate-limits (one a second); an edit that changes nothing is skipped.
    if (lastPublished.get(id) === body) return;
    await editComment(ctx.octokit, ctx.repo, id, body);
    lastPublished.set(id, body);
    if (!run.statusCommentId) await updateRun(ctx.deps.db.pool, run.id, { statusCommentId: id });
    return;
  }
  const created = await postComment(ctx.octokit, ctx.repo, run.issueNumber, body);
  lastPublished.set(created, body);
  await updateRun(ctx.deps.db.pool, run.id, { statusCommentId: created });
}

/** Every status comment of a worker that runs commands unsandboxed, or of a run with the whole network, says so. */
function runWarning(status: SandboxStatus, state: RunStateType): string | undefined {
  const warnings = [
    status.state === 'unsafe' ? status.note : undefined,
    // The config is read at intake; a comment written before that has none yet.
    (state.config as RunStateType['config'] | undefined)?.allow_network
      ? UNRESTRICTED_NETWORK_NOTE
      : undefined,
  ].filter((warning) => warning !== undefined);
  return warnings.length ? warnings.join(' ') : undefined;
}

const UNRESTRICTED_NETWORK_NOTE =
  '`allow_network: true` in `.github/pipeline.yml`: commands of this run can reach the whole network, not only ' +
  'the package registries and `network.allow`.';

/** The run's comment from before a crash, among the app's own comments only (anyone can copy the marker). */
async function findOwnStatusComment(ctx: StatusSurface, run: Run): Promise<number | undefined> {
  const app = await ctx.deps.botIdentity();
  return findCommentWithMarker(ctx.octokit, ctx.repo, run.issueNumber, runMarker(run.id), {
    login: app.name,
    appId: app.appId,
  });
}
