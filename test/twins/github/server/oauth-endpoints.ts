import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { TwinCore } from '../core.js';
import { sendJson } from './send-json.js';

export const OAUTH_PATHS = new Set(['/login/oauth/authorize', '/login/oauth/access_token']);

const tokenRequest = z.object({
  client_id: z.string(),
  client_secret: z.string(),
  code: z.string(),
  redirect_uri: z.string().optional(),
});

const oauthError = (error: string, description: string) => ({
  error,
  error_description: description,
  error_uri:
    'https://docs.github.com/apps/managing-oauth-apps/troubleshooting-oauth-app-access-token-request-errors',
});

/**
 * github.com's side of the web flow: `GET /login/oauth/authorize` sends the browser of the signed-in person
 * straight back with a code (they have authorized the app before), and `POST /login/oauth/access_token` trades
 * the code for a user token, answering errors with 200 and an `error` field as GitHub does.
 */
export function handleOAuth(
  core: TwinCore,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  body: unknown,
): number {
  const { app } = core.ctx;
  if (url.pathname === '/login/oauth/authorize') {
    const redirectUri = url.searchParams.get('redirect_uri');
    if (req.method !== 'GET' || url.searchParams.get('client_id') !== app.clientId || !redirectUri) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found');
      return 404;
    }
    const login = core.oauth.signedIn;
    if (!login) {
      res
        .writeHead(401, { 'content-type': 'text/plain' })
        .end('Sign in to GitHub first (twin: oauth.signedIn).');
      return 401;
    }
    const back = new URL(redirectUri);
    back.searchParams.set('code', core.oauth.issueCode(login, redirectUri));
    const state = url.searchParams.get('state');
    if (state) back.searchParams.set('state', state);
    res.writeHead(302, { location: back.toString() }).end();
    return 302;
  }
  const parsed = tokenRequest.safeParse(body);
  if (req.method !== 'POST' || !parsed.success) {
    sendJson(
      res,
      200,
      oauthError('incorrect_client_credentials', 'The client_id and/or client_secret passed are incorrect.'),
    );
    return 200;
  }
  const { client_id, client_secret, code, redirect_uri } = parsed.data;
  if (client_id !== app.clientId || client_secret !== app.clientSecret) {
    sendJson(
      res,
      200,
      oauthError('incorrect_client_credentials', 'The client_id and/or client_secret passed are incorrect.'),
    );
    return 200;
  }
  const exchanged = core.oauth.exchange(code, redirect_uri);
  if ('error' in exchanged) {
    sendJson(res, 200, oauthError(exchanged.error, 'The code passed is incorrect or expired.'));
    return 200;
  }
  sendJson(res, 200, { access_token: exchanged.token, token_type: 'bearer', scope: '', expires_in: 28800 });
  return 200;
}
