import type { Logger } from '../monitoring/logger.js';
import { deliver, type EventBus, type LiveEventHandler } from './live-event.js';

/** Live events within one process. Delivery is asynchronous, like Redis, so publishers never run subscriber code. */
export function createMemoryEventBus({ logger }: { logger: Logger }): EventBus {
  const handlers = new Set<LiveEventHandler>();
  return {
    async publish(event) {
      const snapshot = [...handlers];
      queueMicrotask(() => deliver(snapshot, event, logger));
    },
    async subscribe(handler) {
      const wrapped: LiveEventHandler = (e) => handler(e);
      handlers.add(wrapped);
      return async () => {
        handlers.delete(wrapped);
      };
    },
    async close() {
      handlers.clear();
    },
  };
}
