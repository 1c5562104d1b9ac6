import { createRoute } from '@hono/zod-openapi';
import { getRun } from '../../../storage/index.js';
import type { ApiV1App, ApiV1Deps } from '../api-v1-app.js';
import { ApiProblem } from '../problem.js';
import { NOT_VISIBLE, problemResponses, RunIdParam } from '../route-parts.js';
import { RunDiffSchema } from '../schemas.js';

const getRunDiffRoute = createRoute({
  method: 'get',
  path: '/runs/{id}/diff',
  summary: "The run's pull request as a unified diff (at most 1 MB; `truncated` says when it was cut)",
  security: [{ bearer: [] }],
  request: { params: RunIdParam },
  responses: {
    200: { description: 'The diff', content: { 'application/json': { schema: RunDiffSchema } } },
    ...problemResponses(400, 401, 403, 404, 429, 502, 503),
  },
});

/** A run's diff: read from GitHub on each request, so it is the pull request as it stands. */
export function registerRunDiff(api: ApiV1App, { db, diffOf, logger }: ApiV1Deps): void {
  api.openapi(getRunDiffRoute, async (c) => {
    const { id } = c.req.valid('param');
    const run = await getRun(db, id);
    if (!run || !c.get('principal').reaches(run.repoFullName)) throw NOT_VISIBLE;
    const { prNumber } = run;
    if (prNumber === null) throw new ApiProblem(404, `Run ${run.id} has no pull request yet.`);
    if (!diffOf) throw new ApiProblem(503, 'This app does not read diffs from GitHub.');
    const answer = await diffOf({ ...run, prNumber }).catch((err: unknown) => {
      logger.warn({ err, runId: run.id }, "could not read the run's diff");
      throw new ApiProblem(
        502,
        `GitHub did not give the diff of pull request #${prNumber}; try again later.`,
      );
    });
    if (!answer.found) throw new ApiProblem(404, answer.reason);
    const { diff, bytes, truncated } = answer;
    return c.json({ pullRequest: prNumber, diff, bytes, truncated }, 200);
  });
}
