import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { listEvents } from '../../src/storage/index.js';
import { MAINTAINER, REPO, startHarness, type Harness } from './harness.js';
import { call, develop, intake, plan } from './scripts/builders.js';
import type { ScriptConversation } from '../twins/anthropic/index.js';
import { featureWithFixRound, SUB_DIAGNOSIS } from './scripts/feature-with-fix-round.js';
import { labelNewIssue, withConfig } from './scripts/steering.js';

const git = promisify(execFile);
const SERVER = new URL('../fixtures/mcp/constants-server.mjs', import.meta.url).pathname;

/**
 * A repository's own MCP server, dependency-free (the clone has no node_modules): one tool that tells where it
 * runs — in the clone, and whether it can see the worker's /etc/shadow (the sandbox hides it).
 */
const REPO_SERVER = `import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
const send = (m) => process.stdout.write(JSON.stringify(m) + '\\n');
createInterface({ input: process.stdin }).on('line', (line) => {
  const m = JSON.parse(line);
  if (m.method === 'initialize')
    send({ jsonrpc: '2.0', id: m.id, result: { protocolVersion: m.params.protocolVersion, capabilities: { tools: {} }, serverInfo: { name: 'where', version: '1' } } });
  else if (m.method === 'tools/list')
    send({ jsonrpc: '2.0', id: m.id, result: { tools: [{ name: 'where', description: 'Where this server runs', inputSchema: { type: 'object', properties: {} } }] } });
  else if (m.method === 'tools/call')
    send({ jsonrpc: '2.0', id: m.id, result: { content: [{ type: 'text', text: 'in-clone=' + existsSync('package.json') + ' shadow-visible=' + existsSync('/etc/shadow') }] } });
  else if (m.id !== undefined) send({ jsonrpc: '2.0', id: m.id, error: { code: -32601, message: 'unknown method' } });
});
`;

/** The names of the tools in a Messages API request body the twin recorded. */
const toolNames = (body: unknown): string[] =>
  z
    .object({ tools: z.array(z.object({ name: z.string() })).default([]) })
    .parse(body)
    .tools.map((t) => t.name);

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

  it('offers the planning agent the servers configured for planning, and not those for development only', async () => {
    dir = await mkdtemp(join(tmpdir(), 'mcp-config-'));
    const configFile = join(dir, 'mcp.json');
    const constants = {
      command: process.execPath,
      args: [SERVER],
      env: { ANSWER_VALUE: '${MCP_E2E_ANSWER}' },
    };
    await writeFile(
      configFile,
      JSON.stringify({
        servers: {
          glossary: { ...constants, agents: ['planning'], deny: ['drop_database'] },
          builder: { ...constants, agents: ['development'], deny: ['drop_database'] },
        },
      }),
    );
    process.env.MCP_E2E_ANSWER = 'forty-two';
    h = await startHarness({
      env: { PIPELINE_MCP_CONFIG: configFile },
      script: {
        conversations: [
          intake('feature'),
          {
            name: 'plan with the glossary',
            match: { systemIncludes: 'planning agent' },
            turns: [
              call(
                'glossary__lookup_constant',
                { name: 'ANSWER' },
                { toolsInclude: ['glossary__lookup_constant', 'submit_plan'], notIncludes: ['builder__'] },
              ),
              {
                expect: { lastToolResultIncludes: 'ANSWER = forty-two', lastToolResultIsError: false },
                reply: {
                  toolCalls: [
                    {
                      name: 'submit_plan',
                      input: {
                        summary: 'Export the answer the glossary gives.',
                        files: ['src/answer.js'],
                        steps: ['Write src/answer.js'],
                        testStrategy: 'the suite',
                        risks: [],
                      },
                    },
                  ],
                },
              },
            ],
          },
          develop('Add the answer', [
            call(
              'write_file',
              { path: 'src/answer.js', content: "export const ANSWER = 'forty-two';\n" },
              { toolsInclude: ['builder__lookup_constant'], notIncludes: ['glossary__'] },
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

    // Every request of the planning agent listed the glossary's tool and nothing of the development-only server.
    const planning = h.anthropic.requests.filter((r) => r.conversation === 'plan with the glossary');
    expect(planning).toHaveLength(2);
    for (const request of planning) expect(toolNames(request.body)).toContain('glossary__lookup_constant');
    for (const request of planning)
      expect(toolNames(request.body).filter((name) => name.startsWith('builder__'))).toEqual([]);

    const events = await listEvents(h.db, run.id, { limit: 1000 });
    expect(events.filter((e) => e.type === 'mcp_connected').map((e) => e.message)).toEqual([
      'MCP tools offered to the planning agent: glossary__lookup_constant',
      'MCP tools offered to the development agent: builder__lookup_constant',
    ]);
    expect(events.filter((e) => e.type === 'mcp_server_failed')).toEqual([]);
  }, 150_000);

  it('offers the testing agent, diagnosing a failed round, the servers configured for testing', async () => {
    dir = await mkdtemp(join(tmpdir(), 'mcp-config-'));
    const configFile = join(dir, 'mcp.json');
    const constants = {
      command: process.execPath,
      args: [SERVER],
      env: { ANSWER_VALUE: '${MCP_E2E_ANSWER}' },
    };
    await writeFile(
      configFile,
      JSON.stringify({ servers: { triage: { ...constants, agents: ['testing'], deny: ['drop_database'] } } }),
    );
    process.env.MCP_E2E_ANSWER = 'forty-two';
    const diagnoseWithTriage: ScriptConversation = {
      name: 'diagnose with the triage server',
      match: { systemIncludes: 'testing agent' },
      turns: [
        call(
          'triage__lookup_constant',
          { name: 'ANSWER' },
          { toolsInclude: ['triage__lookup_constant', 'submit_diagnosis'] },
        ),
        {
          expect: { lastToolResultIncludes: 'ANSWER = forty-two', lastToolResultIsError: false },
          reply: { toolCalls: [{ name: 'submit_diagnosis', input: SUB_DIAGNOSIS }] },
        },
      ],
    };
    h = await startHarness({
      env: { PIPELINE_MCP_CONFIG: configFile },
      script: {
        conversations: (featureWithFixRound.conversations ?? []).map((c) =>
          c.name === 'diagnose the failing round' ? diagnoseWithTriage : c,
        ),
      },
    });
    const issue = await labelNewIssue(h);
    const run = await h.waitForRun(issue, ['succeeded', 'failed', 'waiting_input'], 90_000);
    expect(run.status, run.error ?? '').toBe('succeeded');
    h.anthropic.assertScriptDone();

    // Only the testing agent was offered the server's tool.
    const offered = h.anthropic.requests.filter((r) => toolNames(r.body).includes('triage__lookup_constant'));
    expect(new Set(offered.map((r) => r.conversation))).toEqual(new Set(['diagnose with the triage server']));
    const events = await listEvents(h.db, run.id, { limit: 1000 });
    expect(events.filter((e) => e.type === 'mcp_connected').map((e) => e.message)).toEqual([
      'MCP tools offered to the testing agent: triage__lookup_constant',
    ]);
  }, 150_000);

  it('runs a repository’s own server in the sandbox, and refuses one that names an app secret', async () => {
    h = await startHarness({
      files: {
        ...withConfig(
          [
            'mcp_servers:',
            '  where:',
            '    command: node',
            '    args: [tools/where-server.mjs]',
            '  leaky:',
            '    command: node',
            '    args: [tools/where-server.mjs]',
            '    env:',
            '      KEY: ${ANTHROPIC_API_KEY}',
            '',
          ].join('\n'),
        ),
        'tools/where-server.mjs': REPO_SERVER,
      },
      script: {
        conversations: [
          intake('feature'),
          plan(['Record where']),
          develop('Record where', [
            call('where__where', {}, { toolsInclude: ['where__where'], notIncludes: ['leaky__where'] }),
            call(
              'write_file',
              { path: 'where.txt', content: 'in-clone=true shadow-visible=false\n' },
              { lastToolResultIncludes: 'in-clone=true shadow-visible=false' },
            ),
          ]),
        ],
      },
    });
    const issue = await h.github.openIssue(REPO, {
      title: 'Record where',
      body: 'Please.',
      user: MAINTAINER,
    });
    await h.github.addLabel(REPO, issue.number, 'pipeline', { by: MAINTAINER });
    const run = await h.waitForRun(issue.number, ['succeeded', 'failed', 'waiting_input'], 90_000);
    expect(run.status, run.error ?? '').toBe('succeeded');
    h.anthropic.assertScriptDone();

    const events = await listEvents(h.db, run.id, { limit: 1000 });
    expect(events.filter((e) => e.type === 'mcp_server_failed').map((e) => e.data)).toEqual([
      {
        server: 'leaky',
        reason:
          'it references ${ANTHROPIC_API_KEY}, which the app does not give to repositories (`repo_env` of PIPELINE_MCP_CONFIG)',
      },
    ]);
  }, 150_000);
});
