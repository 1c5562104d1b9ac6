import { randomBytes } from 'node:crypto';

export interface IssuedToken {
  token: string;
  installationId: number;
  expiresAt: string;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function randomToken(): string {
  const bytes = randomBytes(36);
  return `ghs_${Array.from(bytes, (b) => ALPHABET[b % ALPHABET.length]).join('')}`;
}

/** Installation access tokens the twin has issued (`ghs_…`, valid one hour like GitHub's). */
export class InstallationTokens {
  private readonly tokens = new Map<string, IssuedToken>();

  issue(installationId: number): IssuedToken {
    const issued = {
      token: randomToken(),
      installationId,
      expiresAt: new Date(Date.now() + 3600_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    };
    this.tokens.set(issued.token, issued);
    return issued;
  }

  lookup(token: string): IssuedToken | null {
    const issued = this.tokens.get(token);
    if (!issued || Date.parse(issued.expiresAt) <= Date.now()) return null;
    return issued;
  }
}
