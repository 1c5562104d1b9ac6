import Anthropic from '@anthropic-ai/sdk';
import type { MessageParam, Tool } from '@anthropic-ai/sdk/resources/messages/messages.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startAnthropicTwin, type AnthropicTwin, type TwinScript } from './anthropic/index.js';

const MODEL = 'claude-sonnet-4-5';
const SYSTEM = 'You are the test agent.';
const readTool: Tool = {
  name: 'read_file',
  description: 'Read a file',
  input_schema: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] },
  cache_control: { type: 'ephemeral' },
};

const twoTurnScript: TwinScript = {
  conversations: [
    {
      name: 'reader',
      match: { firstUserIncludes: 'README' },
      turns: [
        {
          expect: { systemIncludes: 'test agent', toolsInclude: ['read_file'] },
          reply: { text: 'Reading it.', toolCalls: [{ name: 'read_file', input: { path: 'README.md' } }] },
        },
        {
          expect: { lastToolResultIncludes: '# Hello' },
          reply: { text: 'The README says hello.' },
        },
      ],
    },
  ],
};

let twin: AnthropicTwin;
let client: Anthropic;

beforeEach(async () => {
  twin = await startAnthropicTwin({ retryAfterMs: 1 });
  client = new Anthropic({ baseURL: twin.url, apiKey: 'test-key', maxRetries: 3 });
});

afterEach(async () => {
  await twin.close();
});

function base(messages: MessageParam[]) {
  return {
    model: MODEL,
    max_tokens: 1024,
    system: [{ type: 'text' as const, text: SYSTEM, cache_control: { type: 'ephemeral' as const } }],
    tools: [readTool],
    messages,
  };
}

const firstUser: MessageParam = { role: 'user', content: 'Summarise the README.' };

describe('Anthropic twin', () => {
  describe('a scripted two-turn tool conversation', () => {
    it('replays tool_use then text without streaming', async () => {
      twin.load(twoTurnScript);
      const first = await client.messages.create(base([firstUser]));
      expect(first.stop_reason).toBe('tool_use');
      const call = first.content.find((b) => b.type === 'tool_use');
      expect(call?.type === 'tool_use' && call.id).toMatch(/^toolu_/);
      if (call?.type !== 'tool_use') throw new Error('expected a tool call');
      expect(call.input).toEqual({ path: 'README.md' });

      const second = await client.messages.create(
        base([
          firstUser,
          { role: 'assistant', content: first.content },
          { role: 'user', content: [{ type: 'tool_result', tool_use_id: call.id, content: '# Hello' }] },
        ]),
      );
      expect(second.stop_reason).toBe('end_turn');
      expect(second.content).toEqual([{ type: 'text', text: 'The README says hello.', citations: null }]);
      expect(twin.requests.map((r) => [r.conversation, r.turn])).toEqual([
        ['reader', 0],
        ['reader', 1],
      ]);
      twin.assertScriptDone();
    });

    it('replays the same conversation over SSE with finalMessage()', async () => {
      twin.load(twoTurnScript);
      const first = await client.messages.stream(base([firstUser])).finalMessage();
      const call = first.content.find((b) => b.type === 'tool_use');
      if (call?.type !== 'tool_use') throw new Error('expected a tool call');
      expect(call.input).toEqual({ path: 'README.md' });
      expect(first.content[0]).toMatchObject({ type: 'text', text: 'Reading it.' });

      const second = await client.messages
        .stream(
          base([
            firstUser,
            { role: 'assistant', content: first.content },
            { role: 'user', content: [{ type: 'tool_result', tool_use_id: call.id, content: '# Hello' }] },
          ]),
        )
        .finalMessage();
      expect(second.stop_reason).toBe('end_turn');
      expect(second.usage.output_tokens).toBeGreaterThan(0);
      expect(twin.requests.every((r) => r.stream)).toBe(true);
      twin.assertScriptDone();
    });
  });

  describe('usage', () => {
    it('writes the cached prefix on the first call and reads it on the next', async () => {
      twin.load({ default: { text: 'ok' } });
      const first = await client.messages.create(base([firstUser]));
      const second = await client.messages.create(base([{ role: 'user', content: 'Another question.' }]));
      expect(first.usage.cache_creation_input_tokens).toBeGreaterThan(0);
      expect(first.usage.cache_read_input_tokens).toBe(0);
      expect(second.usage.cache_read_input_tokens).toBe(first.usage.cache_creation_input_tokens);
      expect(second.usage.cache_creation_input_tokens).toBe(0);
      expect(second.usage.input_tokens).toBeGreaterThan(0);
    });

    it('lets a turn pin its usage', async () => {
      twin.load({ default: { text: 'ok', usage: { input_tokens: 12345, output_tokens: 7 } } });
      const message = await client.messages.create(base([firstUser]));
      expect(message.usage).toMatchObject({ input_tokens: 12345, output_tokens: 7 });
    });
  });

  describe('errors on demand', () => {
    it('answers 429 with retry-after and the SDK retries to success', async () => {
      twin.load({ default: { text: 'ok' } });
      twin.failNext({ status: 429, count: 2, retryAfterMs: 1 });
      const message = await client.messages.create(base([firstUser]));
      expect(message.content[0]).toMatchObject({ text: 'ok' });
      expect(twin.requests.map((r) => r.status)).toEqual([429, 429, 200]);
    });

    it('sends retry-after in seconds on 429 by default', async () => {
      twin.failNext({ status: 429 });
      const response = await fetch(`${twin.url}/v1/messages`, {
        method: 'POST',
        headers: { 'x-api-key': 'k', 'content-type': 'application/json' },
        body: '{}',
      });
      expect(response.status).toBe(429);
      expect(response.headers.get('retry-after')).toBe('1');
      expect(await response.json()).toMatchObject({ type: 'error', error: { type: 'rate_limit_error' } });
    });

    it('surfaces a 529 storm as an overloaded error once retries run out', async () => {
      twin.load({ default: { text: 'ok' } });
      twin.failNext({ status: 529, count: 10 });
      const error = await client.messages.create(base([firstUser])).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Anthropic.APIError);
      expect(error).toMatchObject({ status: 529, error: { error: { type: 'overloaded_error' } } });
      expect(twin.requests).toHaveLength(4);
    });
  });

  describe('validation like the real API', () => {
    it('refuses a tool_result that answers no tool_use', async () => {
      twin.load({ default: { text: 'ok' } });
      const error = await client.messages
        .create(
          base([
            firstUser,
            {
              role: 'assistant',
              content: [{ type: 'tool_use', id: 'toolu_a', name: 'read_file', input: {} }],
            },
            { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_b', content: 'x' }] },
          ]),
        )
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Anthropic.BadRequestError);
      expect(String(error)).toContain(
        'tool_use` ids were found without `tool_result` blocks immediately after: toolu_a',
      );
    });

    it('refuses a missing max_tokens, roles out of order and five cache markers', async () => {
      const post = (body: unknown) =>
        fetch(`${twin.url}/v1/messages`, {
          method: 'POST',
          headers: { 'x-api-key': 'k', 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }).then(async (r) => ({ status: r.status, text: await r.text() }));
      const hi = { role: 'user', content: 'hi' };
      expect(await post({ model: MODEL, messages: [hi] })).toMatchObject({ status: 400 });
      expect((await post({ model: MODEL, max_tokens: 5, messages: [hi, hi] })).text).toContain(
        'must alternate',
      );
      const marked = { type: 'text', text: 'x', cache_control: { type: 'ephemeral' } };
      const fiveMarkers = {
        model: MODEL,
        max_tokens: 5,
        system: [marked, marked, marked, marked, marked],
        messages: [hi],
      };
      expect((await post(fiveMarkers)).text).toContain('A maximum of 4 blocks with cache_control');
    });
  });

  describe('an unexpected request', () => {
    it('fails with 400 and a readable diff, and assertScriptDone lists it', async () => {
      twin.load(twoTurnScript);
      const first = await client.messages.create(base([firstUser]));
      const call = first.content.find((b) => b.type === 'tool_use');
      if (call?.type !== 'tool_use') throw new Error('expected a tool call');
      const error = await client.messages
        .create(
          base([
            firstUser,
            { role: 'assistant', content: first.content },
            { role: 'user', content: [{ type: 'tool_result', tool_use_id: call.id, content: 'ENOENT' }] },
          ]),
        )
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Anthropic.BadRequestError);
      expect(twin.failures).toHaveLength(1);
      expect(twin.failures[0]?.message).toContain('conversation "reader" turn 1');
      expect(twin.failures[0]?.message).toContain('expected lastToolResultIncludes "# Hello"');
      expect(twin.failures[0]?.message).toContain('got: ENOENT');
      expect(() => twin.assertScriptDone()).toThrow(/served 1 of 2 turn/);
    });

    it('names the conversations when no script conversation fits', async () => {
      twin.load(twoTurnScript);
      await client.messages
        .create(base([{ role: 'user', content: 'Something else' }]))
        .catch(() => undefined);
      expect(twin.failures[0]?.message).toMatch(/"reader" match .*firstUserIncludes.*match does not fit/);
      expect(() => twin.assertScriptDone()).toThrow(/"reader": not started/);
    });

    it('replays the same turn when an identical request is retried', async () => {
      twin.load(twoTurnScript);
      const a = await client.messages.create(base([firstUser]));
      const b = await client.messages.create(base([firstUser]));
      expect(b.content).toEqual(a.content);
    });
  });

  it('records requests without the api key so tests can look for leaked text', async () => {
    twin.load({ default: { text: 'ok' } });
    await client.messages.create(base([{ role: 'user', content: 'token ghp_secret "quoted"' }]));
    expect(twin.requestsContaining('ghp_secret "quoted"')).toHaveLength(1);
    expect(twin.requests[0]?.headers['x-api-key']).toBeUndefined();
    expect(twin.requests[0]?.headers['anthropic-version']).toBeDefined();
  });
});
