import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ResourceUpdatedNotificationSchema, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, describe, expect, it } from 'vitest';
import { listEvents } from '../../src/storage/index.js';
import { MAINTAINER, REPO, startHarness, type Harness } from './harness.js';
import { featureScript } from './scripts/steering.js';
import { mcpTokensEnv, WRITE_TOKEN } from './support/mcp-tokens.js';

/**
 * A network between the client and /mcp that can drop the connection carrying the `wait_for_run` call's
 * stream, and holds the client's reconnection until the test lets it through.
 */
class FlakyNetwork {
  /** `Mcp-Session-Id` and `Last-Event-ID` of each reconnection the client made. */
  readonly resumptions: { sessionId: string | null; lastEventId: string }[] = [];
  private drop: (() => void) | undefined;
  private release: () => void = () => undefined;
  private readonly released = new Promise<void>((resolve) => (this.release = resolve));

  readonly fetch = async (url: string | URL, init?: RequestInit): Promise<Response> => {
    const headers = new Headers(init?.headers);
    const lastEventId = headers.get('last-event-id');
    if (init?.method === 'GET' && lastEventId) {
      this.resumptions.push({ sessionId: headers.get('mcp-session-id'), lastEventId });
      await this.released;
    }
    const response = await fetch(url, init);
    const waits = typeof init?.body === 'string' && init.body.includes('"wait_for_run"');
    if (!waits || !response.body) return response;
    return new Response(this.droppable(response.body), {
      status: response.status,
      headers: response.headers,
    });
  };

  /** Drops the connection of the `wait_for_run` call, as a lost network would. */
  dropConnection(): void {
    this.drop?.();
  }

  /** Lets the held reconnection reach the server. */
  reconnect(): void {
    this.release();
  }

  private droppable(body: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
    const source = body.getReader();
    return new ReadableStream<Uint8Array>({
      start: (controller) => {
        this.drop = () => {
          controller.error(new Error('the connection was lost'));
          // The server sees its response stream closed, as it would when the network goes.
          void source.cancel().catch(() => undefined);
        };
      },
      pull: async (controller) => {
        const chunk = await source.read().catch(() => ({ done: true as const, value: undefined }));
        try {
          if (chunk.done) controller.close();
          else controller.enqueue(chunk.value);
        } catch {
          // Dropped meanwhile: the stream is already errored.
        }
      },
      cancel: (reason) => source.cancel(reason),
    });
  }
}

/** What a stream sends within `ms` (the stream stays open: a replay comes at once, then keep-alives). */
async function readFor(response: Response, ms: number): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return '';
  const decoder = new TextDecoder();
  const stop = setTimeout(() => void reader.cancel(), ms);
  let text = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return text;
      text += decoder.decode(value, { stream: true });
    }
  } finally {
    clearTimeout(stop);
  }
}

async function waitUntil(what: string, check: () => Promise<boolean> | boolean, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

describe('a /mcp client whose connection drops while it waits for a run', () => {
  let h: Harness | undefined;
  let client: Client | undefined;
  afterEach(async () => {
    await client?.close();
    client = undefined;
    await h?.close();
    h = undefined;
  });

  it('reconnects with its session and Last-Event-ID and is told every step it missed, each once', async () => {
    h = await startHarness({ script: featureScript(), env: mcpTokensEnv() });
    const harness = h;
    const issue = await h.github.openIssue(REPO, {
      title: 'Add a subtract helper',
      body: 'We need `sub(a, b)` next to `sum`.',
      user: MAINTAINER,
    });
    const network = new FlakyNetwork();
    const transport = new StreamableHTTPClientTransport(new URL(`${h.app.web?.url}/mcp`), {
      requestInit: { headers: { authorization: `Bearer ${WRITE_TOKEN}` } },
      fetch: network.fetch,
      reconnectionOptions: {
        initialReconnectionDelay: 200,
        maxReconnectionDelay: 1_000,
        reconnectionDelayGrowFactor: 1.5,
        maxRetries: 10,
      },
    });
    client = new Client({ name: 'e2e', version: '1.0.0' });
    await client.connect(transport);
    const started = (await client.callTool({
      name: 'start_run',
      arguments: { repo: REPO, issue: issue.number },
    })) as CallToolResult;
    const runId = (started.structuredContent as { run_id: string }).run_id;
    const timeline = async () =>
      (await listEvents(harness.db, runId, { limit: 1000 })).map((e) => ({
        id: e.id,
        step: `${e.type}: ${e.message}`,
      }));

    const progress: { progress: number; message: string }[] = [];
    const waiting = client.callTool(
      // From the first event: the whole timeline is expected, so a lost or repeated step shows.
      { name: 'wait_for_run', arguments: { run_id: runId, until: 'settled', since_event_id: 0 } },
      undefined,
      {
        onprogress: (p) => void progress.push({ progress: p.progress, message: p.message ?? '' }),
        resetTimeoutOnProgress: true,
        timeout: 120_000,
      },
    );

    await waitUntil('the first steps as progress', () => progress.length >= 2);
    network.dropConnection();
    const toldBeforeDrop = progress.length;
    // The run goes on while the client is away; its steps are sent (and kept) meanwhile.
    await waitUntil('steps the client has not been told', async () => {
      return (await timeline()).length >= toldBeforeDrop + 3;
    });
    await sleep(2_000);
    expect(progress).toHaveLength(toldBeforeDrop);
    network.reconnect();

    const waited = (await waiting) as CallToolResult;
    expect(waited.isError).toBeFalsy();
    const answer = waited.structuredContent as { run: { status: string }; last_event_id: number };
    expect(answer.run.status).toBe('succeeded');

    expect(network.resumptions.length).toBeGreaterThanOrEqual(1);
    expect(network.resumptions[0]?.sessionId).toBe(transport.sessionId);
    // Every step of the timeline up to the answer's last event, in order, none twice.
    const expected = (await timeline()).filter((e) => e.id <= answer.last_event_id).map((e) => e.step);
    expect(progress.map((p) => p.message)).toEqual(expected);
    expect(progress.map((p) => p.progress)).toEqual(expected.map((_, i) => i + 1));
    expect(expected.length).toBeGreaterThan(toldBeforeDrop);
    h.anthropic.assertScriptDone();
  }, 150_000);

  it('replays to a session only its own messages, though every session’s GET stream has the same name', async () => {
    h = await startHarness({ worker: false, env: mcpTokensEnv() });
    const url = `${h.app.web?.url}/mcp`;
    const issue = await h.github.openIssue(REPO, { title: 'Add sub', body: 'Please.', user: MAINTAINER });
    // One session follows a run: its resource-updated notifications go out on its standalone GET stream.
    client = new Client({ name: 'e2e', version: '1.0.0' });
    const updated: string[] = [];
    client.setNotificationHandler(ResourceUpdatedNotificationSchema, (n) => void updated.push(n.params.uri));
    await client.connect(
      new StreamableHTTPClientTransport(new URL(url), {
        requestInit: { headers: { authorization: `Bearer ${WRITE_TOKEN}` } },
      }),
    );
    const started = (await client.callTool({
      name: 'start_run',
      arguments: { repo: REPO, issue: issue.number },
    })) as CallToolResult;
    const runId = (started.structuredContent as { run_id: string }).run_id;
    await client.subscribeResource({ uri: `pipeline://runs/${runId}` });
    await client.callTool({ name: 'cancel_run', arguments: { run_id: runId } });
    await waitUntil('the run’s update', () => updated.length > 0);

    // Another session resumes "its" GET stream from the start, naming the SDK's stream id.
    const headers = {
      authorization: `Bearer ${WRITE_TOKEN}`,
      accept: 'application/json, text/event-stream',
      'content-type': 'application/json',
      'mcp-protocol-version': '2025-11-25',
    };
    const init = await fetch(url, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: {
          protocolVersion: '2025-11-25',
          capabilities: {},
          clientInfo: { name: 'other', version: '1' },
        },
      }),
    });
    const sessionId = init.headers.get('mcp-session-id') ?? '';
    await init.text();
    const initialized = await fetch(url, {
      method: 'POST',
      headers: { ...headers, 'mcp-session-id': sessionId },
      body: JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }),
    });
    expect(initialized.status).toBe(202);
    const resumed = await fetch(url, {
      headers: { ...headers, 'mcp-session-id': sessionId, 'last-event-id': '_GET_stream.0' },
    });
    expect(resumed.status).toBe(200);
    const replayed = await readFor(resumed, 2_000);
    expect(replayed).not.toContain('notifications/resources/updated');
  }, 90_000);
});
