import type { TwinContext } from '../context.js';
import {
  now,
  type PullRecord,
  type RepoRecord,
  type ReviewCommentRecord,
  type ReviewRecord,
  type UserRecord,
} from '../state.js';
import { reviewCommentHook, reviewHook } from '../webhooks/payloads.js';
import type { Emit } from '../webhooks/types.js';
import { notFound } from './errors.js';

export function submitReview(
  ctx: TwinContext,
  repo: RepoRecord,
  pull: PullRecord,
  input: { user: UserRecord; state: ReviewRecord['state']; body: string; commitId?: string },
  emit: Emit,
): ReviewRecord {
  const review: ReviewRecord = {
    id: ctx.state.ids.next('review', 600_000),
    pullNumber: pull.number,
    user: input.user,
    state: input.state,
    body: input.body,
    commitId: input.commitId ?? pull.head.sha,
    submittedAt: now(),
  };
  repo.reviews.set(review.id, review);
  if (review.state !== 'PENDING') emit(reviewHook(ctx, repo, pull, review, input.user));
  return review;
}

export interface ReviewCommentInput {
  user: UserRecord;
  path: string;
  line: number | null;
  side?: 'LEFT' | 'RIGHT';
  body: string;
  commitId?: string;
  inReplyTo?: ReviewCommentRecord;
  reviewId?: number | null;
}

export function createReviewComment(
  ctx: TwinContext,
  repo: RepoRecord,
  pull: PullRecord,
  input: ReviewCommentInput,
  emit: Emit,
): ReviewCommentRecord {
  const at = now();
  const parent = input.inReplyTo;
  const comment: ReviewCommentRecord = {
    id: ctx.state.ids.next('review-comment', 700_000),
    pullNumber: pull.number,
    reviewId: input.reviewId ?? null,
    inReplyToId: parent ? parent.id : null,
    user: input.user,
    path: parent ? parent.path : input.path,
    line: parent ? parent.line : input.line,
    side: parent ? parent.side : (input.side ?? 'RIGHT'),
    commitId: input.commitId ?? pull.head.sha,
    bodies: [input.body],
    createdAt: at,
    updatedAt: at,
    reactions: [],
  };
  repo.reviewComments.set(comment.id, comment);
  emit(reviewCommentHook(ctx, repo, pull, comment, input.user));
  return comment;
}

export function getReviewComment(repo: RepoRecord, id: number, pullNumber?: number): ReviewCommentRecord {
  const comment = repo.reviewComments.get(id);
  if (!comment || (pullNumber !== undefined && comment.pullNumber !== pullNumber)) throw notFound();
  return comment;
}
