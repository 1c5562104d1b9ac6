import { z } from '@hono/zod-openapi';
import { ApiProblem } from './problem.js';
import { ProblemSchema } from './schemas.js';

/** The `{id}` of a run's routes. */
export const RunIdParam = z.object({
  id: z
    .uuid()
    .openapi({ param: { name: 'id', in: 'path' }, example: '0192f1d6-3b9e-7c4a-9a51-6a0e8c9e1f20' }),
});

/** A run that does not exist and one the caller may not see are the same answer. */
export const NOT_VISIBLE = new ApiProblem(404, 'No run with this id is visible to this token.');

/** The OpenAPI description of problem answers with these statuses. */
export const problemResponses = (...statuses: number[]) =>
  Object.fromEntries(
    statuses.map((status) => [
      status,
      { description: 'Problem details', content: { 'application/problem+json': { schema: ProblemSchema } } },
    ]),
  );
