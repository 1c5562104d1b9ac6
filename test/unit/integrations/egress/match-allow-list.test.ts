import { describe, expect, it } from 'vitest';
import { matchAllowList, sandboxNoProxy } from '../../../../src/integrations/egress/index.js';

describe('the egress allow-list', () => {
  const allowed = matchAllowList([
    'registry.npmjs.org',
    '*.example.org',
    'mirror.internal:8443',
    '127.0.0.1:4873',
  ]);

  it('lets an exact host through on 80 and 443 only', () => {
    expect(allowed('registry.npmjs.org', 443)).toBe(true);
    expect(allowed('registry.npmjs.org', 80)).toBe(true);
    expect(allowed('registry.npmjs.org', 22)).toBe(false);
  });

  it('compares names without case and without a trailing dot', () => {
    expect(allowed('Registry.NPMJS.org.', 443)).toBe(true);
  });

  it('lets `*.` entries match every subdomain, never the bare domain or a look-alike', () => {
    expect(allowed('files.example.org', 443)).toBe(true);
    expect(allowed('a.b.example.org', 443)).toBe(true);
    expect(allowed('example.org', 443)).toBe(false);
    expect(allowed('evilexample.org', 443)).toBe(false);
  });

  it('lets an entry with a port through on that port only', () => {
    expect(allowed('mirror.internal', 8443)).toBe(true);
    expect(allowed('mirror.internal', 443)).toBe(false);
    expect(allowed('127.0.0.1', 4873)).toBe(true);
    expect(allowed('127.0.0.1', 5432)).toBe(false);
  });

  it('refuses what is not on it', () => {
    expect(allowed('registry.npmjs.org.evil.test', 443)).toBe(false);
    expect(allowed('evil.test', 443)).toBe(false);
  });
});

describe('NO_PROXY inside the sandbox', () => {
  it('keeps the loopback names local by default', () => {
    expect(sandboxNoProxy(['registry.npmjs.org'])).toBe('localhost,127.0.0.1,::1');
  });

  it('sends an allow-listed loopback host through the proxy', () => {
    expect(sandboxNoProxy(['127.0.0.1:4873'])).toBe('localhost,::1');
  });
});
