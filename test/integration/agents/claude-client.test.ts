import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createClaudeClient,
  ModelResponseError,
  ModelUnavailableError,
} from '../../../src/integrations/anthropic/index.js';
import { createLogger } from '../../../src/monitoring/logger.js';
import { startAnthropicTwin, type AnthropicTwin } from '../../twins/anthropic/index.js';
import { MODEL } from './helpers.js';

let twin: AnthropicTwin;

beforeEach(async () => {
  twin = await startAnthropicTwin({ retryAfterMs: 1 });
  twin.load({ default: { text: 'ok', usage: { input_tokens: 1000, output_tokens: 100 } } });
});

afterEach(() => twin.close());

const params = { model: MODEL, max_tokens: 100, messages: [{ role: 'user' as const, content: 'hi' }] };
const client = (options: { maxRetries?: number; streaming?: boolean } = {}) =>
  createClaudeClient({ apiKey: 'test-key', baseURL: twin.url, logger: createLogger('silent'), ...options });

describe('the Claude client', () => {
  it.each([false, true])('returns the message, its usage and its cost (streaming: %s)', async (streaming) => {
    const result = await client({ streaming }).createMessage(params);
    expect(result.message.content[0]).toMatchObject({ type: 'text', text: 'ok' });
    expect(result.usage).toEqual({
      inputTokens: 1000,
      outputTokens: 100,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
    });
    expect(result.costUsd).toBeCloseTo((1000 * 3 + 100 * 15) / 1_000_000);
  });

  it('waits out a 429 with retry-after and succeeds', async () => {
    twin.failNext({ status: 429, count: 2, retryAfterMs: 5 });
    const result = await client().createMessage(params);
    expect(result.message.content[0]).toMatchObject({ text: 'ok' });
    expect(twin.requests.map((r) => r.status)).toEqual([429, 429, 200]);
  });

  it('throws a retryable ModelUnavailableError when 429s outlast the retries', async () => {
    twin.failNext({ status: 429, count: 5 });
    const error = await client({ maxRetries: 1 })
      .createMessage(params)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelUnavailableError);
    expect(error).toMatchObject({ status: 429, retryable: true });
    expect(twin.requests).toHaveLength(2);
  });

  it('passes a 400 through untouched: it will not get better by retrying', async () => {
    twin.failNext({ status: 400 });
    const error = await client()
      .createMessage(params)
      .catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(ModelUnavailableError);
    expect(error).toMatchObject({ status: 400 });
    expect(twin.requests).toHaveLength(1);
  });

  const page = '<!DOCTYPE html><html><body>Bad gateway</body></html>';
  it.each([
    ['served as JSON', 'application/json', page, /Unexpected token '<'/],
    ['served as HTML', 'text/html; charset=utf-8', page, /text body instead of JSON/],
    ['of the wrong shape', 'application/json', '{"ok":true}', /not a message/],
  ])(
    'refuses an answer that is not a message (%s) with a ModelResponseError, once',
    async (_, type, body, why) => {
      twin.answerNextWith({ status: 200, contentType: type, body });
      const error = await client()
        .createMessage(params)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ModelResponseError);
      expect(error).toMatchObject({ retryable: false, detail: expect.stringMatching(why) });
      expect(twin.requests).toHaveLength(1);
    },
  );
});
