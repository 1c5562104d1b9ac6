import { createRoute, z } from '@hono/zod-openapi';
import type { ApiV1App, ApiV1Deps } from '../api-v1-app.js';
import { ApiProblem } from '../problem.js';
import { problemResponses } from '../route-parts.js';
import { CodeSearchSchema } from '../schemas.js';

/** The most files one search returns. */
export const MAX_SEARCH_HITS = 20;

/** A GitHub owner or repository name (never `.` or `..`, which a URL would resolve away). */
const NAME = /^(?!\.{1,2}$)[A-Za-z0-9._-]+$/;

const searchCodeRoute = createRoute({
  method: 'get',
  path: '/repos/{owner}/{repo}/search',
  summary: "Search a repository's code index",
  description:
    'Hybrid (vector and lexical) search over the code index of the repository at its indexed commit: the files ' +
    'most relevant to the query, best first, each with the line range and text of its best-matching chunk.',
  security: [{ bearer: [] }],
  request: {
    params: z.object({
      owner: z
        .string()
        .regex(NAME, 'must be a GitHub owner name')
        .openapi({ param: { name: 'owner', in: 'path' }, example: 'octo-org' }),
      repo: z
        .string()
        .regex(NAME, 'must be a GitHub repository name')
        .openapi({ param: { name: 'repo', in: 'path' }, example: 'widgets' }),
    }),
    query: z.object({
      q: z
        .string()
        .trim()
        .min(1, 'must not be empty')
        .max(8000)
        .openapi({ description: 'What to look for: issue text, identifiers, file names or a stack trace' }),
      k: z.coerce
        .number()
        .int()
        .min(1)
        .max(MAX_SEARCH_HITS)
        .default(8)
        .openapi({ description: `How many files to return (1-${MAX_SEARCH_HITS})` }),
    }),
  },
  responses: {
    200: { description: 'The files found', content: { 'application/json': { schema: CodeSearchSchema } } },
    ...problemResponses(400, 401, 403, 404, 429, 503),
  },
});

/** Code search for callers outside the runs (MCP clients): the same index the agents search. */
export function registerSearchCode(api: ApiV1App, { searchCode, logger }: ApiV1Deps): void {
  api.openapi(searchCodeRoute, async (c) => {
    const { owner, repo } = c.req.valid('param');
    const { q, k } = c.req.valid('query');
    const repoFullName = `${owner}/${repo}`;
    if (!c.get('principal').reaches(repoFullName)) {
      throw new ApiProblem(403, `This token does not reach ${repoFullName}.`);
    }
    if (!searchCode) throw new ApiProblem(503, 'The code index is off (PIPELINE_CODE_INDEX=off).');
    if ('unavailable' in searchCode) throw new ApiProblem(503, searchCode.unavailable);
    const found = await searchCode(repoFullName, q, k).catch((err: unknown) => {
      logger.error({ err, repo: repoFullName }, 'code search failed');
      throw new ApiProblem(503, 'The code index could not be searched now; the error is in the server log.');
    });
    if (found.commit === undefined) {
      throw new ApiProblem(
        404,
        `${repoFullName} has no code index yet: it is indexed when the app is installed on it and when its default branch is pushed.`,
      );
    }
    return c.json({ repo: repoFullName, commit: found.commit, hits: found.hits }, 200);
  });
}
