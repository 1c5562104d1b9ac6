import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSettings } from '../../../src/config/settings.js';
import { flushErrorReports } from '../../../src/monitoring/error-reporting.js';
import { createAppLogger } from '../../../src/runtime/app-logger.js';
import { startSentryEndpoint, type SentryEndpoint, type SentryEvent } from '../../support/sentry-endpoint.js';
import { waitFor } from '../../support/wait.js';

const WEBHOOK_SECRET = 'whsec-this-must-never-leave-1234567890';
const ANTHROPIC_KEY = 'sk-ant-api03-abcdefghijklmnopqrstuvwxyz0123456789';

describe('with SENTRY_DSN set', () => {
  let sentry: SentryEndpoint;
  let events: SentryEvent[] = [];
  let bodies: string[] = [];
  let dsn = '';

  beforeAll(async () => {
    sentry = await startSentryEndpoint();
    dsn = sentry.dsn;
    events = sentry.events;
    bodies = sentry.bodies;
  });
  afterAll(async () => {
    await flushErrorReports();
    await sentry.close();
  });

  it('reports an error logged during a run, tagged with its run and delivery, with secrets scrubbed', async () => {
    const settings = loadSettings({
      SENTRY_DSN: dsn,
      WEBHOOK_SECRET,
      APP_ID: '1',
      PRIVATE_KEY: 'unused',
      ANTHROPIC_API_KEY: ANTHROPIC_KEY,
      NODE_ENV: 'test',
    });
    const lines: string[] = [];
    const logger = createAppLogger(settings, 'sentry-test', {
      write: (line: string) => void lines.push(line),
    });
    const runLog = logger.child({ deliveryId: 'delivery-7' }).child({ runId: 'run-42', node: 'develop' });

    runLog.info({ detail: 'ordinary progress' }, 'step finished');
    runLog.warn('a warning is not an error');
    runLog.error(
      { err: new Error(`GitHub refused the token ${ANTHROPIC_KEY} (secret ${WEBHOOK_SECRET})`) },
      'run failed',
    );
    await waitFor('the event at the local Sentry endpoint', () => events.length > 0);

    expect(events).toHaveLength(1);
    const [event] = events;
    expect(event?.tags).toMatchObject({ run_id: 'run-42', delivery_id: 'delivery-7', node: 'develop' });
    expect(event?.environment).toBe('test');
    expect(event?.exception?.values?.[0]).toMatchObject({ type: 'Error' });
    expect(event?.exception?.values?.[0]?.value).toContain('GitHub refused the token [redacted]');
    // Nothing that reached the endpoint holds a secret, in any field.
    for (const body of bodies) {
      expect(body).not.toContain(WEBHOOK_SECRET);
      expect(body).not.toContain(ANTHROPIC_KEY);
    }
    // The log line itself is written as before.
    expect(lines.some((line) => line.includes('"msg":"run failed"'))).toBe(true);
  });

  it('reports an error line without an error object as a message', async () => {
    const settings = loadSettings({ SENTRY_DSN: dsn, NODE_ENV: 'test' });
    const logger = createAppLogger(settings, 'sentry-test', { write: () => undefined });
    const before = events.length;
    logger.child({ deliveryId: 'delivery-9' }).error('could not record the delivery');
    await waitFor('the message event', () => events.length > before);
    expect(events.at(-1)).toMatchObject({
      message: 'could not record the delivery',
      level: 'error',
      tags: { delivery_id: 'delivery-9' },
    });
  });
});
