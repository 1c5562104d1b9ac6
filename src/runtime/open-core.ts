import type { ReadinessCheck } from '../api/check-readiness.js';
import type { Settings } from '../config/settings.js';
import type { Logger } from '../monitoring/logger.js';
import { createEventBus, createQueue, type EventBus, type RunQueue } from '../queue/index.js';
import { migrate, openDatabase, type Database } from '../storage/index.js';

/** The shared state every process needs: the database (migrated), the run queue and the live event bus. */
export type Core = { db: Database; queue: RunQueue; bus: EventBus; close(): Promise<void> };

export async function openCore(settings: Settings, logger: Logger): Promise<Core> {
  const db = await openDatabase({
    url: settings.DATABASE_URL,
    dataDir: settings.PIPELINE_DATA_DIR,
    poolMax: settings.DATABASE_POOL_MAX,
    logger: logger.child({ component: 'storage' }),
  });
  try {
    await migrate(db.pool, logger.child({ component: 'migrations' }));
    const bus = createEventBus({
      redisUrl: settings.REDIS_URL,
      prefix: settings.PIPELINE_REDIS_PREFIX,
      logger: logger.child({ component: 'events' }),
    });
    const queue = createQueue({
      redisUrl: settings.REDIS_URL,
      prefix: settings.PIPELINE_REDIS_PREFIX,
      stalledIntervalMs: settings.QUEUE_STALLED_INTERVAL_MS,
      lockDurationMs: settings.QUEUE_LOCK_DURATION_MS,
      db: db.pool,
      bus,
      logger: logger.child({ component: 'queue' }),
    });
    logger.info({ database: db.kind, queue: queue.kind }, 'core services open');
    return {
      db,
      queue,
      bus,
      async close() {
        await queue.close();
        await bus.close();
        await db.close();
      },
    };
  } catch (error) {
    await db.close();
    throw error;
  }
}

/** What /readyz checks in every process: the database and the queue answer. */
export function coreReadinessChecks(core: Core): ReadinessCheck[] {
  return [
    {
      name: 'database',
      async run() {
        await core.db.pool.query('SELECT 1');
      },
    },
    { name: 'queue', run: () => core.queue.ping() },
  ];
}
