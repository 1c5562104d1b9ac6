import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { listEvents } from '../../src/storage/index.js';
import { MAINTAINER, REPO, startHarness, type Harness } from './harness.js';
import { call, develop, intake, plan } from './scripts/builders.js';

const git = promisify(execFile);
const SERVER = new URL('../fixtures/mcp/constants-server.mjs', import.meta.url).pathname;

/** The app's PIPELINE_MCP_CONFIG: a working server, one whose command does not exist, and one that hangs. */
const mcpConfig = {
  servers: {
    constants: {
      command: process.execPath,
      args: [SERVER],
      env: { ANSWER_VALUE: '${MCP_E2E_ANSWER}' },
      deny: ['drop_database'],
      timeout_seconds: 20,
    },
    broken: { command: '/nonexistent/mcp-server', timeout_seconds: 5 },
    hangs: { command: process.execPath, args: ['-e', 'setInterval(() => {}, 1000)'], timeout_seconds: 2 },
  },
};

describe('an agent using the tools of MCP servers from the app’s configuration', () => {
  let h: Harness | undefined;
  let dir: string | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
    if (dir) await rm(dir, { recursive: true, force: true });
    delete process.env.MCP_E2E_ANSWER;
  });

  it('calls a stdio server’s tool, pushes what it answered, and goes on without the broken servers', async () => {
    dir = await mkdtemp(join(tmpdir(), 'mcp-config-'));
    const configFile = join(dir, 'mcp.json');
    await writeFile(configFile, JSON.stringify(mcpConfig));
    // The secret the server gets by reference: from the app's environment, never from a file.
    process.env.MCP_E2E_ANSWER = 'forty-two';
    h = await startHarness({
      env: { PIPELINE_MCP_CONFIG: configFile },
      script: {
        conversations: [
          intake('feature'),
          plan(['Write src/answer.js']),
          develop('Add the answer', [
            call(
              'constants__lookup_constant',
              { name: 'ANSWER' },
              { toolsInclude: ['constants__lookup_constant', 'write_file'], notIncludes: ['drop_database'] },
            ),
            call(
              'write_file',
              { path: 'src/answer.js', content: "export const ANSWER = 'forty-two';\n" },
              { lastToolResultIncludes: 'ANSWER = forty-two', lastToolResultIsError: false },
            ),
          ]),
        ],
      },
    });
    const issue = await h.github.openIssue(REPO, {
      title: 'Add the answer',
      body: 'Export ANSWER.',
      user: MAINTAINER,
    });
    await h.github.addLabel(REPO, issue.number, 'pipeline', { by: MAINTAINER });

    const run = await h.waitForRun(issue.number, ['succeeded', 'failed', 'waiting_input'], 90_000);
    expect(run.status, run.error ?? '').toBe('succeeded');
    h.anthropic.assertScriptDone();

    // What the server answered (through the agent) is in the pushed branch.
    const clone = join(dir, 'clone');
    const url = h.github.authenticatedGitUrl(REPO, h.github.installationToken(h.installationId));
    await git('git', ['clone', '--quiet', '--branch', run.branch ?? '', url, clone]);
    expect(await readFile(join(clone, 'src/answer.js'), 'utf8')).toContain("'forty-two'");

    const events = await listEvents(h.db, run.id, { limit: 1000 });
    const failed = events.filter((e) => e.type === 'mcp_server_failed').map((e) => e.data);
    expect(failed).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ server: 'broken' }),
        expect.objectContaining({ server: 'hangs', reason: 'did not start and list its tools within 2 s' }),
      ]),
    );
    expect(events.find((e) => e.type === 'mcp_connected')?.data).toEqual({
      servers: [{ server: 'constants', tools: ['constants__lookup_constant'] }],
    });
  }, 150_000);
});
