import { randomBytes } from 'node:crypto';

const CODE_MS = 10 * 60_000;
const USER_TOKEN_MS = 8 * 60 * 60_000;

interface IssuedCode {
  login: string;
  redirectUri: string;
  expiresAt: number;
}

/**
 * The GitHub App's OAuth web flow as github.com runs it: the person signed in to GitHub in the browser
 * (`signedIn`, set by the test) authorizes the app, GitHub sends the browser back with a code good once for ten
 * minutes, and the app trades it for a user token (`ghu_…`, eight hours).
 */
export class OAuthFlow {
  /** Who is signed in to the twin's github.com in the browser; undefined: nobody (the flow stops there). */
  signedIn: string | undefined;
  private readonly codes = new Map<string, IssuedCode>();
  private readonly tokens = new Map<string, { login: string; expiresAt: number }>();

  issueCode(login: string, redirectUri: string): string {
    const code = randomBytes(10).toString('hex');
    this.codes.set(code, { login, redirectUri, expiresAt: Date.now() + CODE_MS });
    return code;
  }

  /** The user token a code is worth, or GitHub's error code; a code is spent by trying it. */
  exchange(code: string, redirectUri: string | undefined): { token: string } | { error: string } {
    const issued = this.codes.get(code);
    this.codes.delete(code);
    if (!issued || issued.expiresAt <= Date.now()) return { error: 'bad_verification_code' };
    if (redirectUri !== undefined && redirectUri !== issued.redirectUri)
      return { error: 'redirect_uri_mismatch' };
    const token = `ghu_${randomBytes(18).toString('hex')}`;
    this.tokens.set(token, { login: issued.login, expiresAt: Date.now() + USER_TOKEN_MS });
    return { token };
  }

  /** The login a user token acts for, or null for a token the twin never issued or that expired. */
  userOf(token: string): string | null {
    const issued = this.tokens.get(token);
    return issued && issued.expiresAt > Date.now() ? issued.login : null;
  }
}
