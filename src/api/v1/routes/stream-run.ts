import { z } from '@hono/zod-openapi';
import { getRun, listEvents, type StoredRunEvent } from '../../../storage/index.js';
import type { ApiV1App, ApiV1Deps } from '../api-v1-app.js';
import { ApiProblem } from '../problem.js';
import { NOT_VISIBLE, problemResponses, RunIdParam } from '../route-parts.js';
import { streamReplayThenLive, type Frame } from '../streams/replay-then-live.js';

const REPLAY_PAGE = 500;

export const ResumeFrom = z.coerce.number().int().min(0);

const fromTimeline = (e: StoredRunEvent): Frame => ({
  id: e.id,
  event: e.type,
  data: { id: e.id, type: e.type, message: e.message, data: e.data, at: e.createdAt.toISOString() },
});

/**
 * `GET /runs/{id}/stream`: the run's events as Server-Sent Events, live. A client that reconnects with
 * `Last-Event-ID` (or `?after=`) gets what it missed from the events table first, then live events from the
 * bus, each once and in order of id.
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

    return streamReplayThenLive(c, {
      bus,
      logger,
      after: resume.data,
      context: { runId: run.id },
      async replayPage(after) {
        const page = await listEvents(db, run.id, { afterId: after, limit: REPLAY_PAGE });
        const next = page.length < REPLAY_PAGE ? undefined : page.at(-1)?.id;
        return { frames: page.map(fromTimeline), next };
      },
      live: (e) =>
        e.runId === run.id
          ? {
              id: e.id,
              event: e.type,
              data: { id: e.id, type: e.type, message: e.message, data: e.data, at: e.at },
            }
          : undefined,
    });
  });
}
