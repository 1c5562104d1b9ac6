import { createHash, timingSafeEqual } from 'node:crypto';
import { tokenReaches, type ApiToken } from '../../config/api-tokens.js';

/** Who is calling the API, what they may reach, and whether they may steer. */
export interface Principal {
  /** `api:<token name>`, or `api:local` without tokens: the audit log's actor. */
  actor: string;
  access: ApiToken['access'];
  /** Which runs they see, as a storage filter; undefined sees every repository. */
  within: { repos: string[]; owners: string[] } | undefined;
  reaches(repoFullName: string): boolean;
  /** Whether they may start and steer runs of the repository. */
  maySteer(repoFullName: string): boolean;
  /** The MCP server URLs the token is for (its `audience`); undefined: any. */
  audience?: readonly string[];
}

export type Authentication =
  { ok: true; principal: Principal } | { ok: false; status: 401 | 403; detail: string };

/** This machine, without tokens: full access. */
export const LOCAL_PRINCIPAL: Principal = {
  actor: 'api:local',
  access: 'write',
  within: undefined,
  reaches: () => true,
  maySteer: () => true,
};

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * The caller of an API request. With tokens configured, a `Bearer` token whose SHA-256 matches one of them
 * (compared in constant time). Without any, only this machine may call, with full access: an API left open
 * by default must not be reachable from the network.
 */
export function authenticate(
  authorization: string | undefined,
  remoteAddress: string | undefined,
  tokens: readonly ApiToken[] | undefined,
  /** False when people sign in to the dashboard: then a session or a token is the only way in. */
  loopbackAccess = true,
): Authentication {
  if (!tokens || tokens.length === 0) {
    if (!loopbackAccess) {
      return {
        ok: false,
        status: 401,
        detail:
          'Sign in to the dashboard, or set PIPELINE_API_TOKENS and send `Authorization: Bearer <token>`.',
      };
    }
    if (remoteAddress && LOOPBACK.has(remoteAddress)) {
      return {
        ok: true,
        principal: LOCAL_PRINCIPAL,
      };
    }
    return {
      ok: false,
      status: 403,
      detail: 'No API tokens are configured, so the API answers this machine only. Set PIPELINE_API_TOKENS.',
    };
  }
  const presented = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
  if (!presented) return { ok: false, status: 401, detail: 'Send `Authorization: Bearer <token>`.' };
  const digest = createHash('sha256').update(presented, 'utf8').digest();
  const token = tokens.find((t) => timingSafeEqual(Buffer.from(t.sha256, 'hex'), digest));
  if (!token) return { ok: false, status: 401, detail: 'The token is not one of the configured API tokens.' };
  return {
    ok: true,
    principal: {
      actor: `api:${token.name}`,
      access: token.access,
      within: {
        repos: token.repos.filter((r) => !r.endsWith('/*')),
        owners: token.repos.filter((r) => r.endsWith('/*')).map((r) => r.slice(0, -2)),
      },
      reaches: (repoFullName) => tokenReaches(token, repoFullName),
      maySteer: (repoFullName) => token.access === 'write' && tokenReaches(token, repoFullName),
      audience: token.audience,
    },
  };
}
