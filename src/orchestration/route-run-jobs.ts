import type { RunJob, RunJobContext, RunJobHandler } from '../queue/index.js';
import { getDeployRequest, type Database, type DeployRequest } from '../storage/index.js';

/** Sends each job to its run's executor: a deploy run (it has a deploy request) or an issue run. */
export function routeRunJobs(
  db: Database,
  executors: {
    issue: RunJobHandler;
    deploy: (job: RunJob, ctx: RunJobContext, request: DeployRequest) => Promise<void>;
  },
): RunJobHandler {
  return async (job, ctx) => {
    const request = await getDeployRequest(db.pool, job.runId);
    return request ? executors.deploy(job, ctx, request) : executors.issue(job, ctx);
  };
}
