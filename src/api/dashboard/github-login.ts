import { randomBytes } from 'node:crypto';
import type { Context, Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type pg from 'pg';
import type { Logger } from '../../monitoring/logger.js';
import { listRunRepos } from '../../storage/index.js';
import type { Authentication, Principal } from '../v1/principal.js';
import { errorPage } from './error-page.js';
import { repoAccessCache, type RepoAccess } from './repo-access-cache.js';
import { sameText } from './same-text.js';
import { sessionSealer, type Session } from './session-cookie.js';
import type { DashboardAuth } from './viewer.js';

const SESSION_COOKIE = 'pipeline_session';
const STATE_COOKIE = 'pipeline_oauth_state';
/** GitHub App user tokens live eight hours; the session no longer. */
const SESSION_SECONDS = 8 * 60 * 60;
const STATE_SECONDS = 10 * 60;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The GitHub side of the sign-in, given by the composition root (the API layer does not talk to GitHub). */
export interface GitHubSignIn {
  authorizeUrl(options: { state: string; redirectUrl: string }): string;
  exchangeCode(options: { code: string; redirectUrl: string }): Promise<string>;
  login(token: string): Promise<string>;
  repoAccess(token: string, repoFullName: string): Promise<RepoAccess>;
}

export interface GitHubLoginOptions {
  github: GitHubSignIn;
  db: pg.Pool;
  sessionSecret: string;
  /** How long GitHub's answer about a person's access to a repository is reused. */
  accessCacheSeconds: number;
  logger: Logger;
}

const random = () => randomBytes(24).toString('base64url');

/**
 * Sign-in with GitHub (the GitHub App's OAuth web flow) and a sealed session cookie (HttpOnly, SameSite=Lax,
 * Secure over https). A person sees the runs of repositories GitHub says they can read and steers those they
 * can write to; every state-changing request must carry the session's CSRF token.
 */
export function githubLogin({
  github,
  db,
  sessionSecret,
  accessCacheSeconds,
  logger,
}: GitHubLoginOptions): DashboardAuth {
  const sealer = sessionSealer(sessionSecret);
  const accessOf = repoAccessCache(accessCacheSeconds, github.repoAccess);
  const secure = (c: Context) => new URL(c.req.url).protocol === 'https:';
  const callbackUrl = (c: Context) => new URL('/login/callback', c.req.url).toString();
  const sessionOf = (c: Context): Session | undefined => sealer.open(getCookie(c, SESSION_COOKIE));

  async function principalOf(session: Session): Promise<Principal> {
    const repos = await listRunRepos(db);
    const answers = await Promise.all(repos.map((repo) => accessOf(session.login, session.token, repo)));
    const readable = new Set(repos.filter((_, i) => answers[i] !== 'none'));
    const writable = new Set(repos.filter((_, i) => answers[i] === 'write'));
    return {
      actor: `github:${session.login}`,
      access: writable.size > 0 ? 'write' : 'read',
      within: { repos: [...readable], owners: [] },
      reaches: (repo) => readable.has(repo),
      maySteer: (repo) => writable.has(repo),
    };
  }

  return {
    loopbackAccess: false,
    register(app: Hono) {
      app.get('/login', (c) => {
        const state = random();
        setCookie(c, STATE_COOKIE, state, {
          httpOnly: true,
          sameSite: 'Lax',
          secure: secure(c),
          path: '/login',
          maxAge: STATE_SECONDS,
        });
        return c.redirect(github.authorizeUrl({ state, redirectUrl: callbackUrl(c) }), 302);
      });

      app.get('/login/callback', async (c) => {
        const expected = getCookie(c, STATE_COOKIE);
        const { code, state } = c.req.query();
        deleteCookie(c, STATE_COOKIE, { path: '/login' });
        if (!code || !state || !expected || !sameText(state, expected)) {
          return c.html(
            errorPage('Sign-in failed', 'The sign-in was not started here, or took too long. Sign in again.'),
            400,
          );
        }
        let token: string;
        let login: string;
        try {
          token = await github.exchangeCode({ code, redirectUrl: callbackUrl(c) });
          login = await github.login(token);
        } catch (err) {
          logger.warn({ err }, 'GitHub sign-in failed');
          return c.html(
            errorPage('Sign-in failed', 'GitHub did not accept the sign-in. Sign in again.'),
            502,
          );
        }
        const session: Session = {
          login,
          token,
          csrf: random(),
          expiresAt: Date.now() + SESSION_SECONDS * 1000,
        };
        setCookie(c, SESSION_COOKIE, sealer.seal(session), {
          httpOnly: true,
          sameSite: 'Lax',
          secure: secure(c),
          path: '/',
          maxAge: SESSION_SECONDS,
        });
        logger.info({ login }, 'signed in to the dashboard');
        return c.redirect('/', 302);
      });

      app.post('/logout', async (c) => {
        const session = sessionOf(c);
        const form = await c.req.parseBody();
        const presented = typeof form['csrf'] === 'string' ? form['csrf'] : '';
        if (session && !sameText(presented, session.csrf)) {
          return c.html(errorPage('Not signed out', 'The request did not come from this dashboard.'), 403);
        }
        deleteCookie(c, SESSION_COOKIE, { path: '/' });
        return c.html(errorPage('Signed out', 'You are signed out of the dashboard.'));
      });
    },

    async viewer(c) {
      const session = sessionOf(c);
      if (!session) return { kind: 'sign-in', location: '/login' };
      return { kind: 'viewer', viewer: { login: session.login, csrfToken: session.csrf } };
    },

    async authenticateApi(c): Promise<Authentication | undefined> {
      const session = sessionOf(c);
      if (!session) return undefined;
      if (!SAFE_METHODS.has(c.req.method) && !sameText(c.req.header('x-csrf-token') ?? '', session.csrf)) {
        return {
          ok: false,
          status: 403,
          detail: "Send the dashboard's CSRF token (X-CSRF-Token) with this request.",
        };
      }
      return { ok: true, principal: await principalOf(session) };
    },
  };
}
