import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRun } from '../../src/storage/index.js';
import { MAINTAINER, REPO, startHarness, type Harness } from './harness.js';
import { featureScript } from './scripts/steering.js';
import { READ_TOKEN, WRITE_TOKEN } from './support/mcp-tokens.js';

const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');
const STRANGER_TOKEN = 'diff-stranger-token-0123456789';

describe("a run's pull request as a diff over the HTTP API", () => {
  let h: Harness;
  let runId: string;

  beforeAll(async () => {
    h = await startHarness({
      script: featureScript(),
      env: {
        PIPELINE_API_TOKENS: JSON.stringify([
          { name: 'writer', sha256: sha256(WRITE_TOKEN), access: 'write', repos: [REPO] },
          { name: 'viewer', sha256: sha256(READ_TOKEN), access: 'read', repos: [REPO] },
          { name: 'stranger', sha256: sha256(STRANGER_TOKEN), access: 'write', repos: ['someone/else'] },
        ]),
      },
    });
    const issue = await h.github.openIssue(REPO, {
      title: 'Add a subtract helper',
      body: 'We need `sub(a, b)` next to `sum`.',
      user: MAINTAINER,
    });
    const started = await fetch(`${h.app.web?.url}/api/v1/runs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${WRITE_TOKEN}` },
      body: JSON.stringify({ repo: REPO, issue: issue.number }),
    });
    expect(started.status).toBe(201);
    const done = await h.waitForRun(issue.number, ['succeeded', 'failed'], 60_000);
    expect(done.status, done.error ?? '').toBe('succeeded');
    runId = done.id;
  }, 90_000);
  afterAll(() => h.close());

  const getDiff = async (id: string, token: string | undefined) => {
    const response = await fetch(`${h.app.web?.url}/api/v1/runs/${id}/diff`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    return {
      status: response.status,
      type: response.headers.get('content-type') ?? '',
      body: (await response.json()) as Record<string, unknown>,
    };
  };

  it('is the change the development agent pushed, read from GitHub, for a read-only token', async () => {
    const answer = await getDiff(runId, READ_TOKEN);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    const [pull] = h.github.pullRequests(REPO);
    expect(answer.body).toMatchObject({ pullRequest: pull?.number, truncated: false });
    const diff = String(answer.body.diff);
    expect(diff).toContain('diff --git a/src/sub.js b/src/sub.js');
    expect(diff).toContain('+export const sub = (a, b) => a - b;');
    expect(answer.body.bytes).toBe(Buffer.byteLength(diff));
    h.anthropic.assertScriptDone();
  });

  it('is 401 without a token and 404 for a token scoped to another repository', async () => {
    const anonymous = await getDiff(runId, undefined);
    expect(anonymous.status).toBe(401);
    expect(anonymous.type).toBe('application/problem+json');
    const stranger = await getDiff(runId, STRANGER_TOKEN);
    expect(stranger).toMatchObject({
      status: 404,
      type: 'application/problem+json',
      body: { detail: 'No run with this id is visible to this token.' },
    });
  });

  it('is 404 saying so for a run with no pull request yet, and 400 for an id that is not one', async () => {
    const waiting = await createRun(h.db, {
      repoFullName: REPO,
      installationId: h.installationId,
      issueNumber: 4242,
      trigger: 'api',
      sender: MAINTAINER,
      status: 'waiting_approval',
    });
    if (!waiting.created) throw new Error('the waiting run was not created');
    const noPull = await getDiff(waiting.run.id, READ_TOKEN);
    expect(noPull).toMatchObject({
      status: 404,
      type: 'application/problem+json',
      body: { detail: `Run ${waiting.run.id} has no pull request yet.` },
    });
    const badId = await getDiff('not-a-run', READ_TOKEN);
    expect(badId.status).toBe(400);
    expect(String(badId.body.detail)).toContain('id');
  });
});
