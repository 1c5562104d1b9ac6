import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repoRoot } from './load-manifests.js';
import { parseDockerfile, type Stage } from './parse-dockerfile.js';

/**
 * No Docker engine runs on the CI machine, so the Dockerfile and docker-compose.yml are checked as text
 * and as YAML: the properties that matter for production (non-root, no dev dependencies, the sandbox's
 * packages, health checks, how the services are wired) rather than a build.
 */

const read = (file: string): string => readFileSync(join(repoRoot, file), 'utf8');

describe('Dockerfile', () => {
  const stages = parseDockerfile(read('Dockerfile'));
  const runtime = stages.at(-1) as Stage;
  const stageNamed = (name: string): Stage | undefined => stages.find((s) => s.name === name);
  const args = (stage: Stage, keyword: string): string[] =>
    stage.instructions.filter((i) => i.keyword === keyword).map((i) => i.args);

  it('builds in stages and runs on node:20-bookworm-slim', () => {
    expect(stages.length).toBeGreaterThanOrEqual(3);
    expect(runtime.from).toBe('node:20-bookworm-slim');
  });

  it('runs as a non-root user', () => {
    const users = args(runtime, 'USER');
    expect(users.length).toBeGreaterThan(0);
    const user = users.at(-1)?.split(':')[0];
    expect(user).not.toMatch(/^(root|0)$/);
  });

  it('ships production dependencies only', () => {
    const copiedModules = args(runtime, 'COPY').filter((a) => /node_modules/.test(a));
    expect(copiedModules).toHaveLength(1);
    const source = /--from=(\S+)/.exec(copiedModules[0] ?? '')?.[1] ?? '';
    const installs = args(stageNamed(source) ?? runtime, 'RUN').filter((a) => /\bnpm (ci|install)\b/.test(a));
    expect(installs, `stage ${source}`).toHaveLength(1);
    expect(installs[0]).toMatch(/npm ci\b.*--omit=dev/);
  });

  it('installs git, bubblewrap and ca-certificates for the worker', () => {
    const installed = args(runtime, 'RUN').join(' ');
    for (const pkg of ['git', 'bubblewrap', 'ca-certificates']) {
      expect(installed).toMatch(new RegExp(`apt-get install[^&]*\\b${pkg}\\b`));
    }
  });

  it('copies the prompts (.md), migrations (.sql) and the embedded database thread (.mjs) next to the compiled code', () => {
    const build = stages.find((s) => args(s, 'RUN').some((a) => a.includes('npm run build')));
    const script = build ? args(build, 'RUN').join(' ') : '';
    expect(script).toContain("-name '*.md'");
    expect(script).toContain("-name '*.sql'");
    expect(script).toContain("-name '*.mjs'");
    expect(script).toContain('dist/storage/migrations/');
    expect(script).toContain('dist/storage/pglite-thread.mjs');
  });

  it('checks /healthz and starts node dist/main.js', () => {
    expect(args(runtime, 'HEALTHCHECK').join(' ')).toContain('/healthz');
    expect(args(runtime, 'CMD')).toEqual(['["node", "dist/main.js"]']);
  });

  it('is built from an allow-listed context, so .env and keys never reach the builder', () => {
    const lines = read('.dockerignore')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'));
    expect(lines[0]).toBe('*');
    expect(lines.filter((l) => l.startsWith('!') && /env|pem|key/i.test(l))).toEqual([]);
  });
});

interface ComposeService {
  image?: string;
  build?: unknown;
  command?: string[];
  env_file?: string | string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  volumes?: string[];
}

describe('docker-compose.yml', () => {
  // `<<: *anchor` merge keys are YAML 1.1; Compose supports them, so parse with merge on.
  const compose = parse(read('docker-compose.yml'), { merge: true }) as {
    services: Record<string, ComposeService>;
    volumes?: Record<string, unknown>;
  };
  const services = compose.services;
  /** Compose's `${VAR:-default}` → default, as `docker compose` does when VAR is unset. */
  const interpolate = (value: string): string => value.replace(/\$\{\w+:-([^}]*)\}/g, '$1');
  const pipelineServices = ['app', 'worker'];

  it('defines the app, an extra worker, postgres:16, redis:7 and Chroma', () => {
    expect(Object.keys(services).sort()).toEqual(['app', 'chroma', 'postgres', 'redis', 'worker']);
    expect(services.postgres?.image).toBe('postgres:16');
    expect(services.redis?.image).toBe('redis:7');
    expect(services.chroma?.image).toMatch(/^chromadb\/chroma:/);
    expect(services.app?.command).toEqual(['node', 'dist/main.js']);
    expect(services.worker?.command).toEqual(['node', 'dist/worker.js']);
  });

  it('gives every service a health check', () => {
    for (const [name, service] of Object.entries(services))
      expect(service.healthcheck?.test, name).toBeDefined();
  });

  it.each(pipelineServices)('%s reads its secrets from .env and none inline', (name) => {
    const service = services[name] as ComposeService;
    expect([service.env_file].flat()).toContain('.env');
    for (const key of Object.keys(service.environment ?? {})) {
      expect(key).not.toMatch(/KEY|SECRET|TOKEN|APP_ID/);
    }
  });

  it.each(pipelineServices)('%s reaches the postgres, redis and chroma services defined here', (name) => {
    const env = services[name]?.environment ?? {};
    const database = new URL(interpolate(env.DATABASE_URL ?? ''));
    const redis = new URL(interpolate(env.REDIS_URL ?? ''));
    const chroma = new URL(interpolate(env.CHROMA_URL ?? ''));
    expect([database.protocol, database.hostname, database.port]).toEqual(['postgres:', 'postgres', '5432']);
    expect([redis.protocol, redis.hostname]).toEqual(['redis:', 'redis']);
    expect([chroma.hostname, chroma.port]).toEqual(['chroma', '8000']);

    const pg = services.postgres?.environment ?? {};
    expect(decodeURIComponent(database.username)).toBe(pg.POSTGRES_USER);
    expect(decodeURIComponent(database.password)).toBe(interpolate(pg.POSTGRES_PASSWORD ?? ''));
    expect(database.pathname).toBe(`/${pg.POSTGRES_DB}`);

    for (const dependency of ['postgres', 'redis', 'chroma']) {
      expect(services[name]?.depends_on?.[dependency]?.condition, dependency).toBe('service_healthy');
    }
  });

  it('keeps the data of postgres, redis and chroma in named volumes', () => {
    for (const name of ['postgres', 'redis', 'chroma']) {
      const named = (services[name]?.volumes ?? []).map((v) => v.split(':')[0] ?? '');
      expect(named.length, name).toBeGreaterThan(0);
      for (const volume of named) expect(Object.keys(compose.volumes ?? {})).toContain(volume);
    }
  });
});
