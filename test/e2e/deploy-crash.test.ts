import { describe, expect, it } from 'vitest';
import { waitFor } from '../support/wait.js';
import { crashRepoFiles } from './support/crash-scenario.js';
import { CrashWorld, MAINTAINER, REPO } from './support/crash-world.js';
import type { Gate, GateProxy } from './support/gate-proxy.js';

const DEPLOY_WORKFLOW = [
  'name: Deploy',
  'on:',
  '  workflow_dispatch:',
  '    inputs: { ref: { required: true }, environment: {}, pipeline_run_id: {} }',
  'jobs:',
  '  deploy:',
  '    runs-on: ubuntu-latest',
  '    steps:',
  '      - name: Roll out',
  '        run: ./roll-out.sh "${{ inputs.ref }}"',
  '',
].join('\n');

const files = {
  ...crashRepoFiles,
  '.github/workflows/deploy.yml': DEPLOY_WORKFLOW,
  '.github/pipeline.yml': 'deploy:\n  workflow: deploy.yml\n  on: any_merge\n',
};

const DISPATCH = /^\/repos\/[^/]+\/[^/]+\/actions\/workflows\/[^/]+\/dispatches$/;
const GET_RUN = /^\/repos\/[^/]+\/[^/]+\/actions\/runs\/\d+$/;
const pathOf = (path: string) => path.split('?')[0] ?? '';

/** Moments inside a deploy run at which its process is killed with SIGKILL. */
const killPoints: { name: string; arm(github: GateProxy): Gate }[] = [
  {
    name: 'the workflow dispatched, GitHub’s answer (with the run’s id) not yet back',
    arm: (github) =>
      github.gate({
        phase: 'after',
        match: (req) => req.method === 'POST' && DISPATCH.test(pathOf(req.path)),
      }),
  },
  {
    name: 'following the workflow run, a poll of it in flight',
    arm: (github) =>
      github.gate({
        phase: 'before',
        nth: 2,
        match: (req) => req.method === 'GET' && GET_RUN.test(pathOf(req.path)),
      }),
  },
];

describe('a worker killed in the middle of a deploy by workflow', () => {
  it.each(killPoints)(
    'is restarted and follows the same workflow run to the end ($name): one dispatch, one deployment',
    async (point) => {
      const world = await CrashWorld.start('embedded', undefined, files);
      try {
        await world.startApp();
        // Long enough to be followed across the restart, short enough for the test.
        world.github.scriptWorkflowRun(REPO, 'deploy.yml', { conclusion: 'success', runningMs: 6_000 });
        const gate = point.arm(world.proxies.github);
        await world.github.commitFiles(REPO, {
          branch: 'release',
          files: { 'README.md': '# widgets, released\n' },
          message: 'Release',
          by: MAINTAINER,
        });
        const { number } = await world.github.openPullRequest(REPO, {
          head: 'release',
          title: 'Release',
          by: MAINTAINER,
        });
        const { sha } = await world.github.mergePullRequest(REPO, number, { by: MAINTAINER });

        await Promise.race([
          gate.caught,
          new Promise((_, reject) =>
            setTimeout(() => reject(new Error(`never reached: ${point.name}\n${world.logs()}`)), 40_000),
          ),
        ]);
        await Promise.all(world.processes.filter((p) => p.alive).map((p) => p.kill()));
        // Whatever the dead process had in flight stays where it was: never forwarded late.
        gate.drop();
        await world.restartEmbedded();

        const ended = () => {
          const state = world.github.deployments(REPO)[0]?.statuses.at(-1)?.state;
          return state === 'success' || state === 'failure' || state === 'error';
        };
        await waitFor('the deployment to end', ended, 60_000).catch((error: unknown) => {
          throw new Error(`${String(error)}\n${world.logs()}`);
        });

        const dispatches = world.github.workflowDispatches(REPO);
        expect(dispatches, world.logs()).toHaveLength(1);
        expect(dispatches[0]?.inputs['ref']).toBe(sha);
        expect(world.github.workflowRuns(REPO)).toMatchObject([
          { status: 'completed', conclusion: 'success' },
        ]);
        const deployments = world.github.deployments(REPO);
        expect(deployments.map((d) => [d.sha, d.statuses.map((s) => s.state)])).toEqual([
          [sha, ['queued', 'in_progress', 'success']],
        ]);
        const runId = dispatches[0]?.runId;
        expect(deployments[0]?.statuses[1]?.description).toMatch(
          new RegExp(`workflow run \\S+/actions/runs/${runId}$`),
        );
        await waitFor('the final comment', () =>
          world.github
            .comments(REPO, number)
            .some(
              (c) => c.body.includes('Deployed by workflow run') && c.body.includes(`/actions/runs/${runId}`),
            ),
        );
        world.github.assertNoViolations();
      } finally {
        await world.close();
      }
    },
    240_000,
  );
});
