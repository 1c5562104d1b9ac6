import { z } from 'zod';
import type { Logger } from '../monitoring/logger.js';
import { runEventBodySchema } from '../storage/index.js';

/**
 * A run event as pushed live to the dashboard, SSE clients and MCP: the stored event's typed body (the durable
 * copy is in `events`), checked again on receipt since Redis carries plain JSON.
 */
export const liveEventSchema = z.intersection(
  z.object({
    /** The stored event's id, where a live stream resumes from. */
    id: z.number().int().positive(),
    runId: z.string(),
    message: z.string(),
    /** ISO 8601 time. */
    at: z.string(),
  }),
  runEventBodySchema,
);
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
