import { describe, expect, it } from 'vitest';
import { sessionSealer } from '../../../src/api/dashboard/session-cookie.js';

const SECRET = 'a dashboard session secret of 32+ characters';
const session = { login: 'maria', token: 'ghu_secret-token', csrf: 'csrf-1', expiresAt: Date.now() + 60_000 };

describe('a dashboard session cookie', () => {
  const sealer = sessionSealer(SECRET);

  it('opens to the session it sealed, and shows nothing of it', () => {
    const cookie = sealer.seal(session);
    expect(cookie).not.toContain('ghu_');
    expect(Buffer.from(cookie, 'base64url').toString('latin1')).not.toContain('maria');
    expect(sealer.open(cookie)).toEqual(session);
  });

  it('is no session once a byte of it is changed, under another secret, or after it expires', () => {
    const cookie = sealer.seal(session);
    const bytes = Buffer.from(cookie, 'base64url');
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 1;
    expect(sealer.open(bytes.toString('base64url'))).toBeUndefined();
    expect(sessionSealer(`${SECRET} but another`).open(cookie)).toBeUndefined();
    expect(sealer.open(cookie, session.expiresAt + 1)).toBeUndefined();
    expect(sealer.open('')).toBeUndefined();
    expect(sealer.open('not a cookie')).toBeUndefined();
  });
});
