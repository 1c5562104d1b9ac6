import {
  latestEvent,
  listEvents,
  type Queryable,
  type RunEventOf,
  type RunEventType,
  type UnreadableRunEvent,
} from '../storage/index.js';

const PAGE = 1000;

/**
 * Every event of a run after `afterId` (only those of `type` when given), in order, read page by page (a long
 * run has thousands). Rows no schema accepts come as `unreadable`, for the caller to pass over.
 */
export async function readEvents<T extends RunEventType = RunEventType>(
  db: Queryable,
  runId: string,
  afterId = 0,
  type?: T,
): Promise<Array<RunEventOf<T> | UnreadableRunEvent>> {
  const all: Array<RunEventOf<T> | UnreadableRunEvent> = [];
  for (let cursor = afterId; ;) {
    const page = await listEvents(db, runId, { afterId: cursor, limit: PAGE, type });
    all.push(...page);
    const last = page.at(-1);
    if (!last || page.length < PAGE) return all;
    cursor = last.id;
  }
}

/** The events that record what a consumer has taken, each with data `{ upTo }`. */
type TakenType = 'follow_up_delivered' | 'review_feedback_taken';

/**
 * Events of `type` that no consumer has taken yet. Taking is itself recorded as a `takenType` event whose data
 * is `{ upTo }`, so what was handed on is exactly once, across nodes, workers and crashes. Read as a cursor
 * (the newest taking, then the events of `type` after it), not by scanning the whole log on every agent turn.
 * An unreadable row is passed over but counted in `upTo`, so it is not met again.
 */
export async function untakenEvents<T extends RunEventType>(
  db: Queryable,
  runId: string,
  type: T,
  takenType: TakenType,
): Promise<{ events: Array<RunEventOf<T>>; upTo: number | undefined }> {
  const taken = await latestEvent(db, runId, takenType);
  const after = taken && taken.type !== 'unreadable' ? taken.data.upTo : 0;
  const rows = await readEvents(db, runId, after, type);
  const events = rows.filter((e): e is RunEventOf<T> => e.type !== 'unreadable');
  return { events, upTo: rows.at(-1)?.id };
}
