import { z } from 'zod';
import { latestEvent, listEvents, type Queryable, type RunEvent } from '../storage/index.js';

const PAGE = 1000;

/**
 * Every event of a run after `afterId` (only those of `type` when given), in order, read page by page (a long
 * run has thousands).
 */
export async function readEvents(
  db: Queryable,
  runId: string,
  afterId = 0,
  type?: string,
): Promise<RunEvent[]> {
  const all: RunEvent[] = [];
  for (let cursor = afterId; ;) {
    const page = await listEvents(db, runId, { afterId: cursor, limit: PAGE, type });
    all.push(...page);
    const last = page.at(-1);
    if (!last || page.length < PAGE) return all;
    cursor = last.id;
  }
}

/**
 * Events of `type` that no consumer has taken yet. Taking is itself recorded as a `takenType` event whose data
 * is `{ upTo }`, so what was handed on is exactly once, across nodes, workers and crashes. Read as a cursor
 * (the newest taking, then the events of `type` after it), not by scanning the whole log on every agent turn.
 */
export async function untakenEvents(
  db: Queryable,
  runId: string,
  type: string,
  takenType: string,
): Promise<{ events: RunEvent[]; upTo: number | undefined }> {
  const taken = await latestEvent(db, runId, takenType);
  const after = taken ? z.object({ upTo: z.number() }).catch({ upTo: 0 }).parse(taken.data).upTo : 0;
  const events = await readEvents(db, runId, after, type);
  return { events, upTo: events.at(-1)?.id };
}
