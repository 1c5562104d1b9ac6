import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { Logger } from '../../../monitoring/logger.js';
import type { EventBus, LiveEvent } from '../../../queue/index.js';

/** A comment line this often keeps proxies and load balancers from closing an idle stream. */
const KEEP_ALIVE_MS = 15_000;

/** One SSE message: the stored event's id, its type as the SSE `event`, and its JSON. */
export interface Frame {
  id: number;
  event: string;
  data: unknown;
}

export interface ReplayThenLive {
  bus: EventBus;
  logger: Logger;
  /** The event id the client has (Last-Event-ID); only later events are sent. */
  after: number;
  /** The stored frames after an id, oldest first, and the id to read on from (undefined: the replay is done). */
  replayPage(after: number): Promise<{ frames: Frame[]; next: number | undefined }>;
  /** The frame a live event makes for this client, or undefined to leave it out. */
  live(event: LiveEvent): Promise<Frame | undefined> | Frame | undefined;
  /** Logged with a stream that ends with an error. */
  context: Record<string, unknown>;
}

/**
 * Server-Sent Events from the events table, then live from the bus (from any worker over Redis, or the
 * in-process one), each frame once and in order of id. Subscribed before the replay, holding live events until
 * it is done, so nothing falls between the two.
 */
export function streamReplayThenLive(c: Context, options: ReplayThenLive): Response {
  const { bus, logger } = options;
  return streamSSE(c, async (stream) => {
    let last = options.after;
    let writing: Promise<void> = Promise.resolve();
    const send = (next: () => Promise<Frame | undefined> | Frame | undefined): Promise<void> => {
      writing = writing.then(async () => {
        const frame = await next();
        if (!frame || frame.id <= last || stream.aborted) return;
        last = frame.id;
        await stream.writeSSE({ id: String(frame.id), event: frame.event, data: JSON.stringify(frame.data) });
      });
      return writing;
    };
    let held: LiveEvent[] | undefined = [];
    const unsubscribe = await bus.subscribe((event) => {
      if (held) held.push(event);
      else void send(() => options.live(event));
    });
    let subscribed = true;
    const stop = async () => {
      if (!subscribed) return;
      subscribed = false;
      await unsubscribe();
    };
    stream.onAbort(() => void stop());
    try {
      for (let cursor: number | undefined = options.after; cursor !== undefined && !stream.aborted;) {
        const page = await options.replayPage(cursor);
        for (const frame of page.frames) await send(() => frame);
        cursor = page.next;
      }
      const waiting = held.sort((a, b) => a.id - b.id);
      held = undefined;
      for (const event of waiting) await send(() => options.live(event));
      while (!stream.aborted) {
        await stream.sleep(KEEP_ALIVE_MS);
        if (!stream.aborted)
          writing = writing.then(() => stream.write(': keep-alive\n\n').then(() => undefined));
      }
    } catch (err) {
      logger.warn({ err, ...options.context }, 'event stream ended with an error');
    } finally {
      await stop();
    }
  });
}
