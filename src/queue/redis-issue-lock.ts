import { randomUUID } from 'node:crypto';
import type { Logger } from '../monitoring/logger.js';
import type { IssueLocks } from './lock-types.js';
import { closeRedis, createRedisConnection } from './redis-connection.js';

/** Deletes the key only while it still holds our token, so an expired lock taken over by another worker is kept. */
const RELEASE_SCRIPT = `
if redis.call("get", KEYS[1]) == ARGV[1] then
  return redis.call("del", KEYS[1])
end
return 0`;

export function createRedisIssueLocks({
  redisUrl,
  keyPrefix,
  logger,
}: {
  redisUrl: string;
  keyPrefix: string;
  logger: Logger;
}): IssueLocks {
  const redis = createRedisConnection(redisUrl, 'lock', logger);
  return {
    async acquireIssueLock(key, ttlMs) {
      const redisKey = keyPrefix + key;
      const token = randomUUID();
      const ok = await redis.set(redisKey, token, 'PX', Math.max(1, Math.round(ttlMs)), 'NX');
      if (ok !== 'OK') return null;
      let released = false;
      return async () => {
        if (released) return;
        released = true;
        await redis.eval(RELEASE_SCRIPT, 1, redisKey, token);
      };
    },
    async close() {
      await closeRedis(redis);
    },
  };
}
