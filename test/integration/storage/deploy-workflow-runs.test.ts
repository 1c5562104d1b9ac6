import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  claimDeployment,
  followedWorkflowRuns,
  getDeployment,
  markWorkflowDispatched,
  setDeploymentWorkflowRun,
} from '../../../src/storage/index.js';
import { describeEachBackend, type BackendInstance } from '../../support/backends.js';
import { freshRunId } from './fixtures.js';

describeEachBackend('the workflow run a deployment follows', (backend) => {
  let instance: BackendInstance;
  beforeAll(async () => {
    instance = await backend.setup();
  });
  afterAll(() => instance.cleanup());

  it('is dispatched by one attempt only, and its run is remembered for the attempts after it', async () => {
    const { pool } = instance.db;
    const repoFullName = 'acme/widgets-workflows';
    const runId = await freshRunId(pool, { repoFullName });
    const where = {
      runId,
      role: 'deploy' as const,
      repoFullName,
      environment: 'production',
      sha: 'a'.repeat(40),
    };
    await claimDeployment(pool, where);
    expect(await getDeployment(pool, runId, 'deploy')).toMatchObject({
      workflowDispatchedAt: null,
      workflowRunId: null,
    });

    // Two attempts racing to dispatch: one gets the time, the other learns a dispatch may have happened.
    const [first, second] = await Promise.all([
      markWorkflowDispatched(pool, runId, 'deploy'),
      markWorkflowDispatched(pool, runId, 'deploy'),
    ]);
    expect([first, second].filter((at) => at instanceof Date)).toHaveLength(1);
    expect(await markWorkflowDispatched(pool, runId, 'deploy')).toBeNull();

    await setDeploymentWorkflowRun(pool, runId, 'deploy', 30_000_001);
    const record = await getDeployment(pool, runId, 'deploy');
    expect(record?.workflowRunId).toBe(30_000_001);
    expect(record?.workflowDispatchedAt?.getTime()).toBe((first ?? second)?.getTime());
    expect([...(await followedWorkflowRuns(pool, repoFullName))]).toEqual([30_000_001]);
    expect([...(await followedWorkflowRuns(pool, 'acme/other'))]).toEqual([]);
  });
});
