import { listEvents, type Queryable, type RunEvent } from '../storage/index.js';

const PAGE = 1000;

/** Every event of a run after `afterId`, in order, read page by page (a long run has thousands). */
export async function readEvents(db: Queryable, runId: string, afterId = 0): Promise<RunEvent[]> {
  const all: RunEvent[] = [];
  for (let cursor = afterId; ;) {
    const page = await listEvents(db, runId, { afterId: cursor, limit: PAGE });
    all.push(...page);
    const last = page.at(-1);
    if (!last || page.length < PAGE) return all;
    cursor = last.id;
  }
}
