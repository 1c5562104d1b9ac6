import { describe, expect, it } from 'vitest';
import { modelFor, parseRepoConfig } from '../../../src/config/repo-config.js';
import { deployMethod } from '../../../src/config/deploy-config.js';

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

    it('takes a workflow to dispatch instead, by file name or id, on the default branch unless told', () => {
      const byName = parseRepoConfig({ deploy: { workflow: 'deploy.yml', rollback: 'previous' } });
      expect(byName.ok && deployMethod(byName.config.deploy!)).toEqual({
        kind: 'workflow',
        workflow: 'deploy.yml',
        ref: undefined,
      });
      const byId = parseRepoConfig({ deploy: { workflow: 161335, workflow_ref: 'release/v2' } });
      expect(byId.ok && deployMethod(byId.config.deploy!)).toEqual({
        kind: 'workflow',
        workflow: 161335,
        ref: 'release/v2',
      });
    });

    it('names what is wrong: neither or both of command and workflow, a bad URL or environment', () => {
      const problems = (raw: unknown) => {
        const result = parseRepoConfig({ deploy: raw });
        return result.ok ? [] : result.problems;
      };
      expect(problems({ environment: 'staging' })).toEqual([
        {
          key: 'deploy',
          message:
            'needs `command` (a shell command that deploys) or `workflow` (a GitHub Actions workflow to dispatch)',
        },
      ]);
      expect(problems({ command: 'x', workflow: 'deploy.yml' })).toEqual([
        { key: 'deploy', message: 'takes `command` or `workflow`, not both' },
      ]);
      expect(problems({ workflow: 'deploy.yml', rollback_command: './rollback.sh' })).toEqual([
        {
          key: 'deploy.rollback_command',
          message:
            'goes with `command` only; with `workflow`, `rollback: previous` dispatches it again for the last good SHA',
        },
      ]);
      expect(problems({ command: 'x', workflow_ref: 'main' })).toEqual([
        { key: 'deploy.workflow_ref', message: 'goes with `workflow` only' },
      ]);
      expect(problems({ workflow: '../deploy.yml' }).map((p) => p.key)).toEqual(['deploy.workflow']);
      expect(problems({ workflow: 'deploy.yml', workflow_ref: '--upload-pack=x' }).map((p) => p.key)).toEqual(
        ['deploy.workflow_ref'],
      );
      const keys = (raw: unknown) => problems(raw).map((p) => p.key);
      expect(keys({ command: 'x', health_url: 'ftp://x.example.com' })).toEqual(['deploy.health_url']);
      expect(keys({ command: 'x', environment: 'prod env' })).toEqual(['deploy.environment']);
      expect(keys({ command: 'x', secrets: ['AWS_KEY'] })).toEqual(['deploy.secrets']);
    });
  });

  it('cannot list who may trigger runs', () => {
    const result = parseRepoConfig({ allowed_bots: ['evil[bot]'] });
    expect(result.ok).toBe(false);
  });
});
