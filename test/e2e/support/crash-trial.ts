import { consistencyProblems, deployConsistencyProblems } from './consistency.js';
import { DEPLOY_RUN_MS, deployRepoFiles } from './crash-scenario.js';
import { CrashWorld, REPO, type CrashBackend } from './crash-world.js';
import type { ServiceUrls } from '../../support/service-admin.js';
import type { KillPoint } from './kill-points.js';
import { waitForOutcome } from './run-outcome.js';

export type TrialResult = {
  killPoint: string;
  node: KillPoint['node'];
  backend: CrashBackend;
  /** The worker holding the run was killed at the kill point. */
  killed: boolean;
  consistent: boolean;
  problems: string[];
  runStatus: string | undefined;
  /** Steps as `node:status`, in order. */
  steps: string[];
  durationMs: number;
  /** The processes' last lines, when something went wrong. */
  logs?: string;
};

export type TrialOptions = { services?: ServiceUrls; reachTimeoutMs?: number; finishTimeoutMs?: number };

/**
 * One kill test: start the app, open a `pipeline` issue (or, for a deploy kill point, merge a change into a
 * repository that deploys with its workflow), SIGKILL the process running the run at the kill point, let
 * recovery happen (embedded: the process is started again on the same data directory; postgres+redis: the
 * surviving worker takes the stalled job), and check what the run left on GitHub.
 */
export async function runKillTrial(
  point: KillPoint,
  backend: CrashBackend,
  options: TrialOptions = {},
): Promise<TrialResult> {
  const started = Date.now();
  const deploy = point.scenario === 'deploy';
  const world = await CrashWorld.start(backend, options.services, deploy ? deployRepoFiles : undefined);
  const result = (partial: Partial<TrialResult> & Pick<TrialResult, 'killed' | 'problems'>): TrialResult => ({
    killPoint: point.name,
    node: point.node,
    backend,
    consistent: partial.problems.length === 0,
    runStatus: undefined,
    steps: [],
    durationMs: Date.now() - started,
    ...partial,
  });
  try {
    await world.startApp();
    const gate = point.arm(world.proxies);
    if (deploy)
      world.github.scriptWorkflowRun(REPO, 'deploy.yml', { conclusion: 'success', runningMs: DEPLOY_RUN_MS });
    const merged = deploy ? await world.mergeRelease() : undefined;
    const issue = merged ? merged.prNumber : await world.openIssue();
    const reached = await Promise.race([
      gate.caught.then(() => true),
      new Promise<false>((resolve) => setTimeout(() => resolve(false), options.reachTimeoutMs ?? 30_000)),
    ]);
    if (!reached)
      return result({ killed: false, problems: ['the kill point was never reached'], logs: world.logs() });
    if (point.settleMs) await new Promise((resolve) => setTimeout(resolve, point.settleMs));
    const victim = await world.holder();
    await victim.kill();
    // Whatever the dead process had in flight stays where it was: never forwarded late.
    gate.drop();
    if (backend === 'embedded') await world.restartEmbedded();

    const outcome = await waitForOutcome(
      world,
      issue,
      options.finishTimeoutMs ?? 45_000,
      deploy ? (body) => body.includes('### Deploy of') && /\n\n(✅|❌|⚠️)/u.test(body) : undefined,
    );
    const problems = merged
      ? deployConsistencyProblems(world.github, merged, outcome)
      : await consistencyProblems(world.github, world.anthropic, issue, outcome);
    return result({
      killed: true,
      problems,
      runStatus: outcome.run?.status,
      steps: outcome.steps,
      ...(problems.length > 0 ? { logs: world.logs() } : {}),
    });
  } catch (error) {
    return result({
      killed: false,
      problems: [`trial error: ${error instanceof Error ? error.message : String(error)}`],
      logs: world.logs(),
    });
  } finally {
    await world.close();
  }
}
