import { z } from 'zod';
import type { Logger } from '../monitoring/logger.js';

/** A run event as pushed live to the dashboard, SSE clients and MCP; the durable copy is in `events`. */
export const liveEventSchema = z.object({
  runId: z.string(),
  type: z.string(),
  message: z.string(),
  data: z.unknown().optional(),
  /** ISO 8601 time. */
  at: z.string(),
});
export type LiveEvent = z.infer<typeof liveEventSchema>;

export type LiveEventHandler = (event: LiveEvent) => void;

export interface EventBus {
  publish(event: LiveEvent): Promise<void>;
  /** Resolves once the subscription is active; the returned function unsubscribes. */
  subscribe(handler: LiveEventHandler): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** Calls every handler, so one failing subscriber cannot starve the others. */
export function deliver(handlers: Iterable<LiveEventHandler>, event: LiveEvent, logger: Logger): void {
  for (const handler of handlers) {
    try {
      handler(event);
    } catch (err) {
      logger.error({ err, runId: event.runId, type: event.type }, 'live event subscriber threw');
    }
  }
}
