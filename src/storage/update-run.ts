import { toRun, type RunRow } from './rows.js';
import type { Queryable, Run, RunPatch } from './types.js';

const COLUMNS: Record<keyof RunPatch, string> = {
  issueTitle: 'issue_title',
  command: 'command',
  instructions: 'instructions',
  currentNode: 'current_node',
  statusCommentId: 'status_comment_id',
  prNumber: 'pr_number',
  branch: 'branch',
  error: 'error',
  attempt: 'attempt',
};

/** Sets the given fields (an `undefined` value is left alone, `null` clears). Null when the run is unknown. */
export async function updateRun(db: Queryable, id: string, patch: RunPatch): Promise<Run | null> {
  const sets: string[] = [];
  const values: unknown[] = [id];
  for (const key of Object.keys(COLUMNS) as Array<keyof RunPatch>) {
    const value = patch[key];
    if (value === undefined) continue;
    values.push(value);
    sets.push(`${COLUMNS[key]} = $${values.length}`);
  }
  sets.push('updated_at = now()');
  const result = await db.query<RunRow>(
    `UPDATE runs SET ${sets.join(', ')} WHERE id = $1 RETURNING *`,
    values,
  );
  const row = result.rows[0];
  return row ? toRun(row) : null;
}
