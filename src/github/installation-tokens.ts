import { LRUCache } from 'lru-cache';
import { z } from 'zod';
import { repoRef, type GitHubClient } from './client.js';
import { tokenScopeKey, type TokenScope } from './token-scope.js';

const tokenResponseSchema = z.object({ token: z.string().min(1), expires_at: z.string() });

/** A token is minted again when less than this is left of its hour. */
const RENEW_BEFORE_MS = 5 * 60_000;
const MAX_TOKENS = 5_000;

type Minted = { token: string; expiresAt: number };

/**
 * Installation access tokens narrowed to one repository and a step's permissions, minted with the app's JWT
 * (`POST /app/installations/{id}/access_tokens`) and kept until shortly before they expire; concurrent asks
 * for the same scope share one request.
 */
export function createInstallationTokens(appClient: () => Promise<GitHubClient>) {
  const minted = new LRUCache<string, Promise<Minted>>({ max: MAX_TOKENS });

  async function mint(installationId: number, scope: TokenScope): Promise<Minted> {
    const app = await appClient();
    const { data } = await app.request('POST /app/installations/{installation_id}/access_tokens', {
      installation_id: installationId,
      ...(scope.repoFullName ? { repositories: [repoRef(scope.repoFullName).repo] } : {}),
      permissions: scope.permissions,
    });
    const parsed = tokenResponseSchema.safeParse(data);
    if (!parsed.success) throw new Error('GitHub answered the token request without a token');
    return { token: parsed.data.token, expiresAt: Date.parse(parsed.data.expires_at) };
  }

  return {
    async get(installationId: number, scope: TokenScope): Promise<string> {
      const key = tokenScopeKey(installationId, scope);
      const cached = minted.get(key);
      const current = cached && (await cached.catch(() => undefined));
      if (current && current.expiresAt - Date.now() >= RENEW_BEFORE_MS) return current.token;
      const next = mint(installationId, scope);
      minted.set(key, next);
      next.catch(() => minted.get(key) === next && minted.delete(key));
      return (await next).token;
    },
  };
}

export type InstallationTokens = ReturnType<typeof createInstallationTokens>;
