import { afterEach, describe, expect, inject, it } from 'vitest';
import { waitFor } from '../support/wait.js';
import {
  MAINTAINER,
  REPO,
  startHarness,
  type Harness,
  type HarnessBackend,
  type HarnessOptions,
} from './harness.js';
import { intake, plan, replan } from './scripts/builders.js';
import {
  auditEntries,
  auditTrail,
  botComments,
  eventTypes,
  featureScript,
  isSubsequence,
  labelNewIssue,
  requestsOf,
  waitForBotComment,
  withConfig,
} from './scripts/steering.js';

const REQUIRE_APPROVAL = withConfig('require_approval: true\n');
const FEEDBACK = 'Also handle negative numbers';
const WHAT_TO_TYPE = ['`/pipeline approve`', '`/pipeline plan <changes>`', '`/pipeline cancel`'];

const revisedPlan = replan(FEEDBACK);

const services = inject('services');
const backends: Array<{ name: HarnessBackend; available: boolean }> = [
  { name: 'embedded', available: true },
  { name: 'postgres+redis', available: services.postgres.available && services.redis.available },
];

describe('a plan that needs approval', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  async function start(options: HarnessOptions): Promise<Harness> {
    h = await startHarness(options);
    return h;
  }

  async function waitingRun(harness: Harness, issueNumber: number) {
    const run = await harness.waitForRun(issueNumber, ['waiting_approval', 'failed', 'succeeded']);
    expect(run.status, run.error ?? '').toBe('waiting_approval');
    return run;
  }

  for (const backend of backends) {
    it.skipIf(!backend.available)(
      `waits after the plan, says what to type, and becomes a ready PR after /pipeline approve [${backend.name}]`,
      async () => {
        const harness = await start({
          backend: backend.name,
          files: REQUIRE_APPROVAL,
          script: featureScript(),
        });
        const issue = await labelNewIssue(harness);
        const waiting = await waitingRun(harness, issue);

        const [status] = botComments(harness, issue);
        expect(botComments(harness, issue)).toHaveLength(1);
        expect(status?.body).toContain('Waiting for approval');
        expect(status?.body).toContain('- [ ] Write src/sub.js');
        for (const command of WHAT_TO_TYPE) expect(status?.body).toContain(command);
        expect(requestsOf(harness, 'Add sub')).toHaveLength(0);
        expect(harness.github.pullRequests(REPO)).toHaveLength(0);

        await harness.github.postComment(REPO, issue, '/pipeline approve', { by: MAINTAINER });
        const done = await harness.waitForRun(issue, ['succeeded', 'failed'], 30_000);
        expect(done.id).toBe(waiting.id);
        expect(done.status, done.error ?? '').toBe('succeeded');
        expect(harness.github.pullRequests(REPO)).toMatchObject([{ draft: false }]);
        await waitForBotComment(harness, issue, `Plan approved by @${MAINTAINER}`);
        const edited = botComments(harness, issue).find((c) => c.id === status?.id);
        expect(edited?.body).toContain('Pull request ready for review');
        harness.anthropic.assertScriptDone();

        const trail = await auditTrail(harness, waiting.id);
        expect(
          isSubsequence(trail, [
            `${MAINTAINER} run.queued`,
            'app run.started',
            'app run.waiting_approval',
            `${MAINTAINER} run.approved`,
            'app run.started',
            'app run.succeeded',
          ]),
          trail.join('\n'),
        ).toBe(true);
        for (const entry of await auditEntries(harness, waiting.id)) expect(entry.at).toBeInstanceOf(Date);
        const events = await eventTypes(harness, waiting.id);
        expect(events.filter((t) => t.startsWith('run_') || t === 'approved')).toEqual([
          'run_started',
          'run_waiting_approval',
          'approved',
          'run_started',
          'run_succeeded',
        ]);
      },
    );
  }

  it('re-plans with the changes asked for by /pipeline plan, in the same status comment', async () => {
    const harness = await start({
      script: { conversations: [intake('feature'), plan(['Write src/sub.js']), revisedPlan] },
    });
    const { number: issue } = await harness.github.openIssue(REPO, {
      title: 'Add a subtract helper',
      body: 'Please.',
      user: MAINTAINER,
    });
    await harness.github.postComment(REPO, issue, '/pipeline plan', { by: MAINTAINER });
    const first = await waitingRun(harness, issue);
    const [status] = botComments(harness, issue);
    expect(status?.body).not.toContain('Cover negative numbers');

    await harness.github.postComment(REPO, issue, `/pipeline plan ${FEEDBACK}`, { by: MAINTAINER });
    await waitFor(
      'the revised plan in the status comment',
      () => botComments(harness, issue)[0]?.body.includes('Cover negative numbers') ?? false,
    );
    const again = await waitingRun(harness, issue);
    expect(again.id).toBe(first.id);
    harness.anthropic.assertScriptDone();

    const comments = botComments(harness, issue);
    expect(comments).toHaveLength(1);
    expect(comments[0]?.id).toBe(status?.id);
    expect(comments[0]?.body).toContain('Waiting for approval');
    expect((await harness.runs()).filter((r) => r.issueNumber === issue)).toHaveLength(1);
    const trail = await auditTrail(harness, first.id);
    expect(
      isSubsequence(trail, [
        `${MAINTAINER} run.queued`,
        'app run.started',
        'app run.waiting_approval',
        `${MAINTAINER} run.plan_revision_requested`,
        'app run.started',
        'app run.waiting_approval',
      ]),
      trail.join('\n'),
    ).toBe(true);
    expect(await eventTypes(harness, first.id)).toContain('plan_revision_requested');
  });

  it('ends cancelled, with nothing pushed, when cancelled while it waits', async () => {
    const harness = await start({
      files: REQUIRE_APPROVAL,
      script: { conversations: [intake('feature'), plan()] },
    });
    const issue = await labelNewIssue(harness);
    const waiting = await waitingRun(harness, issue);
    const [status] = botComments(harness, issue);

    await harness.github.postComment(REPO, issue, '/pipeline cancel', { by: MAINTAINER });
    const cancelled = await harness.waitForRun(issue, ['cancelled', 'succeeded', 'failed']);
    expect(cancelled.status).toBe('cancelled');
    await waitForBotComment(harness, issue, `Run \`${waiting.id}\` is cancelled`);
    await waitFor(
      'the status comment to say cancelled',
      () => botComments(harness, issue)[0]?.body.includes('Cancelled') ?? false,
    );
    expect(botComments(harness, issue)[0]?.id).toBe(status?.id);
    expect(botComments(harness, issue)[0]?.body).toContain(`cancelled by @${MAINTAINER}`);

    // Cancelled is final: a late approval changes nothing.
    await harness.github.postComment(REPO, issue, '/pipeline approve', { by: MAINTAINER });
    await waitForBotComment(harness, issue, 'not waiting for approval');
    expect((await harness.waitForRun(issue, ['cancelled'])).status).toBe('cancelled');
    expect(Object.keys(await harness.github.branches(REPO))).toEqual(['main']);
    expect(harness.github.pullRequests(REPO)).toHaveLength(0);
    expect(requestsOf(harness, 'Add sub')).toHaveLength(0);
    harness.anthropic.assertScriptDone();

    const trail = await auditTrail(harness, waiting.id);
    const cancelledTrail = [
      `${MAINTAINER} run.queued`,
      'app run.started',
      'app run.waiting_approval',
      `${MAINTAINER} run.cancelled`,
    ];
    expect(isSubsequence(trail, cancelledTrail), trail.join('\n')).toBe(true);
    expect(trail).toContain(`${MAINTAINER} command.approve.not_waiting`);
    expect(await eventTypes(harness, waiting.id)).toContain('cancel_requested');
  });
});
