import { describe, expect, it } from 'vitest';
import { modelFor, parseRepoConfig } from '../../../src/config/repo-config.js';

describe('.github/pipeline.yml', () => {
  it('gives the defaults when the file is absent', () => {
    const result = parseRepoConfig(undefined);
    expect(result.ok && result.config).toMatchObject({
      require_approval: false,
      max_test_rounds: 3,
      blocked_paths: [],
      allow_network: false,
    });
  });

  it('names a misspelled key instead of ignoring it', () => {
    const result = parseRepoConfig({ max_test_round: 2 });
    expect(result).toEqual({
      ok: false,
      problems: [{ key: 'max_test_round', message: 'is not a known setting' }],
    });
  });

  it('names the key of a value of the wrong kind', () => {
    const result = parseRepoConfig({ max_test_rounds: 'three', deploy: { command: 'x', workflow: 'y' } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.key)).toEqual(['max_test_rounds', 'deploy']);
  });

  it('accepts a single setup command and per-agent models', () => {
    const result = parseRepoConfig({ setup: 'npm ci', model: { default: 'm-default', planning: 'm-plan' } });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.setup).toEqual(['npm ci']);
    expect(modelFor(result.config, 'planning', 'fallback')).toBe('m-plan');
    expect(modelFor(result.config, 'development', 'fallback')).toBe('m-default');
  });

  it('refuses settings whose feature is not built yet, saying so instead of ignoring them', () => {
    const result = parseRepoConfig({
      deploy: { command: 'npm run deploy' },
      model: { deployment: 'm-deploy' },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual(
      expect.arrayContaining([
        { key: 'deploy', message: 'is not supported yet' },
        { key: 'model.deployment', message: 'is not supported yet' },
      ]),
    );
    expect(result.problems).toHaveLength(2);
  });

  it('takes stdio MCP servers, and refuses one with a URL (a repository runs its servers in the sandbox)', () => {
    const ok = parseRepoConfig({ mcp_servers: { docs: { command: 'node', args: ['tools/mcp.js'] } } });
    expect(ok.ok && ok.config.mcp_servers.docs).toMatchObject({ command: 'node', agents: ['development'] });
    const remote = parseRepoConfig({ mcp_servers: { docs: { url: 'https://mcp.example.com' } } });
    expect(remote).toMatchObject({
      ok: false,
      problems: expect.arrayContaining([{ key: 'mcp_servers.docs.url', message: 'is not a known setting' }]),
    });
  });

  it('cannot list who may trigger runs', () => {
    const result = parseRepoConfig({ allowed_bots: ['evil[bot]'] });
    expect(result.ok).toBe(false);
  });
});
