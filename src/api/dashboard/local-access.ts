import { randomBytes } from 'node:crypto';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Logger } from '../../monitoring/logger.js';
import { LOCAL_PRINCIPAL } from '../v1/principal.js';
import { sameText } from './same-text.js';
import type { DashboardAuth } from './viewer.js';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * Without GitHub login the dashboard answers this machine only, like the API without tokens: a dashboard open
 * to the network by default would let anyone steer runs.
 */
export function localAccess(logger: Logger): DashboardAuth {
  logger.warn('GitHub login is not configured: the dashboard at / answers requests from this machine only');
  const csrfToken = randomBytes(24).toString('base64url');
  return {
    loopbackAccess: true,
    register: () => undefined,
    // The API answers this machine without tokens anyway; with tokens set, the page's own requests (they
    // carry its token) still may, so the dashboard works on this machine either way.
    async authenticateApi(c) {
      const fromHere = LOOPBACK.has(getConnInfo(c).remote.address ?? '');
      const presented = c.req.header('x-csrf-token');
      if (!fromHere || !presented || !sameText(presented, csrfToken)) return undefined;
      return { ok: true, principal: LOCAL_PRINCIPAL };
    },
    async viewer(c) {
      const address = getConnInfo(c).remote.address;
      if (address && LOOPBACK.has(address))
        return { kind: 'viewer', viewer: { login: undefined, csrfToken } };
      return {
        kind: 'refused',
        reason:
          'GitHub login is not configured, so the dashboard answers this machine only. Set GITHUB_CLIENT_ID, GITHUB_CLIENT_SECRET and PIPELINE_SESSION_SECRET.',
      };
    },
  };
}
