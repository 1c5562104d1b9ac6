import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadSettings } from '../../../src/config/settings.js';
import { createAppLogger } from '../../../src/runtime/app-logger.js';

const PRIVATE_KEY = [
  '-----BEGIN RSA PRIVATE KEY-----',
  randomBytes(48).toString('base64'),
  randomBytes(48).toString('base64'),
  '-----END RSA PRIVATE KEY-----',
].join('\n');
const WEBHOOK_SECRET = `whsec-${randomBytes(12).toString('hex')}`;
const ANTHROPIC_API_KEY = `key-${randomBytes(12).toString('hex')}`;
const DB_PASSWORD = `pw-${randomBytes(8).toString('hex')}`;
const STATUS_TOKEN = `status-${randomBytes(12).toString('hex')}`;

function loggerWithLines() {
  const settings = loadSettings({
    APP_ID: '1',
    PRIVATE_KEY,
    WEBHOOK_SECRET,
    ANTHROPIC_API_KEY,
    DATABASE_URL: `postgres://pipeline:${DB_PASSWORD}@db.internal:5432/pipeline`,
    PIPELINE_STATUS_TOKEN: STATUS_TOKEN,
    LOG_LEVEL: 'info',
  });
  const lines: string[] = [];
  const logger = createAppLogger(settings, 'test', { write: (line: string) => void lines.push(line) });
  return { logger, lines, text: () => lines.join('') };
}

describe('the app logger', () => {
  it("never writes the app's own secrets, whatever key, depth or message carries them", () => {
    const { logger, text } = loggerWithLines();
    logger.info(
      { config: { nested: { key: PRIVATE_KEY } }, secret: WEBHOOK_SECRET },
      `using ${ANTHROPIC_API_KEY}`,
    );
    logger.warn({ url: `postgres://pipeline:${DB_PASSWORD}@db.internal:5432/pipeline` }, 'connecting');
    logger.error({ err: new Error(`signing with ${WEBHOOK_SECRET} failed`) }, 'webhook check failed');
    logger.info({ probe: `readyz with ${STATUS_TOKEN}` }, 'status asked');

    const written = text();
    for (const secret of [
      WEBHOOK_SECRET,
      ANTHROPIC_API_KEY,
      DB_PASSWORD,
      STATUS_TOKEN,
      PRIVATE_KEY.split('\n')[1] ?? '',
    ]) {
      expect(written).not.toContain(secret);
    }
    expect(written).not.toContain(JSON.stringify(PRIVATE_KEY).slice(1, -1));
    expect(written).toContain('[redacted]');
  });

  it('redacts tokens it was never told about by their shape', () => {
    const { logger, text } = loggerWithLines();
    const token = `ghs_${randomBytes(18).toString('hex')}`;
    logger.info({ remote: `https://x-access-token:${token}@github.com/acme/app.git` }, 'cloning');
    expect(text()).not.toContain(token);
    expect(text()).toContain('x-access-token:[redacted]@github.com');
  });

  it('censors authorization headers by name', () => {
    const { logger, lines } = loggerWithLines();
    logger.info(
      { headers: { authorization: 'Bearer eyJhbGciOi.short.jwt', accept: 'application/json' } },
      'asked',
    );
    const line = JSON.parse(lines[0] ?? '{}') as { headers?: Record<string, string> };
    expect(line.headers).toEqual({ authorization: '[redacted]', accept: 'application/json' });
  });

  it("writes a delivery's and a run's ids on every line of their child loggers, and errors in full", () => {
    const { logger, lines } = loggerWithLines();
    const delivery = logger.child({ deliveryId: 'd-1', repo: 'acme/app', issue: 7 });
    delivery.child({ runId: 'r-1' }).error({ err: new Error('the clone failed') }, 'run failed');
    const line = JSON.parse(lines[0] ?? '{}') as Record<string, unknown> & { err?: Record<string, unknown> };
    expect(line).toMatchObject({
      deliveryId: 'd-1',
      repo: 'acme/app',
      issue: 7,
      runId: 'r-1',
      msg: 'run failed',
    });
    expect(line.err?.['message']).toBe('the clone failed');
    expect(String(line.err?.['stack'])).toContain('app-logger.test.ts');
  });
});
