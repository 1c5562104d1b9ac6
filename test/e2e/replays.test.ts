import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { WEBHOOK_PATH } from '../../src/runtime/start-web.js';
import { listAudit, type AuditEntry } from '../../src/storage/index.js';
import { sleep, waitFor } from '../support/wait.js';
import type { DeliveryRecord } from '../twins/github/webhooks/types.js';
import { MAINTAINER, REPO, startHarness, type Harness, type HarnessOptions } from './harness.js';
import { redeliver } from './redeliver.js';
import { intake, plan, replan } from './scripts/builders.js';
import {
  addSub,
  auditTrail,
  botComments,
  labelNewIssue,
  waitForBotComment,
  withConfig,
} from './scripts/steering.js';

const REQUIRE_APPROVAL = withConfig('require_approval: true\n');
const FEEDBACK = 'Also handle negative numbers';
const STATUS_MARKER = '<!-- agentic-dev-pipeline:run:';

const revisedPlan = replan(FEEDBACK);

describe('a delivery sent again', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  async function start(options: HarnessOptions): Promise<Harness> {
    h = await startHarness(options);
    return h;
  }

  const hookUrl = (harness: Harness) => `${harness.app.web?.url}${WEBHOOK_PATH}`;

  function deliveryOf(harness: Harness, deliveryId: string): DeliveryRecord {
    const found = harness.github.deliveries.find((d) => d.deliveryId === deliveryId);
    if (!found) throw new Error(`the twin recorded no delivery ${deliveryId}`);
    return found;
  }

  /** What someone who captured a delivery can do: send its body and signature again under a new id. */
  function replay(harness: Harness, captured: DeliveryRecord, deliveryId: string): Promise<Response> {
    return redeliver(
      hookUrl(harness),
      harness.github.app.webhookSecret,
      { event: captured.event, deliveryId, payload: captured.payload },
      captured.headers['x-hub-signature-256'],
    );
  }

  /** The app's replies on the issue (its comments other than the runs' status comments). */
  function replies(harness: Harness, issue: number): string[] {
    return botComments(harness, issue)
      .map((c) => c.body)
      .filter((body) => !body.includes(STATUS_MARKER));
  }

  /**
   * Asks for `/pipeline help` and waits for its answer: a reply the app would have posted for an earlier
   * delivery has been posted by then too.
   */
  async function settleReplies(harness: Harness, issue: number): Promise<void> {
    const helpAnswers = () =>
      replies(harness, issue).filter((r) => r.includes('commands I understand')).length;
    const before = helpAnswers();
    await harness.github.postComment(REPO, issue, '/pipeline help', { by: MAINTAINER });
    await waitFor('the help reply', () => helpAnswers() > before);
  }

  async function replayRefusals(harness: Harness, deliveryId: string): Promise<AuditEntry[]> {
    const audit = await listAudit(harness.db, { repo: REPO, limit: 1000 });
    return audit.filter((a) => a.deliveryId === deliveryId && a.action === 'trigger.replay_refused');
  }

  it('a captured /pipeline approve resent under a new delivery id does not approve a later plan', async () => {
    const harness = await start({
      files: REQUIRE_APPROVAL,
      script: {
        conversations: [intake('feature'), plan(['Write src/sub.js']), addSub(), intake('feature'), plan()],
      },
    });
    const issue = await labelNewIssue(harness);
    const first = await harness.waitForRun(issue, ['waiting_approval', 'failed']);
    expect(first.status).toBe('waiting_approval');
    const approval = await harness.github.postComment(REPO, issue, '/pipeline approve', { by: MAINTAINER });
    const captured = deliveryOf(harness, approval.delivery.deliveryId);
    expect((await harness.waitForRun(issue, ['succeeded', 'failed'], 30_000)).status).toBe('succeeded');

    // A later run on the same issue waits for its own plan to be approved.
    await harness.github.postComment(REPO, issue, '/pipeline plan', { by: MAINTAINER });
    const second = await harness.waitForRun(issue, ['waiting_approval', 'failed']);
    expect(second.id).not.toBe(first.id);
    expect(second.status).toBe('waiting_approval');
    await settleReplies(harness, issue);
    const repliesBefore = replies(harness, issue);

    const replayId = randomUUID();
    const resent = await replay(harness, captured, replayId);
    expect(resent.status).toBe(200);

    expect((await harness.waitForRun(issue, ['waiting_approval'])).id).toBe(second.id);
    expect(await auditTrail(harness, second.id)).not.toContain(`${MAINTAINER} run.approved`);
    expect(await replayRefusals(harness, replayId)).toEqual([
      expect.objectContaining({
        actor: 'unknown',
        issueNumber: issue,
        detail: expect.objectContaining({ claimedSender: MAINTAINER, sameBodyAs: captured.deliveryId }),
      }),
    ]);
    // Nobody is answered: whoever sent it again is not the maintainer the body names.
    await settleReplies(harness, issue);
    expect(replies(harness, issue)).toEqual([
      ...repliesBefore,
      expect.stringContaining('commands I understand'),
    ]);
  });

  it('an approval written before the current plan, delivered only after it, is refused with a reply', async () => {
    const harness = await start({
      files: REQUIRE_APPROVAL,
      script: { conversations: [intake('feature'), plan(['Write src/sub.js']), revisedPlan] },
    });
    const issue = await labelNewIssue(harness);
    const waiting = await harness.waitForRun(issue, ['waiting_approval', 'failed']);
    expect(waiting.status).toBe('waiting_approval');

    // GitHub cannot reach the app while the maintainer approves the first plan.
    harness.github.setWebhookTarget('http://127.0.0.1:9/unreachable');
    const approval = await harness.github.postComment(REPO, issue, '/pipeline approve', { by: MAINTAINER });
    expect(approval.delivery.status).toBe(0);
    harness.github.setWebhookTarget(hookUrl(harness));
    const undelivered = deliveryOf(harness, approval.delivery.deliveryId);
    const writtenAt = Date.parse(String((undelivered.payload.comment as { created_at: string }).created_at));
    // GitHub's timestamps have whole seconds: the new plan comes in a later second than the approval.
    await sleep(Math.max(0, writtenAt + 1_000 - Date.now()));

    await harness.github.postComment(REPO, issue, `/pipeline plan ${FEEDBACK}`, { by: MAINTAINER });
    await waitFor(
      'the revised plan',
      () => botComments(harness, issue)[0]?.body.includes('Cover negative numbers') ?? false,
    );
    const replanned = await harness.waitForRun(issue, ['waiting_approval', 'failed']);
    expect(replanned.status).toBe('waiting_approval');
    expect(replanned.statusChangedAt.getTime()).toBeGreaterThanOrEqual(writtenAt + 1_000);

    // Later, GitHub's redelivery (same delivery id, same body) arrives.
    const late = await redeliver(hookUrl(harness), harness.github.app.webhookSecret, undelivered);
    expect(late.status).toBe(200);

    const reply = await waitForBotComment(
      harness,
      issue,
      'This approval was written before the current plan',
    );
    expect(reply).toContain('comment `/pipeline approve` again to approve it');
    expect((await harness.waitForRun(issue, ['waiting_approval'])).id).toBe(waiting.id);
    const trail = await auditTrail(harness, waiting.id);
    expect(trail).toContain(`${MAINTAINER} command.approve.stale`);
    expect(trail).not.toContain(`${MAINTAINER} run.approved`);
    harness.anthropic.assertScriptDone();
  });

  it('a replayed label delivery of an ended run starts no second run', async () => {
    const harness = await start({ worker: false });
    const issue = await labelNewIssue(harness);
    const run = await harness.waitForRun(issue, ['queued']);
    const labeled = harness.github.deliveries.find(
      (d) =>
        d.event === 'issues' &&
        d.action === 'labeled' &&
        (d.payload.issue as { number: number } | undefined)?.number === issue,
    );
    if (!labeled) throw new Error('the twin sent no labeled delivery');
    await harness.github.postComment(REPO, issue, '/pipeline cancel', { by: MAINTAINER });
    expect((await harness.waitForRun(issue, ['cancelled'])).id).toBe(run.id);
    await settleReplies(harness, issue);
    const repliesBefore = replies(harness, issue);

    const replayId = randomUUID();
    const resent = await replay(harness, labeled, replayId);
    expect(resent.status).toBe(200);

    const runs = (await harness.runs()).filter((r) => r.issueNumber === issue);
    expect(runs.map((r) => [r.id, r.status])).toEqual([[run.id, 'cancelled']]);
    expect(await replayRefusals(harness, replayId)).toEqual([
      expect.objectContaining({
        actor: 'unknown',
        issueNumber: issue,
        detail: expect.objectContaining({ claimedSender: MAINTAINER, sameBodyAs: labeled.deliveryId }),
      }),
    ]);
    await settleReplies(harness, issue);
    expect(replies(harness, issue)).toEqual([
      ...repliesBefore,
      expect.stringContaining('commands I understand'),
    ]);
  });
});
