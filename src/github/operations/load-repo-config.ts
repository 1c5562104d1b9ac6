import { LRUCache } from 'lru-cache';
import { parseRepoConfig, type RepoConfigResult } from '../../config/repo-config.js';
import type { GitHubClient, RepoRef } from '../client.js';
import { gitHubUnavailableStatus } from './github-errors.js';

export const CONFIG_PATH = '.github/pipeline.yml';

export type LoadedRepoConfig = RepoConfigResult | { ok: false; unreadable: string };

/**
 * Reads `.github/pipeline.yml` from the default branch through Probot's config plugin, so `_extends` and the
 * org-wide `.github` repository work as in `context.config`. Results are cached briefly per repo and dropped
 * on a push that touches the file.
 */
export function createRepoConfigLoader(options: { cacheSeconds: number }) {
  const cache = new LRUCache<string, LoadedRepoConfig>({
    max: 5_000,
    ttl: Math.max(options.cacheSeconds, 1) * 1000,
  });

  return {
    async load(octokit: GitHubClient, repo: RepoRef): Promise<LoadedRepoConfig> {
      const key = `${repo.owner}/${repo.repo}`.toLowerCase();
      const cached = options.cacheSeconds > 0 ? cache.get(key) : undefined;
      if (cached) return cached;
      let result: LoadedRepoConfig;
      try {
        const { config } = await octokit.config.get({ ...repo, path: CONFIG_PATH });
        result = parseRepoConfig(config);
      } catch (error) {
        // A YAML syntax error or a broken `_extends` is the user's to fix, so it is reported, not thrown;
        // GitHub failing is not, so it is thrown (and not cached).
        if (gitHubUnavailableStatus(error) !== undefined) throw error;
        result = {
          ok: false,
          unreadable:
            error instanceof Error ? (error.message.split('\n')[0] ?? 'unknown error') : String(error),
        };
      }
      cache.set(key, result);
      return result;
    },
    forget(repo: RepoRef): void {
      cache.delete(`${repo.owner}/${repo.repo}`.toLowerCase());
    },
  };
}

export type RepoConfigLoader = ReturnType<typeof createRepoConfigLoader>;
