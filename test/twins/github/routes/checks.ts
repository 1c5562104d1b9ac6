import { z } from 'zod';
import { createCheckRun, getCheckRun, updateCheckRun } from '../domain/checks.js';
import { resolveCommit } from '../../git/bare-repo.js';
import { serializeAnnotation, serializeCheckRun } from '../serializers/checks.js';
import { intParam, pageOf, parseBody, repoOf, type RouteTable } from './types.js';

const annotationSchema = z.object({
  path: z.string(),
  start_line: z.number(),
  end_line: z.number(),
  start_column: z.number().optional(),
  end_column: z.number().optional(),
  annotation_level: z.enum(['notice', 'warning', 'failure']),
  message: z.string(),
  title: z.string().optional(),
  raw_details: z.string().optional(),
});
const changeSchema = z.object({
  name: z.string().optional(),
  head_sha: z.string().optional(),
  status: z.enum(['queued', 'in_progress', 'completed', 'waiting', 'requested', 'pending']).optional(),
  conclusion: z.string().optional(),
  started_at: z.string().optional(),
  completed_at: z.string().optional(),
  details_url: z.string().optional(),
  external_id: z.string().optional(),
  output: z
    .object({
      title: z.string().optional(),
      summary: z.string().optional(),
      text: z.string().optional(),
      annotations: z.array(annotationSchema).optional(),
    })
    .optional(),
});
const createSchema = changeSchema.extend({ name: z.string(), head_sha: z.string() });

function rawBody(body: unknown): Record<string, unknown> {
  return typeof body === 'object' && body !== null ? { ...body } : {};
}

export const checkRoutes: RouteTable = {
  'checks/create': {
    auth: 'installation',
    handle(ctx, req) {
      const repo = repoOf(ctx, req);
      const run = createCheckRun(ctx, repo, parseBody(createSchema, req.body), rawBody(req.body));
      return { status: 201, body: serializeCheckRun(ctx, repo, run) };
    },
  },
  'checks/update': {
    auth: 'installation',
    handle(ctx, req) {
      const repo = repoOf(ctx, req);
      const run = getCheckRun(repo, intParam(req, 'check_run_id'));
      updateCheckRun(run, parseBody(changeSchema, req.body), rawBody(req.body));
      return { status: 200, body: serializeCheckRun(ctx, repo, run) };
    },
  },
  'checks/get': {
    auth: 'installation',
    handle(ctx, req) {
      const repo = repoOf(ctx, req);
      return {
        status: 200,
        body: serializeCheckRun(ctx, repo, getCheckRun(repo, intParam(req, 'check_run_id'))),
      };
    },
  },
  'checks/list-annotations': {
    auth: 'installation',
    handle(ctx, req) {
      const repo = repoOf(ctx, req);
      const run = getCheckRun(repo, intParam(req, 'check_run_id'));
      const page = pageOf(ctx, req, run.annotations);
      return {
        status: 200,
        body: page.items.map((a) => serializeAnnotation(ctx, repo, a)),
        headers: page.headers,
      };
    },
  },
  'checks/list-for-ref': {
    auth: 'installation',
    async handle(ctx, req) {
      const repo = repoOf(ctx, req);
      const ref = req.params['ref'] ?? '';
      const sha = (await resolveCommit(repo.gitDir, ref)) ?? ref;
      const name = req.query.get('check_name');
      const runs = [...repo.checkRuns.values()].filter(
        (r) => r.headSha === sha && (!name || r.name === name),
      );
      const page = pageOf(ctx, req, runs);
      const checkRuns = page.items.map((r) => serializeCheckRun(ctx, repo, r));
      return {
        status: 200,
        body: { total_count: runs.length, check_runs: checkRuns },
        headers: page.headers,
      };
    },
  },
};
