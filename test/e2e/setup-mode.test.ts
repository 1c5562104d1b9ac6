import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppProcess } from './support/app-process.js';

describe('the app started before its GitHub App is registered', () => {
  let app: AppProcess | undefined;
  let dataDir: string | undefined;
  afterEach(async () => {
    await app?.stop();
    app = undefined;
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('serves the setup page, and answers /healthz and /readyz saying what it checked', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'setup-mode-'));
    // No APP_ID, PRIVATE_KEY or WEBHOOK_SECRET: what `npm start` sees on a fresh machine.
    app = AppProcess.start({
      name: 'setup page',
      entry: 'main',
      env: { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', PIPELINE_DATA_DIR: dataDir },
    });
    const url = await app.url();

    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    const ready = await fetch(`${url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      status: 'ready',
      checks: {
        github_app: {
          status: 'up',
          note: 'not registered yet: open this server in a browser to register the GitHub App',
        },
      },
    });
    const metrics = await fetch(`${url}/metrics`);
    expect(metrics.status).toBe(200);

    // Everything else is Probot's setup page, reached through the public port.
    const root = await fetch(`${url}/`, { redirect: 'manual' });
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe('/probot');
    const page = await fetch(`${url}/probot`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Register GitHub App');
  }, 60_000);
});
