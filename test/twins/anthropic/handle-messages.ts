import type { IncomingMessage, ServerResponse } from 'node:http';
import { buildMessage, newId } from './build-message.js';
import { failureHeaders, sendError, type FailNextOptions, type RawAnswer } from './error-responses.js';
import type { PendingHold } from './hold.js';
import { safeHeaders, type RecordedRequest } from './recorded-request.js';
import { messagesRequestSchema } from './request-schema.js';
import { viewRequest } from './request-view.js';
import type { ScriptPlayer } from './script-player.js';
import { writeSse } from './sse.js';
import type { CacheLedger } from './usage.js';
import { validateConversation } from './validate-conversation.js';

/** Mutable twin state the handler reads and updates. */
export interface TwinState {
  player: ScriptPlayer;
  ledger: CacheLedger;
  failQueue: FailNextOptions[];
  requests: RecordedRequest[];
  retryAfterMs: number | undefined;
  /** Requests to keep waiting, first match first (see `hold`). */
  holds: PendingHold[];
  /** The next requests are answered with these bodies, one each, before anything else is checked. */
  rawAnswers: RawAnswer[];
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

function takeFailure(queue: FailNextOptions[]): FailNextOptions | undefined {
  const head = queue[0];
  if (!head) return undefined;
  const left = (head.count ?? 1) - 1;
  if (left <= 0) queue.shift();
  else queue[0] = { ...head, count: left };
  return head;
}

/** POST /v1/messages: auth, injected failures, validation, script, then JSON or SSE. */
export async function handleMessages(
  req: IncomingMessage,
  res: ServerResponse,
  state: TwinState,
): Promise<void> {
  const headers = { 'request-id': newId('req') };
  const raw = parseJson(await readBody(req));
  const body = raw.ok ? raw.value : undefined;
  const record: RecordedRequest = {
    body,
    headers: safeHeaders(req.headers),
    conversation: undefined,
    turn: 0,
    status: 200,
    stream: false,
  };
  state.requests.push(record);
  const refuse = (status: 400 | 401, message: string): void => {
    record.status = status;
    sendError(res, status, headers, message);
  };

  if (!req.headers['x-api-key'] && !req.headers.authorization)
    return refuse(401, 'x-api-key header is required');
  const verbatim = state.rawAnswers.shift();
  if (verbatim) {
    record.status = verbatim.status ?? 200;
    res.writeHead(record.status, { ...headers, 'content-type': verbatim.contentType });
    res.end(verbatim.body);
    return;
  }
  const fail = takeFailure(state.failQueue);
  if (fail) {
    record.status = fail.status;
    return sendError(res, fail.status, { ...headers, ...failureHeaders(fail, state.retryAfterMs) });
  }
  if (!raw.ok) return refuse(400, 'There was an issue with the JSON body of your request.');
  const parsed = messagesRequestSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return refuse(400, `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid request'}`);
  }
  const request = parsed.data;
  const view = viewRequest(request);
  record.turn = view.turn;
  record.stream = request.stream === true;
  const invalid = validateConversation(request);
  if (invalid) return refuse(400, invalid);
  const held = state.holds.findIndex((h) => view.system.includes(h.systemIncludes));
  if (held >= 0) await state.holds.splice(held, 1)[0]?.take();

  const outcome = state.player.play(request, view, (reply) =>
    buildMessage(reply, request.model, state.ledger.account(request)),
  );
  record.conversation = outcome.conversation;
  if (!outcome.ok) return refuse(400, outcome.failure.message);
  if (request.stream) return writeSse(res, outcome.message, headers);
  res.writeHead(200, { ...headers, 'content-type': 'application/json' });
  res.end(JSON.stringify(outcome.message));
}
