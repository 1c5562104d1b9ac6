import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { listEvents } from '../../src/storage/index.js';
import { MAINTAINER, REPO, startHarness, type Harness, type HarnessOptions } from './harness.js';
import { call, develop, intake, plan } from './scripts/builders.js';

type Readyz = { status: string; checks: Record<string, { status: string; reason?: string; note?: string }> };

describe('a worker whose bubblewrap cannot start', () => {
  let h: Harness | undefined;
  let dir: string;
  /** Stands in for bwrap in a container started without the documented flags: it refuses, as bwrap does there. */
  let refusingBwrap: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pipeline-e2e-bwrap-'));
    refusingBwrap = join(dir, 'bwrap');
    await writeFile(
      refusingBwrap,
      "#!/bin/sh\necho 'bwrap: setting up uid map: Permission denied' >&2\nexit 1\n",
    );
    await chmod(refusingBwrap, 0o755);
  });
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  /** A run whose development agent first runs a command that leaves a file on the host if it runs unsandboxed. */
  async function runIssue(env: Record<string, string>) {
    const marker = join(dir, `ran-unsandboxed-${randomBytes(4).toString('hex')}`);
    const options: HarnessOptions = {
      env: { PIPELINE_BWRAP_PATH: refusingBwrap, ...env },
      script: {
        conversations: [
          intake('feature'),
          plan(),
          develop('Add sub', [
            call('run_command', { command: `touch ${marker}` }),
            call('write_file', { path: 'src/sub.js', content: 'export const sub = (a, b) => a - b;\n' }),
          ]),
        ],
      },
    };
    h = await startHarness(options);
    const readyz = await fetch(`${h.app.web?.url}/readyz`);
    const issue = await h.github.openIssue(REPO, { title: 'Add a subtract helper', user: MAINTAINER });
    await h.github.addLabel(REPO, issue.number, 'pipeline', { by: MAINTAINER });
    const run = await h.waitForRun(issue.number, ['succeeded', 'failed', 'cancelled'], 60_000);
    const status = h.github.comments(REPO, issue.number).find((c) => c.user === h?.github.app.botLogin);
    return {
      harness: h,
      run,
      marker,
      status: status?.body ?? '',
      readyz: { status: readyz.status, body: (await readyz.json()) as Readyz },
    };
  }

  it('runs no agent command, fails the run saying why and what to do, and /readyz reports the sandbox down', async () => {
    const { harness, run, marker, status, readyz } = await runIssue({});

    expect(readyz.status).toBe(503);
    expect(readyz.body.checks.database?.status).toBe('up');
    expect(readyz.body.checks.queue?.status).toBe('up');
    expect(readyz.body.checks.sandbox).toEqual({
      status: 'down',
      reason: expect.stringContaining(
        'cannot create its namespaces here, so agent commands are refused',
      ) as string,
    });
    expect(JSON.stringify(readyz.body)).not.toContain('uid map');

    expect(existsSync(marker)).toBe(false);
    expect(run.status).toBe('failed');
    expect(status).toContain('No command was run because this worker cannot sandbox it');
    expect(status).toContain('Install bubblewrap');
    expect(status).toContain('PIPELINE_SANDBOX=unsafe-none');
    // It stopped before the development agent was ever asked for a command, and nothing was pushed.
    const systemOf = (r: { body: unknown }) => JSON.stringify((r.body as { system?: unknown }).system);
    expect(
      harness.anthropic.requests.filter((r) => systemOf(r).includes('You are the development agent')),
    ).toEqual([]);
    expect(Object.keys(await harness.github.branches(REPO))).toEqual(['main']);
  }, 90_000);

  it('with PIPELINE_SANDBOX=unsafe-none runs the commands unisolated, and the run says so', async () => {
    const { harness, run, marker, status, readyz } = await runIssue({ PIPELINE_SANDBOX: 'unsafe-none' });

    expect(readyz.status).toBe(200);
    expect(readyz.body.checks.sandbox).toEqual({
      status: 'up',
      note: expect.stringContaining('without a sandbox') as string,
    });
    expect(run.status, run.error ?? '').toBe('succeeded');
    expect(existsSync(marker)).toBe(true);
    expect(status).toContain(
      '> ⚠️ Commands run without a sandbox on this worker (PIPELINE_SANDBOX=unsafe-none)',
    );
    const events = await listEvents(harness.db, run.id);
    expect(events.filter((e) => e.type === 'sandbox_disabled')).not.toEqual([]);
    expect(events.find((e) => e.type === 'command')?.data).toMatchObject({ sandbox: 'none' });
    harness.anthropic.assertScriptDone();
  }, 90_000);
});
