import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../src/storage/index.js';
import { waitFor } from '../support/wait.js';
import { MAINTAINER, REPO, REPO_OWNER, startHarness, type Harness } from './harness.js';

const ADMIN = 'ada';

describe('a person whose access was taken away', () => {
  let h: Harness;
  beforeAll(async () => {
    // The permission cache is kept far longer than the test, as an operator may configure it.
    h = await startHarness({ worker: false, env: { PERMISSION_CACHE_SECONDS: '3600' } });
    h.github.addUser(ADMIN);
    h.github.setPermission(REPO, ADMIN, 'admin');
  });
  afterAll(async () => {
    h.github.assertNoViolations();
    await h.close();
  });

  /** Opens an issue, comments `/pipeline run` on it as `login`, and waits until the app has answered. */
  async function runRequestedBy(login: string, title: string): Promise<number> {
    const issue = await h.github.openIssue(REPO, { title, user: ADMIN });
    const { delivery } = await h.github.postComment(REPO, issue.number, '/pipeline run', { by: login });
    expect(delivery.status).toBe(200);
    return issue.number;
  }

  async function runsOn(issueNumber: number) {
    return (await h.runs()).filter((r) => r.issueNumber === issueNumber);
  }

  async function expectRefused(login: string, issueNumber: number): Promise<void> {
    await waitFor('the refusal', () =>
      h.github.comments(REPO, issueNumber).some((c) => c.body.includes('only people with write')),
    );
    expect(await runsOn(issueNumber)).toHaveLength(0);
    const audit = await listAudit(h.db, { repo: REPO, limit: 100 });
    expect(
      audit.some(
        (a) =>
          a.actor === login && a.issueNumber === issueNumber && a.action === 'trigger.refused_permission',
      ),
    ).toBe(true);
  }

  it('cannot start a run once removed as a collaborator, although their write access was cached', async () => {
    const before = await runRequestedBy(MAINTAINER, 'Allowed while a collaborator');
    await h.waitForRun(before, ['queued']);

    const removed = await h.github.changeCollaborator(REPO, MAINTAINER, 'none', { by: ADMIN });
    expect(removed.status).toBe(200);

    await expectRefused(MAINTAINER, await runRequestedBy(MAINTAINER, 'Asked after the removal'));
  });

  it('cannot start a run once lowered to read, although their write access was cached', async () => {
    const colleague = 'carla';
    h.github.addUser(colleague);
    h.github.setPermission(REPO, colleague, 'write');
    await h.waitForRun(await runRequestedBy(colleague, 'Allowed with write'), ['queued']);

    expect((await h.github.changeCollaborator(REPO, colleague, 'read', { by: ADMIN })).status).toBe(200);

    await expectRefused(colleague, await runRequestedBy(colleague, 'Asked with read'));
  });

  it('cannot start a run once removed from the organization, although their write access was cached', async () => {
    const member = 'olga';
    h.github.addUser(member);
    h.github.setPermission(REPO, member, 'write');
    await h.waitForRun(await runRequestedBy(member, 'Allowed as a member'), ['queued']);

    const removed = await h.github.removeOrganizationMember(REPO_OWNER, member, { by: ADMIN });
    expect(removed.status).toBe(200);

    await expectRefused(member, await runRequestedBy(member, 'Asked after leaving'));
  });
});
