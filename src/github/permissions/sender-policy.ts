import { LRUCache } from 'lru-cache';
import type { GitHubClient, RepoRef } from '../client.js';

export type Sender = { login: string; type: string };

export type SenderDecision =
  | { allowed: true; permission: string }
  | { allowed: false; permission: string; reason: 'bot' | 'permission' };

const WRITE_LEVELS = new Set(['admin', 'maintain', 'write']);

/**
 * Decides who may trigger or steer runs: people with write, maintain or admin on the repository, asked of
 * GitHub and cached briefly. Bots never may, except those the app's own settings list by login; a repo
 * file has no say here.
 */
export function createSenderPolicy(options: { allowedBots: string[]; cacheSeconds: number }) {
  const allowedBots = new Set(options.allowedBots.map((b) => b.toLowerCase()));
  const cache = new LRUCache<string, string>({ max: 10_000, ttl: Math.max(options.cacheSeconds, 1) * 1000 });

  async function permissionOf(octokit: GitHubClient, repo: RepoRef, login: string): Promise<string> {
    const key = `${repo.owner}/${repo.repo}#${login}`.toLowerCase();
    const cached = options.cacheSeconds > 0 ? cache.get(key) : undefined;
    if (cached) return cached;
    const { data } = await octokit.rest.repos.getCollaboratorPermissionLevel({ ...repo, username: login });
    // `role_name` distinguishes maintain/triage; `permission` folds them into write/read.
    const permission = data.role_name || data.permission;
    cache.set(key, permission);
    return permission;
  }

  function forgetPrefix(prefix: string): void {
    const lower = prefix.toLowerCase();
    for (const key of cache.keys()) if (key.startsWith(lower)) cache.delete(key);
  }

  return {
    async decide(octokit: GitHubClient, repo: RepoRef, sender: Sender): Promise<SenderDecision> {
      if (sender.type === 'Bot' && !allowedBots.has(sender.login.toLowerCase())) {
        return { allowed: false, permission: 'bot', reason: 'bot' };
      }
      const permission = await permissionOf(octokit, repo, sender.login);
      return WRITE_LEVELS.has(permission)
        ? { allowed: true, permission }
        : { allowed: false, permission, reason: 'permission' };
    },
    /** Drops cached answers for a repo, e.g. after a `member` or `installation_repositories` change. */
    forget(repo: RepoRef): void {
      forgetPrefix(`${repo.owner}/${repo.repo}#`);
    },
    /** Drops cached answers for every repo of an owner, e.g. after someone left its organization or a team. */
    forgetOwner(owner: string): void {
      forgetPrefix(`${owner}/`);
    },
  };
}

export type SenderPolicy = ReturnType<typeof createSenderPolicy>;
