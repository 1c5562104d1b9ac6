import { randomBytes } from 'node:crypto';
import type { NewRun } from '../../../src/storage/index.js';

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
