import type { IncomingMessage, ServerResponse } from 'node:http';
import { authenticate } from '../auth/authenticate.js';
import type { TwinCore } from '../core.js';
import { handleGraphql } from '../graphql.js';
import type { RouteContext } from '../routes/types.js';
import type { WebhookSend } from '../webhooks/types.js';
import type { RestOutcome } from './rest-pipeline.js';
import { errorBody, sendJson } from './send-json.js';

/** `POST /graphql` with an installation token; problems with the document are recorded as violations. */
export async function handleGraphqlRequest(
  core: TwinCore,
  req: IncomingMessage,
  res: ServerResponse,
  body: unknown,
): Promise<RestOutcome> {
  const caller = authenticate(req.headers.authorization, {
    appId: core.ctx.app.appId,
    publicKeyPem: core.publicKeyPem,
    tokens: core.tokens,
    oauth: core.oauth,
  });
  if (caller.kind !== 'installation') {
    sendJson(res, 401, errorBody('This endpoint requires you to be authenticated.'));
    return { status: 401, operationId: 'graphql', webhooks: [] };
  }
  const webhooks: WebhookSend[] = [];
  const ctx: RouteContext = { ...core.ctx, tokens: core.tokens, emit: (w) => webhooks.push(w) };
  const answer = await handleGraphql(ctx, caller, body);
  for (const problem of answer.problems) {
    core.violations.record({
      kind: 'graphql',
      operationId: 'graphql',
      method: 'POST',
      path: '/graphql',
      part: 'document',
      pointer: problem.pointer,
      message: problem.message,
    });
  }
  sendJson(res, answer.status, answer.body);
  return { status: answer.status, operationId: 'graphql', webhooks };
}
