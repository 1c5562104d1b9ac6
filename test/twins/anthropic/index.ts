import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FailNextOptions, RawAnswer } from './error-responses.js';
import type { TwinFailure } from './failure.js';
import { createHold, type TwinHold } from './hold.js';
import { handleMessages, type TwinState } from './handle-messages.js';
import { bodyContains, type RecordedRequest } from './recorded-request.js';
import { parseTwinScript, type TwinScript } from './script.js';
import { ScriptPlayer } from './script-player.js';
import { CacheLedger } from './usage.js';

export type { FailNextOptions, FailStatus, RawAnswer } from './error-responses.js';
export type { TwinFailure } from './failure.js';
export type { TwinHold } from './hold.js';
export type { RecordedRequest } from './recorded-request.js';
export type { ScriptConversation, ScriptTurn, ScriptedReply, TurnExpectation, TwinScript } from './script.js';

export interface AnthropicTwinOptions {
  /** Script to replay; `load()` replaces it. */
  script?: TwinScript;
  /** Sent as `retry-after-ms` on injected failures that set no delay of their own (tests: 1). */
  retryAfterMs?: number;
  /** Prefixes shorter than this are not cached, like the API's per-model minimum (default 0). */
  minCacheableTokens?: number;
}

export interface AnthropicTwin {
  /** Base URL for `new Anthropic({ baseURL })`. */
  readonly url: string;
  readonly requests: RecordedRequest[];
  readonly failures: TwinFailure[];
  /** Replaces the script and forgets conversation progress, failures and the prompt cache. */
  load(script: TwinScript): void;
  /** The next `count` requests fail with this status before anything else is checked. */
  failNext(options: FailNextOptions): void;
  /**
   * Keeps the next valid request whose system prompt contains `systemIncludes` waiting until `release()`:
   * an agent held mid-turn, while the test does something to the app.
   */
  hold(match: { systemIncludes: string }): TwinHold;
  /** The next request is answered with this body instead (e.g. a gateway's HTML page with status 200). */
  answerNextWith(answer: RawAnswer): void;
  /** Recorded requests whose body contains the text (raw or JSON-escaped). */
  requestsContaining(text: string): RecordedRequest[];
  /** Throws, listing them, when a request did not fit the script or scripted turns were left over. */
  assertScriptDone(): void;
  close(): Promise<void>;
}

function listen(server: Server): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server.address() as AddressInfo));
  });
}

/** Starts an in-process Messages API on a free 127.0.0.1 port. */
export async function startAnthropicTwin(options: AnthropicTwinOptions = {}): Promise<AnthropicTwin> {
  const state: TwinState = {
    player: new ScriptPlayer(parseTwinScript(options.script ?? {})),
    ledger: new CacheLedger(options.minCacheableTokens),
    failQueue: [],
    requests: [],
    retryAfterMs: options.retryAfterMs,
    holds: [],
    rawAnswers: [],
  };
  const server = createServer((req, res) => {
    if (req.method !== 'POST' || req.url?.split('?')[0] !== '/v1/messages') {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ type: 'error', error: { type: 'not_found_error', message: 'Not found' } }));
      return;
    }
    handleMessages(req, res, state).catch((error: unknown) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ type: 'error', error: { type: 'api_error', message: String(error) } }));
    });
  });
  const address = await listen(server);

  return {
    url: `http://127.0.0.1:${address.port}`,
    requests: state.requests,
    get failures() {
      return state.player.failures;
    },
    load(script) {
      state.player = new ScriptPlayer(parseTwinScript(script));
      state.ledger = new CacheLedger(options.minCacheableTokens);
    },
    failNext(fail) {
      state.failQueue.push(fail);
    },
    answerNextWith(answer) {
      state.rawAnswers.push(answer);
    },
    hold({ systemIncludes }) {
      const { hold, pending } = createHold(systemIncludes);
      state.holds.push(pending);
      return hold;
    },
    requestsContaining(text) {
      return state.requests.filter((r) => bodyContains(r, text));
    },
    assertScriptDone() {
      const problems = [...state.player.failures.map((f) => f.message), ...state.player.pending()];
      if (problems.length > 0) {
        throw new Error(`Anthropic twin script not done:\n${problems.map((p) => `- ${p}`).join('\n')}`);
      }
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));
    },
  };
}
