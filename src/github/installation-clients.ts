import { LRUCache } from 'lru-cache';
import type { Probot } from 'probot';
import type { GitHubClient } from './client.js';

/** Installations whose client is kept; a client is small once built, and rebuilt when evicted. */
const MAX_CLIENTS = 2_000;

/**
 * One authenticated Octokit per installation, reused by every delivery from it. Probot builds a new client
 * for each event (every plugin, every REST method), which was a sixth of the CPU a delivery cost and most of
 * what it left for the garbage collector. A kept client stays valid: `@octokit/auth-app` fetches and renews
 * the installation token inside it, request by request.
 */
export function createInstallationClients(probot: Probot) {
  const clients = new LRUCache<number, Promise<GitHubClient>>({ max: MAX_CLIENTS });
  return {
    /** The installation's client; without an installation (rare events), the app's own JWT client. */
    get(installationId: number | undefined): Promise<GitHubClient> {
      if (!installationId) return probot.auth();
      let client = clients.get(installationId);
      if (!client) {
        client = probot.auth(installationId);
        clients.set(installationId, client);
        client.catch(() => clients.delete(installationId));
      }
      return client;
    },
  };
}

export type InstallationClients = ReturnType<typeof createInstallationClients>;
