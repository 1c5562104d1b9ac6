import type { TwinContext } from '../context.js';
import {
  now,
  type CommentRecord,
  type IssueRecord,
  type ReactionContent,
  type ReactionRecord,
  type RepoRecord,
  type UserRecord,
} from '../state.js';
import { issueCommentHook, issuesHook } from '../webhooks/payloads.js';
import type { Emit } from '../webhooks/types.js';
import { notFound, TwinHttpError } from './errors.js';

export function getIssue(repo: RepoRecord, number: number): IssueRecord {
  const issue = repo.issues.get(number);
  if (!issue) throw notFound();
  return issue;
}

export function getComment(repo: RepoRecord, id: number): CommentRecord {
  const comment = repo.comments.get(id);
  if (!comment) throw notFound();
  return comment;
}

export interface OpenIssueInput {
  title: string;
  body: string | null;
  user: UserRecord;
  labels?: string[];
  isPullRequest?: boolean;
}

export function openIssue(
  ctx: TwinContext,
  repo: RepoRecord,
  input: OpenIssueInput,
  emit: Emit,
): IssueRecord {
  const at = now();
  const labels = (input.labels ?? []).map((name) => ensureLabel(ctx, repo, name).name);
  const issue: IssueRecord = {
    id: ctx.state.ids.next('issue', 100_000),
    number: repo.nextNumber++,
    title: input.title,
    body: input.body,
    user: input.user,
    labels,
    state: 'open',
    stateReason: null,
    createdAt: at,
    updatedAt: at,
    closedAt: null,
    reactions: [],
    isPullRequest: input.isPullRequest ?? false,
  };
  repo.issues.set(issue.number, issue);
  if (!issue.isPullRequest) emit(issuesHook(ctx, repo, issue, 'opened', input.user));
  return issue;
}

export function ensureLabel(ctx: TwinContext, repo: RepoRecord, name: string, color = 'ededed') {
  const key = name.toLowerCase();
  const existing = repo.labels.get(key);
  if (existing) return existing;
  const label = { id: ctx.state.ids.next('label', 200_000), name, color, description: null };
  repo.labels.set(key, label);
  return label;
}

export function addLabels(
  ctx: TwinContext,
  repo: RepoRecord,
  issue: IssueRecord,
  names: string[],
  by: UserRecord,
  emit: Emit,
): void {
  for (const name of names) {
    const label = ensureLabel(ctx, repo, name);
    if (issue.labels.some((l) => l.toLowerCase() === label.name.toLowerCase())) continue;
    issue.labels.push(label.name);
    issue.updatedAt = now();
    if (!issue.isPullRequest) emit(issuesHook(ctx, repo, issue, 'labeled', by, label));
  }
}

export function removeLabel(
  ctx: TwinContext,
  repo: RepoRecord,
  issue: IssueRecord,
  name: string,
  by: UserRecord,
  emit: Emit,
): void {
  const index = issue.labels.findIndex((l) => l.toLowerCase() === name.toLowerCase());
  const label = repo.labels.get(name.toLowerCase());
  if (index < 0 || !label) throw new TwinHttpError(404, 'Label does not exist');
  issue.labels.splice(index, 1);
  issue.updatedAt = now();
  if (!issue.isPullRequest) emit(issuesHook(ctx, repo, issue, 'unlabeled', by, label));
}

export function createComment(
  ctx: TwinContext,
  repo: RepoRecord,
  issue: IssueRecord,
  body: string,
  user: UserRecord,
  emit: Emit,
): CommentRecord {
  const at = now();
  const comment: CommentRecord = {
    id: ctx.state.ids.next('comment', 300_000),
    issueNumber: issue.number,
    user,
    bodies: [body],
    createdAt: at,
    updatedAt: at,
    reactions: [],
  };
  repo.comments.set(comment.id, comment);
  issue.updatedAt = at;
  emit(issueCommentHook(ctx, repo, issue, comment, 'created', user));
  return comment;
}

export function updateComment(
  ctx: TwinContext,
  repo: RepoRecord,
  comment: CommentRecord,
  body: string,
  by: UserRecord,
  emit: Emit,
): CommentRecord {
  comment.bodies.push(body);
  comment.updatedAt = now();
  emit(issueCommentHook(ctx, repo, getIssue(repo, comment.issueNumber), comment, 'edited', by));
  return comment;
}

/** Adds a reaction; returns it and whether it already existed (GitHub answers 200 instead of 201 then). */
export function addReaction(
  ctx: TwinContext,
  target: { reactions: ReactionRecord[] },
  content: ReactionContent,
  user: UserRecord,
): { reaction: ReactionRecord; existed: boolean } {
  const existing = target.reactions.find((r) => r.content === content && r.user.id === user.id);
  if (existing) return { reaction: existing, existed: true };
  const reaction = { id: ctx.state.ids.next('reaction', 400_000), content, user, createdAt: now() };
  target.reactions.push(reaction);
  return { reaction, existed: false };
}
