import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listEvents } from '../../src/storage/index.js';
import type { Harness } from './harness.js';
import { defaultFiles, MAINTAINER, REPO, startHarness, type HarnessOptions } from './harness.js';
import { call, develop, intake, plan } from './scripts/builders.js';

const withConfig = (yaml: string): Record<string, string> => ({
  ...defaultFiles,
  '.github/pipeline.yml': yaml,
});

describe('a run that hits a guardrail', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  async function runIssue(options: HarnessOptions, title = 'Add a subtract helper') {
    h = await startHarness(options);
    const issue = await h.github.openIssue(REPO, { title, body: 'Please.', user: MAINTAINER });
    await h.github.addLabel(REPO, issue.number, 'pipeline', { by: MAINTAINER });
    const run = await h.waitForRun(
      issue.number,
      ['succeeded', 'failed', 'waiting_input', 'cancelled'],
      60_000,
    );
    const status = h.github.comments(REPO, issue.number).find((c) => c.user === h?.github.app.botLogin);
    return { harness: h, issue, run, status: status?.body ?? '' };
  }

  it('stops cleanly with a comment when the budget is spent', async () => {
    const expensive = intake('feature');
    const [turn] = expensive.turns;
    if (turn) turn.reply.usage = { output_tokens: 40_000 };
    const { run, status, harness } = await runIssue({
      files: withConfig('max_cost_usd: 0.05\n'),
      script: { conversations: [expensive] },
    });
    expect(run.status).toBe('failed');
    expect(run.costUsd).toBeGreaterThan(0.05);
    expect(status).toContain('reached its budget of $0.05');
    expect(status).toContain('max_cost_usd');
    harness.anthropic.assertScriptDone();
  });

  it('reports a hanging test command as timed out and fails after the last round', async () => {
    const { run, status, harness } = await runIssue({
      files: withConfig('test: sleep 60\ntest_timeout_seconds: 5\nmax_test_rounds: 1\n'),
      script: {
        conversations: [
          intake('feature'),
          plan(),
          develop('Add sub', [
            call('write_file', { path: 'src/sub.js', content: 'export const sub = (a, b) => a - b;\n' }),
          ]),
        ],
      },
    });
    expect(run.status).toBe('failed');
    expect(status).toContain('timed out after 5s');
    const [check] = harness.github.checkRuns(REPO).filter((c) => c.name === 'pipeline/tests');
    expect(check?.conclusion).toBe('timed_out');
    harness.anthropic.assertScriptDone();
  }, 90_000);

  it('keeps the agent inside the workspace, off blocked paths and off the network', async () => {
    const netProbe =
      "node -e \"require('net').connect(9, '127.0.0.1').on('connect', () => process.exit(0)).on('error', (e) => { console.log('NET-' + e.code); process.exit(7); })\"";
    const { run, harness } = await runIssue({
      script: {
        conversations: [
          intake('feature'),
          plan(),
          develop('Add sub', [
            call('write_file', { path: '.github/workflows/x.yml', content: 'on: push\n' }),
            call(
              'write_file',
              { path: '../outside.txt', content: 'escaped' },
              { lastToolResultIsError: true, lastToolResultIncludes: '.github/workflows' },
            ),
            call('run_command', { command: 'ln -s .. escape' }, { lastToolResultIsError: true }),
            call('write_file', { path: 'escape/outside.txt', content: 'escaped' }),
            call(
              'run_command',
              { command: 'rm escape' },
              { lastToolResultIsError: true, lastToolResultIncludes: 'escape' },
            ),
            call('run_command', { command: netProbe }),
            call(
              'write_file',
              { path: 'src/sub.js', content: 'export const sub = (a, b) => a - b;\n' },
              { lastToolResultIsError: true, lastToolResultIncludes: 'NET-' },
            ),
          ]),
        ],
      },
    });
    expect(run.status, run.error ?? '').toBe('succeeded');
    harness.anthropic.assertScriptDone();
    const clone = await harness.github.branches(REPO);
    expect(Object.keys(clone)).toContain(run.branch);
    const workspaceRoot = join(harness.settings.PIPELINE_DATA_DIR, 'workspaces');
    await expect(readFile(join(dirname(workspaceRoot), 'outside.txt'), 'utf8')).rejects.toThrow();
    await expect(readFile(join(workspaceRoot, 'outside.txt'), 'utf8')).rejects.toThrow();
    const tools = harness.anthropic.requests.flatMap((r) => JSON.stringify(r.body));
    expect(tools.join('\n')).toContain('NET-');
  }, 90_000);

  it('blocks a push whose diff holds an AWS key, without repeating the key anywhere', async () => {
    const keyId = `AKIA${randomBytes(8).toString('hex').toUpperCase()}`;
    const secret = randomBytes(30).toString('base64').slice(0, 40);
    const config = `export const aws = {\n  accessKeyId: '${keyId}',\n  secretAccessKey: '${secret}',\n};\n`;
    const { run, status, harness } = await runIssue({
      script: {
        conversations: [
          intake('feature'),
          plan(),
          develop('Add config', [call('write_file', { path: 'src/aws.js', content: config })]),
        ],
      },
    });
    expect(run.status).toBe('failed');
    expect(status).toContain('push was blocked');
    expect(status).toContain('src/aws.js');
    expect(Object.keys(await harness.github.branches(REPO))).toEqual(['main']);
    for (const text of [keyId, secret]) {
      expect(harness.github.comments(REPO, 1).some((c) => c.history.some((b) => b.includes(text)))).toBe(
        false,
      );
      expect(harness.logs.some((line) => line.includes(text))).toBe(false);
      expect((await listEvents(harness.db, run.id)).some((e) => JSON.stringify(e).includes(text))).toBe(
        false,
      );
    }
    // The app never feeds the key back to the model: it is in no system prompt, user message or tool result
    // (only in the agent's own earlier tool call, which the conversation necessarily carries).
    const fedBack = harness.anthropic.requests.filter((r) => {
      const body = r.body as { system?: unknown; messages?: Array<{ role: string; content: unknown }> };
      const ours = [
        body.system,
        ...(body.messages ?? []).filter((m) => m.role === 'user').map((m) => m.content),
      ];
      return JSON.stringify(ours).includes(keyId) || JSON.stringify(ours).includes(secret);
    });
    expect(fedBack).toHaveLength(0);
    // The app's own credentials never reach a prompt.
    for (const credential of [
      harness.github.app.webhookSecret,
      harness.github.installationToken(harness.installationId),
      'test-key',
    ]) {
      expect(harness.anthropic.requestsContaining(credential)).toHaveLength(0);
    }
  }, 90_000);

  it('fails with a clear comment when Claude stays overloaded', async () => {
    h = await startHarness({ script: { conversations: [] } });
    h.anthropic.failNext({ status: 529, count: 1000 });
    const issue = await h.github.openIssue(REPO, { title: 'Anything', user: MAINTAINER });
    await h.github.addLabel(REPO, issue.number, 'pipeline', { by: MAINTAINER });
    const run = await h.waitForRun(issue.number, ['failed', 'succeeded'], 60_000);
    expect(run.error).toContain('Claude was unavailable');
    const status = h.github.comments(REPO, issue.number).find((c) => c.user === h?.github.app.botLogin);
    expect(status?.body).toContain('Claude was unavailable');
    expect(status?.body).toContain('/pipeline retry');
  }, 90_000);
});
