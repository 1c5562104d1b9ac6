import { Redis } from 'ioredis';
import pg from 'pg';

/** Whether one external service answered the probe made once by the global setup. */
export interface ServiceStatus {
  available: boolean;
  url: string;
  reason?: string;
}

export interface ServiceProbe {
  postgres: ServiceStatus;
  redis: ServiceStatus;
  /** CI=true or PIPELINE_REQUIRE_SERVICES=1: an unreachable service fails the run instead of skipping. */
  required: boolean;
}

declare module 'vitest' {
  export interface ProvidedContext {
    services: ServiceProbe;
    /** A ready PGlite data directory to copy (see pglite-template.ts). */
    pgliteTemplate: string;
  }
}

export const DEFAULT_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/test';
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

export function servicesRequired(env: NodeJS.ProcessEnv): boolean {
  return env.CI === 'true' || env.PIPELINE_REQUIRE_SERVICES === '1';
}

export async function probeServices(env: NodeJS.ProcessEnv): Promise<ServiceProbe> {
  const [postgres, redis] = await Promise.all([
    probePostgres(env.TEST_DATABASE_URL || DEFAULT_POSTGRES_URL),
    probeRedis(env.TEST_REDIS_URL || DEFAULT_REDIS_URL),
  ]);
  return { postgres, redis, required: servicesRequired(env) };
}

async function probePostgres(url: string): Promise<ServiceStatus> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return { available: true, url };
  } catch (err) {
    return { available: false, url, reason: `PostgreSQL at ${redact(url)}: ${describe(err)}` };
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function probeRedis(url: string): Promise<ServiceStatus> {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 2_000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  let socketError: unknown;
  redis.on('error', (err) => {
    socketError ??= err;
  });
  try {
    await redis.connect();
    await redis.ping();
    return { available: true, url };
  } catch (err) {
    return { available: false, url, reason: `Redis at ${redact(url)}: ${describe(socketError ?? err)}` };
  } finally {
    redis.disconnect();
  }
}

function describe(err: unknown): string {
  if (err instanceof AggregateError && err.errors.length > 0) return describe(err.errors[0]);
  return err instanceof Error ? err.message || err.name : String(err);
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
