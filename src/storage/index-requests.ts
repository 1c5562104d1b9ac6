import type { Queryable } from './types.js';

export interface IndexRequest {
  repoFullName: string;
  installationId: number;
  /** The commit to index, or `HEAD` for the default branch as it is when the request is taken. */
  commit: string;
  requestedAt: Date;
}

type IndexRequestRow = {
  repo_full_name: string;
  installation_id: string | number;
  commit: string;
  requested_at: Date;
};

/** Asks for a repository's code index to be refreshed; a pending request for the same repository is replaced. */
export async function requestIndex(db: Queryable, input: Omit<IndexRequest, 'requestedAt'>): Promise<void> {
  await db.query(
    `INSERT INTO index_requests (repo_full_name, installation_id, "commit") VALUES ($1, $2, $3)
     ON CONFLICT (repo_full_name) DO UPDATE SET installation_id = EXCLUDED.installation_id,
       "commit" = EXCLUDED."commit", requested_at = now()`,
    [input.repoFullName, input.installationId, input.commit],
  );
}

/**
 * Takes up to `limit` pending requests, oldest first. Taking deletes them, and concurrent workers skip rows
 * another worker is taking, so each request is handled once.
 */
export async function takeIndexRequests(db: Queryable, limit: number): Promise<IndexRequest[]> {
  const result = await db.query<IndexRequestRow>(
    `DELETE FROM index_requests WHERE repo_full_name IN (
       SELECT repo_full_name FROM index_requests ORDER BY requested_at LIMIT $1 FOR UPDATE SKIP LOCKED
     ) RETURNING *`,
    [limit],
  );
  return result.rows.map((r) => ({
    repoFullName: r.repo_full_name,
    installationId: Number(r.installation_id),
    commit: r.commit,
    requestedAt: r.requested_at,
  }));
}
