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
    const result = parseRepoConfig({
      max_test_rounds: 'three',
      deploy: { environment: 'prod env', command: 'x' },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.key)).toEqual(['max_test_rounds', 'deploy.environment']);
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
    const result = parseRepoConfig({ deploy: { command: './deploy.sh', workflow: 'deploy.yml' } });
    expect(result).toEqual({
      ok: false,
      problems: [{ key: 'deploy.workflow', message: 'is not supported yet' }],
    });
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

  describe('deploy', () => {
    it('takes a command with its defaults: production, health checks judged on 200, only pipeline PRs', () => {
      const result = parseRepoConfig({
        deploy: {
          command: './deploy.sh',
          health_url: 'https://app.example.com/health',
          rollback: 'previous',
        },
        model: { deployment: 'm-deploy' },
      });
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(result.config.deploy).toMatchObject({
        environment: 'production',
        command: './deploy.sh',
        on: 'pipeline',
        health: { expected_status: 200, retries: 5 },
      });
      expect(modelFor(result.config, 'deployment', 'fallback')).toBe('m-deploy');
    });

    it('names what is wrong: no command, a workflow (not built yet), a bad URL or environment', () => {
      const problems = (raw: unknown) => {
        const result = parseRepoConfig({ deploy: raw });
        return result.ok ? [] : result.problems.map((p) => p.key);
      };
      expect(problems({ environment: 'staging' })).toEqual(['deploy.command']);
      const workflow = parseRepoConfig({ deploy: { command: 'x', workflow: 'deploy.yml' } });
      expect(workflow.ok ? [] : workflow.problems).toEqual([
        { key: 'deploy.workflow', message: 'is not supported yet' },
      ]);
      expect(problems({ command: 'x', health_url: 'ftp://x.example.com' })).toEqual(['deploy.health_url']);
      expect(problems({ command: 'x', environment: 'prod env' })).toEqual(['deploy.environment']);
      expect(problems({ command: 'x', secrets: ['AWS_KEY'] })).toEqual(['deploy.secrets']);
    });
  });

  it('cannot list who may trigger runs', () => {
    const result = parseRepoConfig({ allowed_bots: ['evil[bot]'] });
    expect(result.ok).toBe(false);
  });
});
