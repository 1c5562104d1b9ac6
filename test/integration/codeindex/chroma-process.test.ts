import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChroma, type RunningChroma } from '../../../src/codeindex/index.js';
import { testLogger } from '../../support/test-logger.js';

describe('the Chroma server process', () => {
  let dataDir: string;
  let chroma: RunningChroma;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'chroma-process-'));
    chroma = await startChroma({ dataDir, logger: testLogger() });
  });

  afterAll(async () => {
    await chroma.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('without a URL runs `chroma run` on a free local port with its data under <dataDir>/chroma', async () => {
    expect(chroma.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await chroma.client.heartbeat()).toBeGreaterThan(0);
    expect(existsSync(join(dataDir, 'chroma', 'chroma.sqlite3'))).toBe(true);
  });

  it('with a URL connects to that server and leaves it running when stopped', async () => {
    const external = await startChroma({
      url: chroma.url,
      dataDir: join(dataDir, 'unused'),
      logger: testLogger(),
    });
    await external.stop();
    expect(await chroma.client.heartbeat()).toBeGreaterThan(0);
    expect(existsSync(join(dataDir, 'unused'))).toBe(false);
  });

  it('refuses a URL where nothing answers, naming what went wrong', async () => {
    await expect(
      startChroma({ url: 'http://127.0.0.1:9', dataDir, logger: testLogger(), startTimeoutMs: 500 }),
    ).rejects.toThrow(/did not answer its heartbeat/);
  });

  it('stops the child process, and a second stop is harmless', async () => {
    const own = await startChroma({ dataDir: join(dataDir, 'second'), logger: testLogger() });
    await own.stop();
    await own.stop();
    await expect(own.client.heartbeat()).rejects.toThrow();
  });
});
