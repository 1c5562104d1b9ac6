import { z } from 'zod';
import { cancelWorkflowRun, dispatchWorkflow, getWorkflowRun, readWorkflow } from '../domain/workflows.js';
import { serializeWorkflowJob, serializeWorkflowRun } from '../serializers/workflows.js';
import type { WorkflowRunRecord } from '../state.js';
import { actor, intParam, pageOf, parseBody, repoOf, type RouteRequest, type RouteTable } from './types.js';

const dispatchSchema = z.object({
  ref: z.string(),
  inputs: z.record(z.string(), z.unknown()).optional(),
  return_run_details: z.boolean().optional(),
});

/** GitHub Actions: dispatching a workflow, and its runs (which go queued → in progress → completed by themselves). */
export const actionsRoutes: RouteTable = {
  'actions/create-workflow-dispatch': {
    auth: 'installation',
    async handle(ctx, req) {
      const repo = repoOf(ctx, req);
      const body = parseBody(dispatchSchema, req.body);
      const run = await dispatchWorkflow(ctx, repo, {
        workflowId: req.params['workflow_id'] ?? '',
        ref: body.ref,
        inputs: body.inputs ?? {},
        actor: actor(ctx, req.caller),
      });
      if (!body.return_run_details) return { status: 204 };
      const { url, html_url } = serializeWorkflowRun(ctx, repo, run);
      return { status: 200, body: { workflow_run_id: run.id, run_url: url, html_url } };
    },
  },
  'actions/list-workflow-runs': {
    auth: 'installation',
    async handle(ctx, req) {
      const repo = repoOf(ctx, req);
      const workflow = await readWorkflow(repo, req.params['workflow_id'] ?? '', repo.defaultBranch);
      const runs = [...repo.workflowRuns.values()]
        .filter((r) => r.workflowId === workflow.id && matches(r, req))
        .sort((a, b) => b.id - a.id);
      const page = pageOf(ctx, req, runs);
      return {
        status: 200,
        body: {
          total_count: runs.length,
          workflow_runs: page.items.map((r) => serializeWorkflowRun(ctx, repo, r)),
        },
        headers: page.headers,
      };
    },
  },
  'actions/get-workflow-run': {
    auth: 'installation',
    handle(ctx, req) {
      const repo = repoOf(ctx, req);
      const run = getWorkflowRun(repo, intParam(req, 'run_id'));
      return { status: 200, body: serializeWorkflowRun(ctx, repo, run) };
    },
  },
  'actions/list-jobs-for-workflow-run': {
    auth: 'installation',
    handle(ctx, req) {
      const repo = repoOf(ctx, req);
      const run = getWorkflowRun(repo, intParam(req, 'run_id'));
      return { status: 200, body: { total_count: 1, jobs: [serializeWorkflowJob(ctx, repo, run)] } };
    },
  },
  'actions/cancel-workflow-run': {
    auth: 'installation',
    handle(ctx, req) {
      const repo = repoOf(ctx, req);
      cancelWorkflowRun(getWorkflowRun(repo, intParam(req, 'run_id')));
      return { status: 202, body: {} };
    },
  },
};

/** The list's filters the pipeline uses: event, branch, actor, head_sha. */
function matches(run: WorkflowRunRecord, req: RouteRequest): boolean {
  const q = req.query;
  if (q.has('event') && q.get('event') !== 'workflow_dispatch') return false;
  if (q.has('branch') && q.get('branch') !== run.headBranch) return false;
  if (q.has('actor') && q.get('actor')?.toLowerCase() !== run.actor.login.toLowerCase()) return false;
  return !q.has('head_sha') || q.get('head_sha') === run.headSha;
}
