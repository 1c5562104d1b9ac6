import { progressOf } from '../domain/workflows.js';
import { listRefs } from '../../git/bare-repo.js';
import type { TwinCore } from '../core.js';
import type { AnnotationRecord, CheckRunOutput, DeploymentStatusRecord, ReactionContent } from '../state.js';

export interface CommentView {
  id: number;
  body: string;
  user: string;
  /** Every body the comment has had, oldest first. */
  history: string[];
  createdAt: string;
  updatedAt: string;
}

export function comments(core: TwinCore, fullName: string, number: number): CommentView[] {
  const repo = core.ctx.state.repo(fullName);
  return [...repo.comments.values()]
    .filter((c) => c.issueNumber === number)
    .map((c) => ({
      id: c.id,
      body: c.bodies.at(-1) ?? '',
      user: c.user.login,
      history: [...c.bodies],
      createdAt: c.createdAt,
      updatedAt: c.updatedAt,
    }));
}

export interface ReactionView {
  content: ReactionContent;
  user: string;
}

/** Reactions on an issue (`{ issue }`), an issue comment (`{ commentId }`) or a review comment. */
export function reactions(
  core: TwinCore,
  fullName: string,
  target: { issue: number } | { commentId: number } | { reviewCommentId: number },
): ReactionView[] {
  const repo = core.ctx.state.repo(fullName);
  const holder =
    'issue' in target
      ? repo.issues.get(target.issue)
      : 'commentId' in target
        ? repo.comments.get(target.commentId)
        : repo.reviewComments.get(target.reviewCommentId);
  return (holder?.reactions ?? []).map((r) => ({ content: r.content, user: r.user.login }));
}

export interface IssueView {
  number: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  labels: string[];
  user: string;
  isPullRequest: boolean;
}

export function issues(core: TwinCore, fullName: string): IssueView[] {
  return [...core.ctx.state.repo(fullName).issues.values()].map((i) => ({
    number: i.number,
    title: i.title,
    body: i.body,
    state: i.state,
    labels: [...i.labels],
    user: i.user.login,
    isPullRequest: i.isPullRequest,
  }));
}

export interface PullRequestView extends IssueView {
  draft: boolean;
  merged: boolean;
  mergeCommitSha: string | null;
  head: { ref: string; sha: string };
  base: { ref: string; sha: string };
  nodeId: string;
}

export function pullRequests(core: TwinCore, fullName: string): PullRequestView[] {
  const repo = core.ctx.state.repo(fullName);
  const byNumber = new Map(issues(core, fullName).map((i) => [i.number, i]));
  const nodeIds = new Map(
    [...core.ctx.state.pullNodeIds].map(([id, loc]) => [`${loc.fullName}#${loc.number}`, id]),
  );
  return [...repo.pulls.values()].flatMap((p) => {
    const issue = byNumber.get(p.number);
    if (!issue) return [];
    return [
      {
        ...issue,
        draft: p.draft,
        merged: p.merged,
        mergeCommitSha: p.mergeCommitSha,
        head: { ...p.head },
        base: { ...p.base },
        nodeId: nodeIds.get(`${repo.fullName}#${p.number}`) ?? '',
      },
    ];
  });
}

export interface ReviewView {
  id: number;
  user: string;
  state: string;
  body: string;
}

export function reviews(core: TwinCore, fullName: string, prNumber: number): ReviewView[] {
  return [...core.ctx.state.repo(fullName).reviews.values()]
    .filter((r) => r.pullNumber === prNumber)
    .map((r) => ({ id: r.id, user: r.user.login, state: r.state, body: r.body }));
}

export interface ReviewCommentView {
  id: number;
  user: string;
  path: string;
  line: number | null;
  body: string;
  inReplyToId: number | null;
}

export function reviewComments(core: TwinCore, fullName: string, prNumber: number): ReviewCommentView[] {
  return [...core.ctx.state.repo(fullName).reviewComments.values()]
    .filter((c) => c.pullNumber === prNumber)
    .map((c) => ({
      id: c.id,
      user: c.user.login,
      path: c.path,
      line: c.line,
      body: c.bodies.at(-1) ?? '',
      inReplyToId: c.inReplyToId,
    }));
}

export interface CheckRunView {
  id: number;
  name: string;
  headSha: string;
  status: string;
  conclusion: string | null;
  /** The check's "Details" link, when the app set one. */
  detailsUrl: string | null;
  output: CheckRunOutput;
  annotations: AnnotationRecord[];
  /** The create body and every update body, in order. */
  updates: Record<string, unknown>[];
}

export function checkRuns(
  core: TwinCore,
  fullName: string,
  filter: { headSha?: string } = {},
): CheckRunView[] {
  return [...core.ctx.state.repo(fullName).checkRuns.values()]
    .filter((r) => !filter.headSha || r.headSha === filter.headSha)
    .map((r) => ({
      id: r.id,
      name: r.name,
      headSha: r.headSha,
      status: r.status,
      conclusion: r.conclusion,
      detailsUrl: r.detailsUrl,
      output: { ...r.output },
      annotations: [...r.annotations],
      updates: [...r.updates],
    }));
}

export interface DeploymentView {
  id: number;
  ref: string;
  sha: string;
  environment: string;
  task: string;
  creator: string;
  statuses: Pick<DeploymentStatusRecord, 'state' | 'description' | 'environmentUrl' | 'logUrl'>[];
}

export function deployments(core: TwinCore, fullName: string): DeploymentView[] {
  return [...core.ctx.state.repo(fullName).deployments.values()].map((d) => ({
    id: d.id,
    ref: d.ref,
    sha: d.sha,
    environment: d.environment,
    task: d.task,
    creator: d.creator.login,
    statuses: d.statuses.map((s) => ({
      state: s.state,
      description: s.description,
      environmentUrl: s.environmentUrl,
      logUrl: s.logUrl,
    })),
  }));
}

export function workflowDispatches(core: TwinCore, fullName: string) {
  return [...core.ctx.state.repo(fullName).workflowDispatches];
}

/** The workflow runs dispatched, oldest first, with where each stands now. */
export function workflowRuns(core: TwinCore, fullName: string) {
  return [...core.ctx.state.repo(fullName).workflowRuns.values()].map((run) => {
    const { status, conclusion } = progressOf(run);
    return {
      id: run.id,
      path: run.path,
      headBranch: run.headBranch,
      headSha: run.headSha,
      actor: run.actor.login,
      inputs: run.inputs,
      status,
      conclusion,
    };
  });
}

/** Branch name → commit sha, read from the real bare repository. */
export async function branches(core: TwinCore, fullName: string): Promise<Record<string, string>> {
  const refs = await listRefs(core.ctx.state.repo(fullName).gitDir);
  const result: Record<string, string> = {};
  for (const [ref, sha] of refs) if (ref.startsWith('refs/heads/')) result[ref.slice(11)] = sha;
  return result;
}
