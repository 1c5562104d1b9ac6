import type { Redis } from 'ioredis';
import type { Logger } from '../monitoring/logger.js';
import { deliver, liveEventSchema, type EventBus, type LiveEventHandler } from './live-event.js';
import { closeRedis, createRedisConnection } from './redis-connection.js';

/** Live events across processes over one Redis pub/sub channel (at-most-once; the database has the history). */
export function createRedisEventBus({
  redisUrl,
  channel,
  logger,
}: {
  redisUrl: string;
  channel: string;
  logger: Logger;
}): EventBus {
  const publisher = createRedisConnection(redisUrl, 'publisher', logger);
  const handlers = new Set<LiveEventHandler>();
  let subscriber: Promise<Redis> | undefined;

  function onMessage(from: string, text: string): void {
    if (from !== channel) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (err) {
      logger.warn({ err, channel }, 'ignoring a live event that is not JSON');
      return;
    }
    const event = liveEventSchema.safeParse(parsed);
    if (!event.success) {
      logger.warn({ issues: event.error.issues, channel }, 'ignoring a malformed live event');
      return;
    }
    deliver(handlers, event.data, logger);
  }

  function connectSubscriber(): Promise<Redis> {
    subscriber ??= (async () => {
      const redis = createRedisConnection(redisUrl, 'subscriber', logger);
      redis.on('message', onMessage);
      await redis.subscribe(channel);
      return redis;
    })();
    return subscriber;
  }

  return {
    async publish(event) {
      await publisher.publish(channel, JSON.stringify(event));
    },
    async subscribe(handler) {
      const wrapped: LiveEventHandler = (e) => handler(e);
      handlers.add(wrapped);
      try {
        await connectSubscriber();
      } catch (err) {
        handlers.delete(wrapped);
        throw err;
      }
      return async () => {
        handlers.delete(wrapped);
      };
    },
    async close() {
      handlers.clear();
      const sub = subscriber;
      subscriber = undefined;
      await Promise.all([closeRedis(publisher), sub?.then(closeRedis, () => undefined)]);
    },
  };
}
