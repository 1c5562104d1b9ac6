import { afterEach, describe, expect, it } from 'vitest';
import { startSentryEndpoint, type SentryEndpoint } from '../support/sentry-endpoint.js';
import { waitFor } from '../support/wait.js';
import type { Harness } from './harness.js';
import { startHarness } from './harness.js';
import { labelNewIssue } from './scripts/steering.js';

describe('with SENTRY_DSN set, a run that fails', () => {
  let h: Harness | undefined;
  let sentry: SentryEndpoint | undefined;
  afterEach(async () => {
    await h?.close();
    await sentry?.close();
    h = undefined;
  });

  it('is reported to Sentry, tagged with its run and the delivery that started it, without secrets', async () => {
    sentry = await startSentryEndpoint();
    h = await startHarness({
      env: { SENTRY_DSN: sentry.dsn },
      // The model's classification is not one the intake step accepts: the run fails at once.
      script: {
        conversations: [
          {
            name: 'intake (malformed)',
            match: { systemIncludes: 'intake step' },
            turns: [{ reply: { toolCalls: [{ name: 'classify', input: { kind: 'no such kind' } }] } }],
          },
        ],
      },
    });
    const issue = await labelNewIssue(h);
    const run = await h.waitForRun(issue, ['failed'], 60_000);
    const events = sentry.events;
    await waitFor('the failure at the local Sentry endpoint', () =>
      events.some((e) => e.tags?.run_id === run.id),
    );

    const report = events.find((e) => e.tags?.run_id === run.id);
    expect(run.deliveryId).toBeTruthy();
    expect(report?.tags).toMatchObject({ run_id: run.id, delivery_id: run.deliveryId });
    expect(report?.exception?.values?.[0]?.value).toContain('did not have the expected form');
    const secrets = [h.settings.WEBHOOK_SECRET ?? '', h.settings.PRIVATE_KEY ?? ''].filter(
      (s) => s.length > 8,
    );
    expect(secrets.length).toBe(2);
    for (const body of sentry.bodies) for (const secret of secrets) expect(body).not.toContain(secret);
  }, 90_000);
});
