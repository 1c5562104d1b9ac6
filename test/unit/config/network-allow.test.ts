import { describe, expect, it } from 'vitest';
import { parseRepoConfig } from '../../../src/config/repo-config.js';
import { loadSettings } from '../../../src/config/settings.js';

describe('network.allow in .github/pipeline.yml', () => {
  it('is empty by default, with the whole network off', () => {
    const result = parseRepoConfig({});
    expect(result).toMatchObject({ ok: true, config: { allow_network: false, network: { allow: [] } } });
  });

  it('takes hosts, host:port and *.domain entries, in lower case', () => {
    const result = parseRepoConfig({
      network: {
        allow: ['API.example.com', 'mirror.internal:8443', '*.githubusercontent.com', '10.0.0.5:4873'],
      },
    });
    expect(result).toMatchObject({
      ok: true,
      config: {
        network: {
          allow: ['api.example.com', 'mirror.internal:8443', '*.githubusercontent.com', '10.0.0.5:4873'],
        },
      },
    });
  });

  it.each([
    'http://example.com',
    'example.com/path',
    '*',
    'exa mple.com',
    'example.com:0',
    'example.com:70000',
  ])('refuses %j with a message naming the key', (entry) => {
    const result = parseRepoConfig({ network: { allow: [entry] } });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]?.key).toBe('network.allow.0');
  });

  it('reports an unknown key under network', () => {
    expect(parseRepoConfig({ network: { deny: ['x.com'] } })).toEqual({
      ok: false,
      problems: [{ key: 'network.deny', message: 'is not a known setting' }],
    });
  });
});

describe('PIPELINE_EGRESS_ALLOW', () => {
  it('adds nothing by default', () => {
    expect(loadSettings({}).PIPELINE_EGRESS_ALLOW).toEqual([]);
  });

  it('is a comma-separated list of entries', () => {
    expect(
      loadSettings({ PIPELINE_EGRESS_ALLOW: 'npm.internal:4873, *.corp.example' }).PIPELINE_EGRESS_ALLOW,
    ).toEqual(['npm.internal:4873', '*.corp.example']);
  });

  it('stops start-up on a bad entry, naming the variable', () => {
    expect(() => loadSettings({ PIPELINE_EGRESS_ALLOW: 'https://npm.internal' })).toThrow(
      /PIPELINE_EGRESS_ALLOW/,
    );
  });
});
