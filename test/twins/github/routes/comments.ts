import { z } from 'zod';
import { addReaction, createComment, getComment, getIssue, updateComment } from '../domain/issues.js';
import { getReviewComment } from '../domain/reviews.js';
import { serializeComment, serializeReaction } from '../serializers/issues.js';
import type { ReactionContent, ReactionRecord } from '../state.js';
import {
  actor,
  intParam,
  pageOf,
  parseBody,
  repoOf,
  type RouteContext,
  type RouteResult,
  type RouteTable,
} from './types.js';

const bodySchema = z.object({ body: z.string() });
const reactionSchema = z.object({
  content: z.enum(['+1', '-1', 'laugh', 'confused', 'heart', 'hooray', 'rocket', 'eyes']),
});

function reactionResult(
  ctx: RouteContext,
  target: { reactions: ReactionRecord[] },
  content: ReactionContent,
): RouteResult {
  const { reaction, existed } = addReaction(ctx, target, content, actor(ctx));
  return { status: existed ? 200 : 201, body: serializeReaction(ctx, reaction) };
}

export const commentRoutes: RouteTable = {
  'issues/create-comment': {
    auth: 'installation',
    handle(ctx, req) {
      const repo = repoOf(ctx, req);
      const issue = getIssue(repo, intParam(req, 'issue_number'));
      const { body } = parseBody(bodySchema, req.body);
      const comment = createComment(ctx, repo, issue, body, actor(ctx), ctx.emit);
      return {
        status: 201,
        body: serializeComment(ctx, repo, comment),
        headers: { location: String(serializeComment(ctx, repo, comment)['url']) },
      };
    },
  },
  'issues/update-comment': {
    auth: 'installation',
    handle(ctx, req) {
      const repo = repoOf(ctx, req);
      const comment = getComment(repo, intParam(req, 'comment_id'));
      const { body } = parseBody(bodySchema, req.body);
      updateComment(ctx, repo, comment, body, actor(ctx), ctx.emit);
      return { status: 200, body: serializeComment(ctx, repo, comment) };
    },
  },
  'issues/get-comment': {
    auth: 'installation',
    handle(ctx, req) {
      const repo = repoOf(ctx, req);
      return {
        status: 200,
        body: serializeComment(ctx, repo, getComment(repo, intParam(req, 'comment_id'))),
      };
    },
  },
  'issues/list-comments': {
    auth: 'installation',
    handle(ctx, req) {
      const repo = repoOf(ctx, req);
      const issue = getIssue(repo, intParam(req, 'issue_number'));
      const comments = [...repo.comments.values()].filter((c) => c.issueNumber === issue.number);
      const page = pageOf(ctx, req, comments);
      return {
        status: 200,
        body: page.items.map((c) => serializeComment(ctx, repo, c)),
        headers: page.headers,
      };
    },
  },
  'reactions/create-for-issue-comment': {
    auth: 'installation',
    handle(ctx, req) {
      const repo = repoOf(ctx, req);
      const comment = getComment(repo, intParam(req, 'comment_id'));
      return reactionResult(ctx, comment, parseBody(reactionSchema, req.body).content);
    },
  },
  'reactions/create-for-issue': {
    auth: 'installation',
    handle(ctx, req) {
      const repo = repoOf(ctx, req);
      const issue = getIssue(repo, intParam(req, 'issue_number'));
      return reactionResult(ctx, issue, parseBody(reactionSchema, req.body).content);
    },
  },
  'reactions/create-for-pull-request-review-comment': {
    auth: 'installation',
    handle(ctx, req) {
      const repo = repoOf(ctx, req);
      const comment = getReviewComment(repo, intParam(req, 'comment_id'));
      return reactionResult(ctx, comment, parseBody(reactionSchema, req.body).content);
    },
  },
};
