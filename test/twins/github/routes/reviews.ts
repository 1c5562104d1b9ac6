import { z } from 'zod';
import { getPull } from '../domain/pulls.js';
import { createReviewComment, getReviewComment, submitReview } from '../domain/reviews.js';
import { serializeReview, serializeReviewComment } from '../serializers/reviews.js';
import { actor, intParam, pageOf, parseBody, repoOf, type RouteTable } from './types.js';

const reviewSchema = z.object({
  commit_id: z.string().optional(),
  body: z.string().optional(),
  event: z.enum(['APPROVE', 'REQUEST_CHANGES', 'COMMENT']).optional(),
  comments: z
    .array(
      z.object({
        path: z.string(),
        body: z.string(),
        line: z.number().optional(),
        position: z.number().optional(),
      }),
    )
    .optional(),
});
const commentSchema = z.object({
  body: z.string(),
  commit_id: z.string().optional(),
  path: z.string().optional(),
  line: z.number().optional(),
  position: z.number().optional(),
  side: z.enum(['LEFT', 'RIGHT']).optional(),
  in_reply_to: z.number().optional(),
});
const replySchema = z.object({ body: z.string() });

const STATES = { APPROVE: 'APPROVED', REQUEST_CHANGES: 'CHANGES_REQUESTED', COMMENT: 'COMMENTED' } as const;

export const reviewRoutes: RouteTable = {
  'pulls/create-review': {
    auth: 'installation',
    handle(ctx, req) {
      const repo = repoOf(ctx, req);
      const pull = getPull(repo, intParam(req, 'pull_number'));
      const body = parseBody(reviewSchema, req.body);
      const state = body.event ? STATES[body.event] : 'PENDING';
      const review = submitReview(
        ctx,
        repo,
        pull,
        { user: actor(ctx), state, body: body.body ?? '', commitId: body.commit_id },
        ctx.emit,
      );
      for (const c of body.comments ?? []) {
        const input = {
          user: actor(ctx),
          path: c.path,
          line: c.line ?? c.position ?? null,
          body: c.body,
          reviewId: review.id,
        };
        createReviewComment(ctx, repo, pull, input, ctx.emit);
      }
      return { status: 200, body: serializeReview(ctx, repo, review) };
    },
  },
  'pulls/list-reviews': {
    auth: 'installation',
    handle(ctx, req) {
      const repo = repoOf(ctx, req);
      const pull = getPull(repo, intParam(req, 'pull_number'));
      const reviews = [...repo.reviews.values()].filter((r) => r.pullNumber === pull.number);
      const page = pageOf(ctx, req, reviews);
      return {
        status: 200,
        body: page.items.map((r) => serializeReview(ctx, repo, r)),
        headers: page.headers,
      };
    },
  },
  'pulls/create-review-comment': {
    auth: 'installation',
    handle(ctx, req) {
      const repo = repoOf(ctx, req);
      const pull = getPull(repo, intParam(req, 'pull_number'));
      const body = parseBody(commentSchema, req.body);
      const parent =
        body.in_reply_to === undefined ? undefined : getReviewComment(repo, body.in_reply_to, pull.number);
      const comment = createReviewComment(
        ctx,
        repo,
        pull,
        {
          user: actor(ctx),
          path: body.path ?? parent?.path ?? '',
          line: body.line ?? body.position ?? null,
          side: body.side,
          body: body.body,
          commitId: body.commit_id,
          inReplyTo: parent,
        },
        ctx.emit,
      );
      return { status: 201, body: serializeReviewComment(ctx, repo, comment) };
    },
  },
  'pulls/create-reply-for-review-comment': {
    auth: 'installation',
    handle(ctx, req) {
      const repo = repoOf(ctx, req);
      const pull = getPull(repo, intParam(req, 'pull_number'));
      const parent = getReviewComment(repo, intParam(req, 'comment_id'), pull.number);
      const { body } = parseBody(replySchema, req.body);
      const input = { user: actor(ctx), path: parent.path, line: parent.line, body, inReplyTo: parent };
      const comment = createReviewComment(ctx, repo, pull, input, ctx.emit);
      return { status: 201, body: serializeReviewComment(ctx, repo, comment) };
    },
  },
  'pulls/list-review-comments': {
    auth: 'installation',
    handle(ctx, req) {
      const repo = repoOf(ctx, req);
      const pull = getPull(repo, intParam(req, 'pull_number'));
      const comments = [...repo.reviewComments.values()].filter((c) => c.pullNumber === pull.number);
      const page = pageOf(ctx, req, comments);
      return {
        status: 200,
        body: page.items.map((c) => serializeReviewComment(ctx, repo, c)),
        headers: page.headers,
      };
    },
  },
};
