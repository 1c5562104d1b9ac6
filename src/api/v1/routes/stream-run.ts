import { z } from '@hono/zod-openapi';
import { streamSSE, type SSEStreamingApi } from 'hono/streaming';
import type { LiveEvent } from '../../../queue/index.js';
import { getRun, listEvents, type StoredRunEvent } from '../../../storage/index.js';
import type { ApiV1App, ApiV1Deps } from '../api-v1-app.js';
import { ApiProblem } from '../problem.js';
import { NOT_VISIBLE, problemResponses, RunIdParam } from '../route-parts.js';

/** A comment line this often keeps proxies and load balancers from closing an idle stream. */
const KEEP_ALIVE_MS = 15_000;
const REPLAY_PAGE = 500;

const ResumeFrom = z.coerce.number().int().min(0);

/** What one SSE message carries: the event as the timeline has it. */
type StreamedEvent = { id: number; type: string; message: string; data: unknown; at: string };

const fromTimeline = (e: StoredRunEvent): StreamedEvent => ({
  id: e.id,
  type: e.type,
  message: e.message,
  data: e.data,
  at: e.createdAt.toISOString(),
});

const fromBus = (e: LiveEvent): StreamedEvent => ({
  id: e.id,
  type: e.type,
  message: e.message,
  data: e.data,
  at: e.at,
});

/**
 * `GET /runs/{id}/stream`: the run's events as Server-Sent Events, live. A client that reconnects with
 * `Last-Event-ID` (or `?after=`) gets what it missed from the events table first, then live events from the
 * bus (from any worker over Redis, or the in-process one), each once and in order of id.
 */
export function registerRunStream(api: ApiV1App, { db, bus, logger }: ApiV1Deps): void {
  api.openAPIRegistry.registerPath({
    method: 'get',
    path: '/runs/{id}/stream',
    summary: "A run's events, live (Server-Sent Events; resume with Last-Event-ID)",
    security: [{ bearer: [] }],
    request: {
      params: RunIdParam,
      query: z.object({
        after: ResumeFrom.optional().openapi({ description: 'Events after this event id' }),
      }),
    },
    responses: {
      200: {
        description:
          'An event stream: each message has the event id, its type as `event`, and the event as JSON',
        content: { 'text/event-stream': { schema: z.string() } },
      },
      ...problemResponses(400, 401, 403, 404, 429),
    },
  });

  api.get('/runs/:id/stream', async (c) => {
    const id = RunIdParam.shape.id.safeParse(c.req.param('id'));
    if (!id.success) throw new ApiProblem(400, 'id: must be a run id (a UUID)');
    const resume = ResumeFrom.safeParse(c.req.header('last-event-id') ?? c.req.query('after') ?? 0);
    if (!resume.success) throw new ApiProblem(400, 'Last-Event-ID / after: must be an event id');
    const run = await getRun(db, id.data);
    if (!run || !c.get('principal').reaches(run.repoFullName)) throw NOT_VISIBLE;

    return streamSSE(c, async (stream) => {
      let last = resume.data;
      let writing: Promise<void> = Promise.resolve();
      const send = (event: StreamedEvent): Promise<void> => {
        writing = writing.then(async () => {
          if (event.id <= last || stream.aborted) return;
          last = event.id;
          await stream.writeSSE({ id: String(event.id), event: event.type, data: JSON.stringify(event) });
        });
        return writing;
      };
      // Subscribed before the replay, holding live events until it is done: nothing falls between the two.
      let held: LiveEvent[] | undefined = [];
      const unsubscribe = await bus.subscribe((event) => {
        if (event.runId !== run.id) return;
        if (held) held.push(event);
        else void send(fromBus(event));
      });
      let subscribed = true;
      const stop = async () => {
        if (!subscribed) return;
        subscribed = false;
        await unsubscribe();
      };
      stream.onAbort(() => void stop());
      try {
        await replay(stream, run.id, resume.data, send);
        const waiting = held.sort((a, b) => a.id - b.id);
        held = undefined;
        for (const event of waiting) await send(fromBus(event));
        while (!stream.aborted) {
          await stream.sleep(KEEP_ALIVE_MS);
          if (!stream.aborted)
            writing = writing.then(() => stream.write(': keep-alive\n\n').then(() => undefined));
        }
      } catch (err) {
        logger.warn({ err, runId: run.id }, 'run event stream ended with an error');
      } finally {
        await stop();
      }
    });
  });

  async function replay(
    stream: SSEStreamingApi,
    runId: string,
    after: number,
    send: (event: StreamedEvent) => Promise<void>,
  ): Promise<void> {
    for (let cursor = after; !stream.aborted;) {
      const page = await listEvents(db, runId, { afterId: cursor, limit: REPLAY_PAGE });
      for (const event of page) await send(fromTimeline(event));
      const lastOfPage = page.at(-1);
      if (!lastOfPage || page.length < REPLAY_PAGE) return;
      cursor = lastOfPage.id;
    }
  }
}
