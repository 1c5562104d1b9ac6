import { randomBytes } from 'node:crypto';
import type { AppPermissions } from './app-permissions.js';

export interface IssuedToken {
  token: string;
  installationId: number;
  expiresAt: string;
  /** Ids of the repositories the token reaches; null: every repository of the installation. */
  repositoryIds: number[] | null;
  /** What the token may do (GitHub adds `metadata: read` to any narrowed set). */
  permissions: AppPermissions;
}

/** How a token is narrowed when it is created (`repositories`, `repository_ids`, `permissions`). */
export interface TokenScope {
  repositoryIds: number[] | null;
  permissions: AppPermissions;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function randomToken(): string {
  const bytes = randomBytes(36);
  return `ghs_${Array.from(bytes, (b) => ALPHABET[b % ALPHABET.length]).join('')}`;
}

/** Installation access tokens the twin has issued (`ghs_…`, valid one hour like GitHub's). */
export class InstallationTokens {
  private readonly tokens = new Map<string, IssuedToken>();

  /** A token for the installation, narrowed by `scope` or else reaching all it can (as GitHub does). */
  issue(installationId: number, scope: TokenScope): IssuedToken {
    const issued = {
      token: randomToken(),
      installationId,
      expiresAt: new Date(Date.now() + 3600_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      repositoryIds: scope.repositoryIds,
      permissions: scope.permissions,
    };
    this.tokens.set(issued.token, issued);
    return issued;
  }

  lookup(token: string): IssuedToken | null {
    const issued = this.tokens.get(token);
    if (!issued || Date.parse(issued.expiresAt) <= Date.now()) return null;
    return issued;
  }

  /** Every token issued so far, oldest first. */
  list(): IssuedToken[] {
    return [...this.tokens.values()];
  }
}
