import type { Logger } from '../monitoring/logger.js';
import type { EventBus } from './live-event.js';
import { createMemoryEventBus } from './memory-event-bus.js';
import { createRedisEventBus } from './redis-event-bus.js';

export { type EventBus, type LiveEvent, type LiveEventHandler } from './live-event.js';

export interface CreateEventBusOptions {
  /** With it, Redis pub/sub across processes; without it, an in-process emitter. */
  redisUrl?: string;
  /** Channel prefix (default `pipeline`); processes sharing events must use the same one. */
  prefix?: string;
  logger: Logger;
}

export function createEventBus({ redisUrl, prefix, logger }: CreateEventBusOptions): EventBus {
  if (redisUrl)
    return createRedisEventBus({ redisUrl, channel: `${prefix ?? 'pipeline'}:run-events`, logger });
  return createMemoryEventBus({ logger });
}
