import { randomBytes } from 'node:crypto';
import { createRun, type NewRun, type Queryable } from '../../../src/storage/index.js';

/** A run request on an issue of its own, so tests sharing a database never collide. */
export function newRun(overrides: Partial<NewRun> = {}): NewRun {
  return {
    repoFullName: `octo-org/repo-${randomBytes(4).toString('hex')}`,
    installationId: 42,
    issueNumber: 7,
    issueTitle: 'Add a dark mode toggle',
    trigger: 'label',
    sender: 'octocat',
    deliveryId: randomBytes(8).toString('hex'),
    ...overrides,
  };
}

/** The id of a new queued run on an issue of its own. */
export async function freshRunId(db: Queryable, overrides: Partial<NewRun> = {}): Promise<string> {
  const created = await createRun(db, newRun(overrides));
  if (!created.created) throw new Error('expected a new run');
  return created.run.id;
}
