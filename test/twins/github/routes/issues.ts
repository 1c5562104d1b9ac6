import { z } from 'zod';
import { notFound } from '../domain/errors.js';
import { addLabels, getIssue, openIssue, removeLabel } from '../domain/issues.js';
import { serializeIssue, serializeLabel, serializeLabels } from '../serializers/issues.js';
import { now } from '../state.js';
import { issuesHook } from '../webhooks/payloads.js';
import { actor, intParam, pageOf, parseBody, repoOf, type RouteTable } from './types.js';

const createSchema = z.object({
  title: z.union([z.string(), z.number()]).transform(String),
  body: z.string().nullable().optional(),
  labels: z.array(z.union([z.string(), z.object({ name: z.string() })])).optional(),
});
const updateSchema = z.object({
  title: z.union([z.string(), z.number()]).transform(String).nullable().optional(),
  body: z.string().nullable().optional(),
  state: z.enum(['open', 'closed']).optional(),
  state_reason: z.enum(['completed', 'not_planned', 'duplicate', 'reopened']).nullable().optional(),
});
const labelsSchema = z.union([
  z.array(z.string()),
  z.object({ labels: z.array(z.union([z.string(), z.object({ name: z.string() })])) }),
]);

function labelNames(body: z.infer<typeof labelsSchema>): string[] {
  const list = Array.isArray(body) ? body : body.labels;
  return list.map((l) => (typeof l === 'string' ? l : l.name));
}

export const issueRoutes: RouteTable = {
  'issues/create': {
    auth: 'installation',
    handle(ctx, req) {
      const repo = repoOf(ctx, req);
      const body = parseBody(createSchema, req.body);
      const labels = (body.labels ?? []).map((l) => (typeof l === 'string' ? l : l.name));
      const issue = openIssue(
        ctx,
        repo,
        { title: body.title, body: body.body ?? null, user: actor(ctx), labels },
        ctx.emit,
      );
      return { status: 201, body: serializeIssue(ctx, repo, issue) };
    },
  },
  'issues/get': {
    auth: 'installation',
    handle(ctx, req) {
      const repo = repoOf(ctx, req);
      return { status: 200, body: serializeIssue(ctx, repo, getIssue(repo, intParam(req, 'issue_number'))) };
    },
  },
  'issues/update': {
    auth: 'installation',
    handle(ctx, req) {
      const repo = repoOf(ctx, req);
      const issue = getIssue(repo, intParam(req, 'issue_number'));
      const body = parseBody(updateSchema, req.body);
      if (body.title) issue.title = body.title;
      if (body.body !== undefined) issue.body = body.body;
      issue.updatedAt = now();
      if (body.state && body.state !== issue.state) {
        issue.state = body.state;
        issue.closedAt = body.state === 'closed' ? issue.updatedAt : null;
        issue.stateReason = body.state === 'closed' ? 'completed' : 'reopened';
        if (!issue.isPullRequest)
          ctx.emit(issuesHook(ctx, repo, issue, body.state === 'closed' ? 'closed' : 'reopened', actor(ctx)));
      }
      return { status: 200, body: serializeIssue(ctx, repo, issue) };
    },
  },
  'issues/list-for-repo': {
    auth: 'installation',
    handle(ctx, req) {
      const repo = repoOf(ctx, req);
      const state = req.query.get('state') ?? 'open';
      const issues = [...repo.issues.values()]
        .filter((i) => state === 'all' || i.state === state)
        .sort((a, b) => b.number - a.number);
      const page = pageOf(ctx, req, issues);
      return {
        status: 200,
        body: page.items.map((i) => serializeIssue(ctx, repo, i)),
        headers: page.headers,
      };
    },
  },
  'issues/add-labels': {
    auth: 'installation',
    handle(ctx, req) {
      const repo = repoOf(ctx, req);
      const issue = getIssue(repo, intParam(req, 'issue_number'));
      addLabels(ctx, repo, issue, labelNames(parseBody(labelsSchema, req.body)), actor(ctx), ctx.emit);
      return { status: 200, body: serializeLabels(ctx, repo, issue.labels) };
    },
  },
  'issues/remove-label': {
    auth: 'installation',
    handle(ctx, req) {
      const repo = repoOf(ctx, req);
      const issue = getIssue(repo, intParam(req, 'issue_number'));
      removeLabel(ctx, repo, issue, req.params['name'] ?? '', actor(ctx), ctx.emit);
      return { status: 200, body: serializeLabels(ctx, repo, issue.labels) };
    },
  },
  'issues/list-labels-on-issue': {
    auth: 'installation',
    handle(ctx, req) {
      const repo = repoOf(ctx, req);
      const issue = getIssue(repo, intParam(req, 'issue_number'));
      return { status: 200, body: serializeLabels(ctx, repo, issue.labels) };
    },
  },
  'issues/get-label': {
    auth: 'installation',
    handle(ctx, req) {
      const repo = repoOf(ctx, req);
      const label = repo.labels.get((req.params['name'] ?? '').toLowerCase());
      if (!label) throw notFound();
      return { status: 200, body: serializeLabel(ctx, repo, label) };
    },
  },
};
