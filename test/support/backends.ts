import { rm } from 'node:fs/promises';
import { describe, inject } from 'vitest';
import { MEMORY_DATA_DIR, openDatabase, type Database } from '../../src/storage/index.js';
import { copyPgliteTemplate } from './pglite-template.js';
import { adminQuery, deleteRedisKeys, uniqueName } from './service-admin.js';
import type { ServiceProbe } from './services.js';

export { deleteRedisKeys, uniqueName };
import { testLogger } from './test-logger.js';

export type BackendName = 'postgres+redis' | 'embedded';

export interface SetupOptions {
  /** Apply migrations (default true). */
  migrate?: boolean;
}

export interface BackendInstance {
  /** The currently open database (replaced by `reopen()`). */
  db: Database;
  /** Set for the postgres+redis variant; absent means the in-process queue / event bus / locks. */
  redisUrl?: string;
  /** Fresh per setup: use as Redis key prefix (BullMQ prefix, event channel, lock keys). */
  prefix: string;
  /** Fresh per setup: a BullMQ queue name. */
  queueName: string;
  /** Closes `db` and opens the same data again (a new pool; for PGlite a new instance on the same files). */
  reopen(): Promise<Database>;
  /** Closes everything and drops the database / temp dir / Redis keys. */
  cleanup(): Promise<void>;
}

export interface Backend {
  name: BackendName;
  available: boolean;
  reason?: string;
  /** Redis for this variant, without a database (event bus and lock tests). */
  redisUrl?: string;
  setup(options?: SetupOptions): Promise<BackendInstance>;
}

/** The two backends every storage and queue suite runs against. */
export function backendMatrix(): Backend[] {
  const services = inject('services');
  return [postgresBackend(services), embeddedBackend(inject('pgliteTemplate'))];
}

/**
 * `describe` once per backend. An unavailable backend's suite is skipped with the reason in its name
 * (the global setup has already printed a banner about it).
 */
export function describeEachBackend(title: string, body: (backend: Backend) => void): void {
  for (const backend of backendMatrix()) {
    const name = backend.available
      ? `${title} [${backend.name}]`
      : `${title} [${backend.name}] SKIPPED: ${backend.reason}`;
    describe.skipIf(!backend.available)(name, () => body(backend));
  }
}

function postgresBackend(services: ServiceProbe): Backend {
  const { postgres, redis } = services;
  const available = postgres.available && redis.available;
  const reason = [postgres, redis]
    .filter((s) => !s.available)
    .map((s) => s.reason)
    .join('; ');
  return {
    name: 'postgres+redis',
    available,
    ...(available ? { redisUrl: redis.url } : { reason }),
    async setup(options = {}) {
      const dbName = uniqueName('pipeline_test');
      await adminQuery(postgres.url, `CREATE DATABASE ${dbName}`);
      const url = new URL(postgres.url);
      url.pathname = `/${dbName}`;
      const logger = testLogger();
      const open = () =>
        openDatabase({ url: url.toString(), dataDir: MEMORY_DATA_DIR, logger, migrate: options.migrate });
      const prefix = uniqueName('pipeline_test');
      const instance: BackendInstance = {
        db: await open(),
        redisUrl: redis.url,
        prefix,
        queueName: uniqueName('runs'),
        async reopen() {
          await instance.db.close();
          instance.db = await open();
          return instance.db;
        },
        async cleanup() {
          await instance.db.close();
          await adminQuery(postgres.url, `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
          await deleteRedisKeys(redis.url, prefix);
        },
      };
      return instance;
    },
  };
}

/** PGlite on disk (a copy of a prepared data dir, as in production) with the in-process queue. */
function embeddedBackend(template: string): Backend {
  return {
    name: 'embedded',
    available: true,
    async setup(options = {}) {
      const dataDir = await copyPgliteTemplate(template);
      const logger = testLogger();
      const open = () => openDatabase({ dataDir, logger, migrate: options.migrate });
      const instance: BackendInstance = {
        db: await open(),
        prefix: uniqueName('pipeline_test'),
        queueName: uniqueName('runs'),
        async reopen() {
          await instance.db.close();
          instance.db = await open();
          return instance.db;
        },
        async cleanup() {
          await instance.db.close();
          await rm(dataDir, { recursive: true, force: true });
        },
      };
      return instance;
    },
  };
}

/** `describe` for suites that only make sense on Redis (BullMQ internals); skipped loudly without it. */
export function describeWithRedis(title: string, body: (redisUrl: string) => void): void {
  const { redis } = inject('services');
  const name = redis.available ? `${title} [redis]` : `${title} [redis] SKIPPED: ${redis.reason}`;
  describe.skipIf(!redis.available)(name, () => body(redis.url));
}
