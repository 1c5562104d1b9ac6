import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, describe, expect, it } from 'vitest';
import { MAINTAINER, REPO, startHarness, type Harness } from './harness.js';
import { featureScript } from './scripts/steering.js';
import { mcpTokensEnv, WRITE_TOKEN } from './support/mcp-tokens.js';

const run = promisify(execFile);
const BIN = new URL('../../bin/agentic-dev-pipeline.js', import.meta.url).pathname;
const INSPECTOR = new URL(
  '../../node_modules/@modelcontextprotocol/inspector/cli/build/cli.js',
  import.meta.url,
).pathname;

/** What `npx agentic-dev-pipeline mcp` gets on a laptop: the app's URL and a token, nothing of the app's own. */
const laptopEnv = (h: Harness) => ({
  PATH: process.env.PATH ?? '',
  PIPELINE_API_URL: h.app.web?.url ?? '',
  PIPELINE_API_TOKEN: WRITE_TOKEN,
  LOG_LEVEL: 'warn',
});

describe('`npx agentic-dev-pipeline mcp`: Claude Code driving a running app over stdio', () => {
  let h: Harness | undefined;
  let client: Client | undefined;
  afterEach(async () => {
    await client?.close();
    client = undefined;
    await h?.close();
    h = undefined;
  });

  it('starts a run, waits for it with progress, and reads its plan through the HTTP API', async () => {
    h = await startHarness({ script: featureScript(), env: mcpTokensEnv() });
    const issue = await h.github.openIssue(REPO, {
      title: 'Add a subtract helper',
      body: 'We need `sub(a, b)` next to `sum`.',
      user: MAINTAINER,
    });
    client = new Client({ name: 'claude-code', version: '1.0.0' });
    await client.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: [BIN, 'mcp'],
        env: laptopEnv(h),
        stderr: 'pipe',
      }),
    );
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toContain('wait_for_run');

    const started = (await client.callTool({
      name: 'start_run',
      arguments: { repo: REPO, issue: issue.number, client_key: 'stdio-1' },
    })) as CallToolResult;
    const runId = (started.structuredContent as { run_id: string }).run_id;
    const progress: string[] = [];
    const waited = (await client.callTool(
      { name: 'wait_for_run', arguments: { run_id: runId, timeout_seconds: 60 } },
      undefined,
      {
        onprogress: (p) => void progress.push(p.message ?? ''),
        resetTimeoutOnProgress: true,
        timeout: 90_000,
      },
    )) as CallToolResult;
    expect(waited.structuredContent).toMatchObject({ run: { id: runId, status: 'succeeded' } });
    expect(progress.length).toBeGreaterThan(3);
    expect(progress).toContainEqual(expect.stringMatching(/^tested: /));

    const plan = await client.readResource({ uri: `pipeline://runs/${runId}/plan` });
    expect(plan.contents[0]).toMatchObject({ mimeType: 'text/markdown' });
    const log = (await client.callTool({
      name: 'get_run_log',
      arguments: { run_id: runId },
    })) as CallToolResult;
    expect(log.isError).toBeFalsy();
    expect(log.content[0]?.type === 'text' ? log.content[0].text : '').toContain('pull_request:');
    const audit = (await h.runs()).find((r) => r.id === runId);
    expect(audit?.sender).toBe('api:claude');
    h.anthropic.assertScriptDone();
  }, 120_000);

  it('is listed by the MCP Inspector CLI', async () => {
    h = await startHarness({ worker: false, env: mcpTokensEnv() });
    const env = laptopEnv(h);
    const { stdout } = await run(
      process.execPath,
      [
        INSPECTOR,
        '--cli',
        ...Object.entries(env).flatMap(([k, v]) => ['-e', `${k}=${v}`]),
        process.execPath,
        BIN,
        'mcp',
        '--method',
        'tools/list',
      ],
      { env: { PATH: env.PATH }, timeout: 60_000 },
    );
    const listed = JSON.parse(stdout) as { tools: { name: string }[] };
    expect(listed.tools.map((t) => t.name).sort()).toEqual([
      'approve_plan',
      'cancel_run',
      'get_run',
      'get_run_log',
      'list_runs',
      'replan',
      'retry_run',
      'search_code',
      'start_run',
      'wait_for_run',
    ]);
  }, 90_000);

  it('says what to set when PIPELINE_API_URL is missing', async () => {
    const failure = await run(process.execPath, [BIN, 'mcp'], {
      env: { PATH: process.env.PATH ?? '' },
    }).catch((error: unknown) => error as { code: number; stderr: string });
    expect(failure).toMatchObject({ code: 1 });
    expect((failure as { stderr: string }).stderr).toContain('PIPELINE_API_URL is not set');
  });
});
