import { Redis } from 'ioredis';
import type { Logger } from '../monitoring/logger.js';

export type RedisRole = 'queue' | 'worker' | 'publisher' | 'subscriber' | 'lock' | 'rate-limit';

/**
 * One ioredis connection per role. Blocking and subscriber connections (`worker`, `subscriber`) retry
 * commands forever (`maxRetriesPerRequest: null`, as BullMQ requires for workers); the others fail after
 * a few tries so a request path does not hang when Redis is down. Errors are logged, not thrown.
 * No connection auto-pipelines: ioredis would build a `Pipeline` per added job that copies every script
 * command BullMQ defines, enough garbage at webhook rates to bring on full collections (bench/README.md).
 */
export function createRedisConnection(url: string, role: RedisRole, logger: Logger): Redis {
  const blocking = role === 'worker' || role === 'subscriber';
  const redis = new Redis(url, {
    maxRetriesPerRequest: blocking ? null : 3,
    connectionName: `pipeline-${role}`,
  });
  let lastLogged = 0;
  redis.on('error', (err: Error) => {
    const now = Date.now();
    if (now - lastLogged < 5_000) return;
    lastLogged = now;
    logger.warn({ err, role }, 'redis connection error');
  });
  return redis;
}

/** Closes politely, and drops the socket if Redis cannot answer. */
export async function closeRedis(redis: Redis): Promise<void> {
  if (redis.status === 'end') return;
  try {
    await redis.quit();
  } catch {
    redis.disconnect();
  }
}
