import { randomBytes } from 'node:crypto';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Logger } from '../../monitoring/logger.js';
import type { DashboardAuth } from './viewer.js';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * Without GitHub login the dashboard answers this machine only, like the API without tokens: a dashboard open
 * to the network by default would let anyone steer runs.
 */
export function localAccess(logger: Logger): DashboardAuth {
  logger.warn('GitHub login is not configured: the dashboard at / answers requests from this machine only');
  // The API trusts this machine without a session; the token is there for the page's forms all the same.
  const csrfToken = randomBytes(24).toString('base64url');
  return {
    register: () => undefined,
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
