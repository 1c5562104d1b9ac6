import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ResourceUpdatedNotificationSchema, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { listEvents } from '../../src/storage/index.js';
import { MAINTAINER, REPO, startHarness, type Harness } from './harness.js';
import { featureScript } from './scripts/steering.js';
import { ELSEWHERE_TOKEN, mcpTokensEnv, READ_TOKEN, WRITE_TOKEN } from './support/mcp-tokens.js';

const textOf = (result: CallToolResult) =>
  result.content.map((c) => (c.type === 'text' ? c.text : '')).join('\n');

const clients: Client[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});

async function connect(h: Harness, token: string | undefined): Promise<Client> {
  const client = new Client({ name: 'e2e', version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(new URL(`${h.app.web?.url}/mcp`), {
    requestInit: token ? { headers: { authorization: `Bearer ${token}` } } : {},
  });
  await client.connect(transport);
  clients.push(client);
  return client;
}

async function openIssue(h: Harness): Promise<number> {
  const issue = await h.github.openIssue(REPO, {
    title: 'Add a subtract helper',
    body: 'We need `sub(a, b)` next to `sum`.',
    user: MAINTAINER,
  });
  return issue.number;
}

const INITIALIZE = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'curl', version: '1' } },
});
const JSON_HEADERS = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };

describe('Claude Code driving the pipeline over Streamable HTTP at /mcp', () => {
  describe('with a write token and a worker', () => {
    let h: Harness | undefined;
    afterEach(async () => {
      await h?.close();
      h = undefined;
    });

    it('starts a run once per client key, waits for it with progress, and reads its plan', async () => {
      h = await startHarness({ script: featureScript(), env: mcpTokensEnv() });
      const issue = await openIssue(h);
      const client = await connect(h, WRITE_TOKEN);

      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name).sort()).toEqual([
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
      // The harness runs without a code index: the search says so rather than failing the session.
      const search = (await client.callTool({
        name: 'search_code',
        arguments: { repo: REPO, query: 'sum' },
      })) as CallToolResult;
      expect(search.isError).toBe(true);
      expect(textOf(search)).toBe('Failed (503): The code index is off (PIPELINE_CODE_INDEX=off).');

      const args = { repo: REPO, issue, client_key: 'laptop-1' };
      const first = (await client.callTool({ name: 'start_run', arguments: args })) as CallToolResult;
      expect(first.isError, textOf(first)).toBeFalsy();
      const started = first.structuredContent as { run_id: string; url: string; reused: boolean };
      expect(started.reused).toBe(false);
      expect(started.url).toBe(`${h.app.web?.url}/api/v1/runs/${started.run_id}`);
      const again = (await client.callTool({ name: 'start_run', arguments: args })) as CallToolResult;
      expect(again.structuredContent).toMatchObject({ run_id: started.run_id, reused: true });

      const updated: string[] = [];
      client.setNotificationHandler(
        ResourceUpdatedNotificationSchema,
        (n) => void updated.push(n.params.uri),
      );
      await client.subscribeResource({ uri: `pipeline://runs/${started.run_id}` });

      const progress: string[] = [];
      const waited = (await client.callTool(
        {
          name: 'wait_for_run',
          arguments: { run_id: started.run_id, until: 'settled', timeout_seconds: 60 },
        },
        undefined,
        {
          onprogress: (p) => void progress.push(p.message ?? ''),
          resetTimeoutOnProgress: true,
          timeout: 90_000,
        },
      )) as CallToolResult;
      expect(waited.isError, textOf(waited)).toBeFalsy();
      expect(waited.structuredContent).toMatchObject({ run: { status: 'succeeded' }, timed_out: false });
      expect(progress.some((m) => m.startsWith('planned:'))).toBe(true);
      expect(progress.some((m) => m.startsWith('pull_request:'))).toBe(true);
      // The subscribed run's resource was announced as updated while it advanced.
      expect(updated).toContain(`pipeline://runs/${started.run_id}`);

      // Waiting again tells nothing already told: no old step comes back as progress.
      const told = progress.length;
      const later = (await client.callTool(
        { name: 'wait_for_run', arguments: { run_id: started.run_id, timeout_seconds: 5 } },
        undefined,
        { onprogress: (p) => void progress.push(p.message ?? '') },
      )) as CallToolResult;
      expect(later.structuredContent).toMatchObject({ run: { status: 'succeeded' }, events_seen: 0 });
      expect(progress).toHaveLength(told);

      // The same key after the run ended still names that run: no second run on the issue.
      const late = (await client.callTool({ name: 'start_run', arguments: args })) as CallToolResult;
      expect(late.structuredContent).toMatchObject({ run_id: started.run_id, reused: true });
      expect((await h.runs()).filter((r) => r.issueNumber === issue)).toHaveLength(1);

      const plan = await client.readResource({ uri: `pipeline://runs/${started.run_id}/plan` });
      const planText = plan.contents[0] && 'text' in plan.contents[0] ? plan.contents[0].text : '';
      expect(planText).toContain(`# Plan of run ${started.run_id}`);
      // The run pushed its code, so the plan's tasks are checked, as on the status comment.
      expect(planText).toContain('- [x] Write src/sub.js');
      const summary = await client.readResource({ uri: `pipeline://runs/${started.run_id}` });
      expect(summary.contents[0]?.mimeType).toBe('application/json');
      const changes = await client.readResource({ uri: `pipeline://runs/${started.run_id}/diff` });
      expect(changes.contents[0]?.mimeType).toBe('text/x-diff');
      const diffText = changes.contents[0] && 'text' in changes.contents[0] ? changes.contents[0].text : '';
      expect(diffText).toContain('diff --git a/src/sub.js b/src/sub.js');
      expect(diffText).toContain('+export const sub = (a, b) => a - b;');
      h.anthropic.assertScriptDone();
    }, 120_000);
  });

  describe('a caller waiting in a loop', () => {
    let h: Harness | undefined;
    afterEach(async () => {
      await h?.close();
      h = undefined;
    });

    it('is told each step of the run once, picking up where its previous wait left off', async () => {
      h = await startHarness({ script: featureScript(), env: mcpTokensEnv() });
      const issue = await openIssue(h);
      const client = await connect(h, WRITE_TOKEN);
      const started = (await client.callTool({
        name: 'start_run',
        arguments: { repo: REPO, issue },
      })) as CallToolResult;
      const runId = (started.structuredContent as { run_id: string }).run_id;

      // As the slash command does: wait, and while it times out wait again, passing back the answer's
      // last_event_id. The planning and development turns are held until a wait has timed out during each, so
      // the run spans at least three calls however fast the machine is.
      const holds = [
        h.anthropic.hold({ systemIncludes: 'planning agent' }),
        h.anthropic.hold({ systemIncludes: 'development agent' }),
      ];
      const progress: string[] = [];
      const statuses: string[] = [];
      let since: number | undefined;
      for (let calls = 0; calls < 200; calls += 1) {
        const waited = (await client.callTool(
          {
            name: 'wait_for_run',
            arguments: {
              run_id: runId,
              until: 'settled',
              timeout_seconds: 2,
              ...(since === undefined ? {} : { since_event_id: since }),
            },
          },
          undefined,
          {
            onprogress: (p) => void progress.push(p.message ?? ''),
            resetTimeoutOnProgress: true,
            timeout: 90_000,
          },
        )) as CallToolResult;
        expect(waited.isError, textOf(waited)).toBeFalsy();
        const answer = waited.structuredContent as {
          run: { status: string };
          timed_out: boolean;
          last_event_id: number;
        };
        statuses.push(answer.run.status);
        since = answer.last_event_id;
        if (!answer.timed_out) break;
        const held = holds.shift();
        if (held) {
          await held.arrived;
          held.release();
        }
      }
      expect(statuses.at(-1)).toBe('succeeded');
      expect(statuses.length).toBeGreaterThanOrEqual(3);

      // What the calls told, together, is the end of the run's timeline up to the last answer: in order, with no
      // step missing between two calls and none told twice.
      const timeline = (await listEvents(h.db, runId, { limit: 1000 }))
        .filter((e) => e.id <= (since ?? 0))
        .map((e) => `${e.type}: ${e.message}`);
      expect(progress.length).toBeGreaterThan(3);
      expect(progress).toEqual(timeline.slice(-progress.length));
      expect(progress.some((m) => m.startsWith('planned:'))).toBe(true);
      expect(progress.some((m) => m.startsWith('pull_request:'))).toBe(true);
      h.anthropic.assertScriptDone();
    }, 150_000);
  });

  describe('without a worker', () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness({ worker: false, env: mcpTokensEnv() });
    }, 60_000);
    afterAll(() => h.close());

    it('answers bad arguments with a tool error naming the field', async () => {
      const client = await connect(h, WRITE_TOKEN);
      const badRepo = (await client.callTool({
        name: 'start_run',
        arguments: { repo: 'not a repo', issue: 1 },
      })) as CallToolResult;
      expect(badRepo.isError).toBe(true);
      expect(textOf(badRepo)).toContain('repo must be owner/name');
      const badId = (await client.callTool({
        name: 'get_run',
        arguments: { run_id: 'abc' },
      })) as CallToolResult;
      expect(badId.isError).toBe(true);
      expect(textOf(badId)).toContain('run_id must be a run id');
      const missing = (await client.callTool({
        name: 'start_run',
        arguments: { repo: REPO, issue: 999 },
      })) as CallToolResult;
      expect(missing.isError).toBe(true);
      expect(textOf(missing)).toBe(`Not found: ${REPO} has no issue #999.`);
    });

    it('opens a new issue from a title and a body once per client key, and runs on it', async () => {
      const client = await connect(h, WRITE_TOKEN);
      const args = {
        repo: REPO,
        title: 'Add a multiply helper',
        body: 'We need `mul(a, b)`.',
        client_key: 'new-1',
      };
      const first = (await client.callTool({ name: 'start_run', arguments: args })) as CallToolResult;
      expect(first.isError, textOf(first)).toBeFalsy();
      const again = (await client.callTool({ name: 'start_run', arguments: args })) as CallToolResult;
      const runId = (first.structuredContent as { run_id: string }).run_id;
      expect(again.structuredContent).toMatchObject({ run_id: runId, reused: true });

      const opened = h.github.issues(REPO).filter((i) => i.title === 'Add a multiply helper');
      expect(opened).toHaveLength(1);
      expect(opened[0]?.body).toContain('Opened by the pipeline for api:claude');
      const run = (await h.runs()).find((r) => r.id === runId);
      expect(run).toMatchObject({ issueNumber: opened[0]?.number, status: 'queued' });

      const neither = (await client.callTool({
        name: 'start_run',
        arguments: { repo: REPO },
      })) as CallToolResult;
      expect(neither.isError).toBe(true);
      expect(textOf(neither)).toContain('issue: give either issue');
    });

    it('lets a read-only token see a run but not cancel it', async () => {
      const issue = await openIssue(h);
      const writer = await connect(h, WRITE_TOKEN);
      const started = (await writer.callTool({
        name: 'start_run',
        arguments: { repo: REPO, issue },
      })) as CallToolResult;
      const runId = (started.structuredContent as { run_id: string }).run_id;

      const reader = await connect(h, READ_TOKEN);
      const seen = (await reader.callTool({
        name: 'get_run',
        arguments: { run_id: runId },
      })) as CallToolResult;
      expect(seen.structuredContent).toMatchObject({ run: { id: runId, status: 'queued' } });
      await expect(reader.readResource({ uri: `pipeline://runs/${runId}/diff` })).rejects.toThrow(
        `Run ${runId} has no pull request yet.`,
      );
      const cancel = (await reader.callTool({
        name: 'cancel_run',
        arguments: { run_id: runId },
      })) as CallToolResult;
      expect(cancel.isError).toBe(true);
      expect(textOf(cancel)).toBe('Refused: This token may read runs, not steer them.');
      expect((await h.runs()).find((r) => r.id === runId)?.status).toBe('queued');
    });

    it('answers a missing or wrong token with 401 and WWW-Authenticate pointing at the metadata', async () => {
      const url = `${h.app.web?.url}/mcp`;
      const missing = await fetch(url, { method: 'POST', headers: JSON_HEADERS, body: INITIALIZE });
      expect(missing.status).toBe(401);
      const challenge = missing.headers.get('www-authenticate') ?? '';
      expect(challenge).toBe(
        `Bearer resource_metadata="${h.app.web?.url}/.well-known/oauth-protected-resource/mcp"`,
      );

      const wrong = await fetch(url, {
        method: 'POST',
        headers: { ...JSON_HEADERS, authorization: 'Bearer not-a-token' },
        body: INITIALIZE,
      });
      expect(wrong.status).toBe(401);
      expect(wrong.headers.get('www-authenticate')).toContain('error="invalid_token"');

      const metadata = await fetch(/resource_metadata="([^"]+)"/.exec(challenge)?.[1] ?? '');
      expect(await metadata.json()).toMatchObject({ resource: url, bearer_methods_supported: ['header'] });

      // The SDK's own client is refused the same way.
      await expect(connect(h, undefined)).rejects.toMatchObject({ code: 401 });
    });

    it('refuses a token meant for another server (its audience)', async () => {
      const response = await fetch(`${h.app.web?.url}/mcp`, {
        method: 'POST',
        headers: { ...JSON_HEADERS, authorization: `Bearer ${ELSEWHERE_TOKEN}` },
        body: INITIALIZE,
      });
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toContain('error="invalid_token"');
    });

    it('refuses a page from another origin (DNS rebinding), even with a good token', async () => {
      const response = await fetch(`${h.app.web?.url}/mcp`, {
        method: 'POST',
        headers: { ...JSON_HEADERS, authorization: `Bearer ${WRITE_TOKEN}`, origin: 'http://evil.example' },
        body: INITIALIZE,
      });
      expect(response.status).toBe(403);
    });

    it('keeps a session to the token that opened it', async () => {
      const client = await connect(h, WRITE_TOKEN);
      const sessionId = (client.transport as StreamableHTTPClientTransport).sessionId ?? '';
      expect(sessionId).not.toBe('');
      const hijack = await fetch(`${h.app.web?.url}/mcp`, {
        method: 'POST',
        headers: {
          ...JSON_HEADERS,
          authorization: `Bearer ${READ_TOKEN}`,
          'mcp-session-id': sessionId,
          'mcp-protocol-version': '2025-06-18',
        },
        body: JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' }),
      });
      expect(hijack.status).toBe(404);
    });
  });
});
