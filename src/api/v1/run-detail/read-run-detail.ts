import type { z } from '@hono/zod-openapi';
import {
  listDeploysOfRun,
  listEventsOfTypes,
  type Queryable,
  type Run,
  type RunEventOf,
  type RunEventType,
  type StoredRunEvent,
} from '../../../storage/index.js';
import type { RunDetailSchema } from '../schemas.js';
import { readCheckRuns } from './read-check-runs.js';
import { readPlan } from './read-plan.js';
import { readPullRequest } from './read-pull-request.js';
import { toDeployJson } from './read-deploys.js';

type RunDetailJson = z.infer<typeof RunDetailSchema>;

/** The events the run's plan, pull request and check runs are read from. */
const SUMMARY_EVENTS = [
  'planned',
  'pushed',
  'pull_request',
  'ready',
  'pull_request_closed',
  'check_run',
  'tested',
] as const satisfies readonly RunEventType[];

/**
 * What a run's detail shows beside its steps and cost, all read from the database (never from GitHub): its
 * plan, its pull request, its check runs and the deploys of its merged pull request.
 */
export async function readRunSides(
  db: Queryable,
  run: Run,
): Promise<Pick<RunDetailJson, 'plan' | 'pullRequest' | 'checkRuns' | 'deployments'>> {
  const [events, deploys] = await Promise.all([
    listEventsOfTypes(db, run.id, SUMMARY_EVENTS, { limit: 5000 }),
    listDeploysOfRun(db, run.id),
  ]);
  const of = <T extends (typeof SUMMARY_EVENTS)[number]>(type: T) =>
    events.filter((e): e is RunEventOf<T> => e.type === type);
  const deployments = await Promise.all(
    deploys.map(async (deploy) => {
      const statuses = await listEventsOfTypes(db, deploy.runId, ['deployment_status']);
      return toDeployJson(deploy, statuses.filter(isKnown));
    }),
  );
  return {
    plan: readPlan(run.id, of('planned'), of('pushed')),
    pullRequest: readPullRequest(
      run,
      {
        pullRequest: of('pull_request'),
        ready: of('ready'),
        pushed: of('pushed'),
        closed: of('pull_request_closed'),
      },
      deploys,
    ),
    checkRuns: readCheckRuns(of('check_run'), of('tested')),
    deployments,
  };
}

function isKnown<T extends StoredRunEvent>(event: T): event is Exclude<T, { type: 'unreadable' }> {
  return event.type !== 'unreadable';
}
