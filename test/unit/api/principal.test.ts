import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { authenticate } from '../../../src/api/v1/principal.js';
import { apiTokensSetting, type ApiToken } from '../../../src/config/api-tokens.js';

const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');
const TOKENS: ApiToken[] = [
  { name: 'ci', sha256: sha256('ci-token-0123456789'), access: 'write', repos: ['octo-org/*'] },
  { name: 'bot', sha256: sha256('bot-token-0123456789'), access: 'read', repos: ['octo-org/widgets'] },
];

describe('who calls the API', () => {
  it('with no tokens configured, a caller on this machine has full access', () => {
    for (const address of ['127.0.0.1', '::1', '::ffff:127.0.0.1']) {
      const auth = authenticate(undefined, address, undefined);
      expect(auth.ok && auth.principal).toMatchObject({
        actor: 'api:local',
        access: 'write',
        within: undefined,
      });
    }
  });

  it('with no tokens configured, a caller from the network is refused and told why', () => {
    expect(authenticate('Bearer anything', '10.0.0.7', [])).toEqual({
      ok: false,
      status: 403,
      detail: expect.stringContaining('PIPELINE_API_TOKENS') as unknown,
    });
  });

  it('a configured token is known by its hash, with its access and its repositories', () => {
    const auth = authenticate('Bearer bot-token-0123456789', '10.0.0.7', TOKENS);
    if (!auth.ok) throw new Error(auth.detail);
    expect(auth.principal).toMatchObject({
      actor: 'api:bot',
      access: 'read',
      within: { repos: ['octo-org/widgets'], owners: [] },
    });
    expect(auth.principal.reaches('octo-org/widgets')).toBe(true);
    expect(auth.principal.reaches('octo-org/gadgets')).toBe(false);
  });

  it('an owner-wide token reaches every repository of that owner and no other', () => {
    const auth = authenticate('bearer ci-token-0123456789', undefined, TOKENS);
    if (!auth.ok) throw new Error(auth.detail);
    expect(auth.principal.within).toEqual({ repos: [], owners: ['octo-org'] });
    expect(auth.principal.reaches('octo-org/gadgets')).toBe(true);
    expect(auth.principal.reaches('octo-organisation/gadgets')).toBe(false);
  });

  it.each([undefined, '', 'Basic Y2k6dG9rZW4=', 'Bearer', 'Bearer wrong-token'])('%j is 401', (header) => {
    expect(authenticate(header, '127.0.0.1', TOKENS)).toMatchObject({ ok: false, status: 401 });
  });
});

describe('PIPELINE_API_TOKENS', () => {
  it('is read from a JSON array, keeping hashes only', () => {
    const parsed = apiTokensSetting.parse(
      JSON.stringify([{ name: 'ci', sha256: sha256('x').toUpperCase(), access: 'read', repos: ['o/r'] }]),
    );
    expect(parsed).toEqual([{ name: 'ci', sha256: sha256('x'), access: 'read', repos: ['o/r'] }]);
  });

  it.each([
    ['not json', 'must be a JSON array of tokens'],
    [JSON.stringify([{ name: 'ci', sha256: 'abc', access: 'read', repos: ['o/r'] }]), 'hex SHA-256'],
    [JSON.stringify([{ name: 'ci', sha256: sha256('x'), access: 'admin', repos: ['o/r'] }]), 'access'],
    [
      JSON.stringify([{ name: 'ci', sha256: sha256('x'), access: 'read', repos: ['everything'] }]),
      'owner/name',
    ],
  ])('refuses %s with a message naming the problem', (text, problem) => {
    const result = apiTokensSetting.safeParse(text);
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toContain(problem);
  });
});
