import type { StartedCheckRun } from '../../../github/operations/check-runs.js';
import type { RunEventDataInput } from '../../../storage/index.js';
import type { NodeContext } from '../../node-context.js';

type CheckRunState = Pick<RunEventDataInput<'check_run'>, 'name' | 'headSha' | 'round'> &
  (
    | { status: 'in_progress' }
    | { status: 'completed'; conclusion: NonNullable<RunEventDataInput<'check_run'>['conclusion']> }
  );

/**
 * Puts the check run's state on the run's timeline, so the API and the run page show it without asking
 * GitHub: once when it is opened, once when it is completed.
 */
export async function recordCheckRun(
  ctx: NodeContext,
  checkRun: StartedCheckRun,
  state: CheckRunState,
): Promise<void> {
  const conclusion = state.status === 'completed' ? state.conclusion : null;
  await ctx.emit(
    'check_run',
    `check run ${state.name} ${conclusion ?? 'in progress'} on ${state.headSha.slice(0, 7)}`,
    {
      id: checkRun.id,
      name: state.name,
      headSha: state.headSha,
      status: state.status,
      conclusion,
      url: checkRun.url,
      detailsUrl: checkRun.detailsUrl,
      round: state.round,
    },
  );
}
