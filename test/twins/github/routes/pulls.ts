import { z } from 'zod';
import { resolveCommit } from '../../git/bare-repo.js';
import { diffSinceMergeBase } from '../../git/diff.js';
import { TwinHttpError } from '../domain/errors.js';
import { createPull, getPull, mergePull, updatePull } from '../domain/pulls.js';
import { applyRefUpdates } from '../domain/push.js';
import { serializePull } from '../serializers/pulls.js';
import { actor, intParam, pageOf, parseBody, repoOf, type RouteTable } from './types.js';

const createSchema = z.object({
  title: z.string().optional(),
  body: z.string().nullable().optional(),
  head: z.string(),
  base: z.string(),
  draft: z.boolean().optional(),
  issue: z.number().optional(),
});
const updateSchema = z.object({
  title: z.string().optional(),
  body: z.string().nullable().optional(),
  state: z.enum(['open', 'closed']).optional(),
  base: z.string().optional(),
});
const mergeSchema = z.object({
  commit_title: z.string().optional(),
  commit_message: z.string().optional(),
  sha: z.string().optional(),
  merge_method: z.enum(['merge', 'squash', 'rebase']).optional(),
});

export const pullRoutes: RouteTable = {
  'pulls/create': {
    auth: 'installation',
    async handle(ctx, req) {
      const repo = repoOf(ctx, req);
      const body = parseBody(createSchema, req.body);
      const pull = await createPull(
        ctx,
        repo,
        {
          title: body.title ?? body.head,
          body: body.body ?? null,
          head: body.head,
          base: body.base,
          draft: body.draft ?? false,
          user: actor(ctx),
        },
        ctx.emit,
      );
      return { status: 201, body: serializePull(ctx, repo, pull) };
    },
  },
  'pulls/get': {
    auth: 'installation',
    async handle(ctx, req) {
      const repo = repoOf(ctx, req);
      const pull = getPull(repo, intParam(req, 'pull_number'));
      // `application/vnd.github.diff` (Octokit's `mediaType: { format: 'diff' }`): the PR as a unified diff.
      if (/\.(diff|v3\.diff)\b/.test(req.accept)) {
        const diff = await diffSinceMergeBase(repo.gitDir, pull.base.sha, pull.head.sha);
        return {
          status: 200,
          raw: { contentType: 'application/vnd.github.diff; charset=utf-8', data: diff },
        };
      }
      return { status: 200, body: serializePull(ctx, repo, pull) };
    },
  },
  'pulls/update': {
    auth: 'installation',
    handle(ctx, req) {
      const repo = repoOf(ctx, req);
      const pull = getPull(repo, intParam(req, 'pull_number'));
      updatePull(ctx, repo, pull, parseBody(updateSchema, req.body), actor(ctx), ctx.emit);
      return { status: 200, body: serializePull(ctx, repo, pull) };
    },
  },
  'pulls/list': {
    auth: 'installation',
    handle(ctx, req) {
      const repo = repoOf(ctx, req);
      const state = req.query.get('state') ?? 'open';
      const head = req.query.get('head');
      const base = req.query.get('base');
      const pulls = [...repo.pulls.values()]
        .filter((p) => state === 'all' || repo.issues.get(p.number)?.state === state)
        .filter((p) => !head || head === `${repo.owner.login}:${p.head.ref}` || head === p.head.ref)
        .filter((p) => !base || base === p.base.ref)
        .sort((a, b) => b.number - a.number);
      const page = pageOf(ctx, req, pulls);
      return { status: 200, body: page.items.map((p) => serializePull(ctx, repo, p)), headers: page.headers };
    },
  },
  'pulls/merge': {
    auth: 'installation',
    async handle(ctx, req) {
      const repo = repoOf(ctx, req);
      const pull = getPull(repo, intParam(req, 'pull_number'));
      const body = parseBody(mergeSchema, req.body);
      if (body.sha && body.sha !== pull.head.sha)
        throw new TwinHttpError(409, 'Head branch was modified. Review and try the merge again.');
      const ref = `refs/heads/${pull.base.ref}`;
      const before = await resolveCommit(repo.gitDir, ref);
      const sha = await mergePull(ctx, repo, pull, actor(ctx), ctx.emit, body.commit_title);
      await applyRefUpdates(ctx, repo, [{ ref, before, after: sha }], actor(ctx), ctx.emit);
      return { status: 200, body: { sha, merged: true, message: 'Pull Request successfully merged' } };
    },
  },
};
