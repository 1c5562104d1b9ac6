import { z } from '@hono/zod-openapi';
import type { LiveEvent } from '../../../queue/index.js';
import { getRun, listEventsOfRuns, type Run, type RunListEvent } from '../../../storage/index.js';
import type { ApiV1App, ApiV1Deps } from '../api-v1-app.js';
import { ApiProblem } from '../problem.js';
import { problemResponses } from '../route-parts.js';
import { RunListFilterQuery, toRunJson } from '../schemas.js';
import { streamReplayThenLive, type Frame } from '../streams/replay-then-live.js';
import { ResumeFrom } from './stream-run.js';

const REPLAY_PAGE = 500;
/** How long one event's run is remembered, so many subscribers cost one read of it. */
const SNAPSHOT_MS = 2_000;

type Filter = z.infer<typeof RunListFilterQuery>;

/** Runs of the list's filter; a status change is sent whatever the status, so clients see a run leave it. */
function keeps(filter: Filter, run: Run, event: { data?: unknown }): boolean {
  if (filter.repo && run.repoFullName !== filter.repo) return false;
  if (filter.since && run.createdAt < new Date(filter.since)) return false;
  if (!filter.status || run.status === filter.status) return true;
  return typeof event.data === 'object' && event.data !== null && 'to' in event.data;
}

const frame = (id: number, type: string, message: string, data: unknown, at: string, run: Run): Frame => ({
  id,
  event: type,
  data: { id, type, message, data, at, run: toRunJson(run) },
});

/**
 * `GET /runs/stream`: the events of every run the caller sees (filtered like the list), each with its run as it
 * stands, live; `Last-Event-ID` (or `?after=`) resumes from the events table.
 */
export function registerRunListStream(api: ApiV1App, { db, bus, logger }: ApiV1Deps): void {
  const snapshots = new Map<number, Promise<Run | null>>();
  const runOf = (event: LiveEvent): Promise<Run | null> => {
    let snapshot = snapshots.get(event.id);
    if (!snapshot) {
      snapshot = getRun(db, event.runId);
      snapshots.set(event.id, snapshot);
      setTimeout(() => snapshots.delete(event.id), SNAPSHOT_MS).unref();
    }
    return snapshot;
  };

  api.openAPIRegistry.registerPath({
    method: 'get',
    path: '/runs/stream',
    summary: 'Events of the listed runs, live (Server-Sent Events; resume with Last-Event-ID)',
    security: [{ bearer: [] }],
    request: {
      query: RunListFilterQuery.extend({
        after: ResumeFrom.optional().openapi({ description: 'Events after this event id' }),
      }),
    },
    responses: {
      200: {
        description:
          'An event stream: each message has the event id, its type as `event`, and the event with its run as JSON',
        content: { 'text/event-stream': { schema: z.string() } },
      },
      ...problemResponses(400, 401, 403, 429),
    },
  });

  api.get('/runs/stream', async (c) => {
    const filter = RunListFilterQuery.safeParse(c.req.query());
    if (!filter.success) {
      throw new ApiProblem(
        400,
        filter.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
      );
    }
    const resume = ResumeFrom.safeParse(c.req.header('last-event-id') ?? c.req.query('after') ?? 0);
    if (!resume.success) throw new ApiProblem(400, 'Last-Event-ID / after: must be an event id');
    const principal = c.get('principal');
    const visible = (run: Run, event: { data?: unknown }) =>
      principal.reaches(run.repoFullName) && keeps(filter.data, run, event);

    return streamReplayThenLive(c, {
      bus,
      logger,
      after: resume.data,
      context: { stream: 'runs' },
      async replayPage(after) {
        const page: RunListEvent[] = await listEventsOfRuns(
          db,
          {
            repo: filter.data.repo,
            since: filter.data.since ? new Date(filter.data.since) : undefined,
            within: principal.within,
          },
          { afterId: after, limit: REPLAY_PAGE },
        );
        const frames = page
          .filter(({ event, run }) => visible(run, event))
          .map(({ event, run }) =>
            frame(event.id, event.type, event.message, event.data, event.createdAt.toISOString(), run),
          );
        return { frames, next: page.length < REPLAY_PAGE ? undefined : page.at(-1)?.event.id };
      },
      async live(event) {
        const run = await runOf(event);
        if (!run || !visible(run, event)) return undefined;
        return frame(event.id, event.type, event.message, event.data, event.at, run);
      },
    });
  });
}
