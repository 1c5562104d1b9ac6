import { checkAppJwt } from './app-jwt.js';
import type { InstallationTokens, IssuedToken } from './installation-tokens.js';
import type { OAuthFlow } from './oauth.js';

export type Caller =
  | { kind: 'app' }
  | { kind: 'installation'; installationId: number; token: IssuedToken }
  /** A person's user token from the OAuth web flow (`ghu_…`): what they may see and do themselves. */
  | { kind: 'user'; login: string }
  | { kind: 'anonymous' }
  | { kind: 'invalid'; reason: string };

export interface AuthDeps {
  appId: number;
  publicKeyPem: string;
  tokens: InstallationTokens;
  oauth: OAuthFlow;
}

/** Who is calling, from `Authorization: Bearer <jwt|token>` or `token <token>` as GitHub accepts them. */
export function authenticate(header: string | undefined, deps: AuthDeps): Caller {
  if (!header) return { kind: 'anonymous' };
  const match = /^(bearer|token)\s+(\S+)$/i.exec(header.trim());
  if (!match) return { kind: 'invalid', reason: 'unsupported Authorization scheme' };
  const credential = match[2] ?? '';
  if (credential.split('.').length === 3) {
    const reason = checkAppJwt(credential, deps.appId, deps.publicKeyPem);
    return reason ? { kind: 'invalid', reason } : { kind: 'app' };
  }
  if (credential.startsWith('ghu_')) {
    const login = deps.oauth.userOf(credential);
    return login ? { kind: 'user', login } : { kind: 'invalid', reason: 'Bad credentials' };
  }
  const issued = deps.tokens.lookup(credential);
  if (!issued) return { kind: 'invalid', reason: 'Bad credentials' };
  return { kind: 'installation', installationId: issued.installationId, token: issued };
}
