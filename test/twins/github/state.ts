/** In-memory records the GitHub twin holds. Serializers turn them into GitHub's JSON shapes. */

export type UserType = 'User' | 'Bot' | 'Organization';
export type Permission = 'admin' | 'maintain' | 'write' | 'triage' | 'read' | 'none';
export type ReactionContent = '+1' | '-1' | 'laugh' | 'confused' | 'heart' | 'hooray' | 'rocket' | 'eyes';

export interface UserRecord {
  id: number;
  login: string;
  type: UserType;
}

export interface InstallationRecord {
  id: number;
  account: UserRecord;
  createdAt: string;
}

export interface LabelRecord {
  id: number;
  name: string;
  color: string;
  description: string | null;
}

export interface ReactionRecord {
  id: number;
  content: ReactionContent;
  user: UserRecord;
  createdAt: string;
}

export interface CommentRecord {
  id: number;
  issueNumber: number;
  user: UserRecord;
  /** Every body the comment has had, oldest first; the last one is current. */
  bodies: string[];
  createdAt: string;
  updatedAt: string;
  reactions: ReactionRecord[];
}

export interface IssueRecord {
  id: number;
  number: number;
  title: string;
  body: string | null;
  user: UserRecord;
  labels: string[];
  state: 'open' | 'closed';
  stateReason: 'completed' | 'not_planned' | 'reopened' | null;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  reactions: ReactionRecord[];
  /** Set when this issue number belongs to a pull request. */
  isPullRequest: boolean;
}

export interface PullRecord {
  id: number;
  number: number;
  head: { ref: string; sha: string };
  base: { ref: string; sha: string };
  draft: boolean;
  merged: boolean;
  mergedAt: string | null;
  mergedBy: UserRecord | null;
  mergeCommitSha: string | null;
  maintainerCanModify: boolean;
}

export interface ReviewRecord {
  id: number;
  pullNumber: number;
  user: UserRecord;
  state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'PENDING' | 'DISMISSED';
  body: string;
  commitId: string;
  submittedAt: string;
}

export interface ReviewCommentRecord {
  id: number;
  pullNumber: number;
  reviewId: number | null;
  inReplyToId: number | null;
  user: UserRecord;
  path: string;
  line: number | null;
  side: 'LEFT' | 'RIGHT';
  commitId: string;
  bodies: string[];
  createdAt: string;
  updatedAt: string;
  reactions: ReactionRecord[];
}

export interface AnnotationRecord {
  path: string;
  start_line: number;
  end_line: number;
  start_column?: number;
  end_column?: number;
  annotation_level: 'notice' | 'warning' | 'failure';
  message: string;
  title?: string;
  raw_details?: string;
}

export interface CheckRunOutput {
  title: string | null;
  summary: string | null;
  text: string | null;
}

export interface CheckRunRecord {
  id: number;
  checkSuiteId: number;
  name: string;
  headSha: string;
  status: 'queued' | 'in_progress' | 'completed' | 'waiting' | 'requested' | 'pending';
  conclusion: string | null;
  startedAt: string | null;
  completedAt: string | null;
  detailsUrl: string | null;
  externalId: string | null;
  output: CheckRunOutput;
  annotations: AnnotationRecord[];
  /** The request body of the create call and of every update, in order. */
  updates: Record<string, unknown>[];
}

export interface DeploymentStatusRecord {
  id: number;
  state: 'error' | 'failure' | 'inactive' | 'pending' | 'success' | 'queued' | 'in_progress';
  description: string;
  environmentUrl: string;
  logUrl: string;
  targetUrl: string;
  creator: UserRecord;
  createdAt: string;
}

export interface DeploymentRecord {
  id: number;
  ref: string;
  sha: string;
  task: string;
  environment: string;
  description: string | null;
  payload: Record<string, unknown> | string;
  creator: UserRecord;
  createdAt: string;
  productionEnvironment: boolean;
  transientEnvironment: boolean;
  statuses: DeploymentStatusRecord[];
}

export interface WorkflowDispatchRecord {
  workflowId: string;
  ref: string;
  inputs: Record<string, unknown>;
  at: string;
  /** The run the dispatch started. */
  runId: number;
}

/** How a dispatched workflow run goes, as a test scripts it: its conclusion, the step that fails, how long. */
export interface WorkflowRunScript {
  conclusion: 'success' | 'failure' | 'cancelled' | 'timed_out';
  /** The step that ends `failure` (the steps after it are skipped); one is added when the workflow has none. */
  failedStep?: string;
  /** Milliseconds queued, then in progress, before the run completes. */
  queuedMs?: number;
  runningMs?: number;
}

/** A step of a workflow file's job, by the name the run shows for it. */
export interface WorkflowJobPlan {
  name: string;
  steps: string[];
}

export interface WorkflowRunRecord {
  id: number;
  runNumber: number;
  workflowId: number;
  /** `.github/workflows/<file>`. */
  path: string;
  /** The workflow's `name:`, or its path. */
  name: string;
  headBranch: string;
  headSha: string;
  headCommit: { treeSha: string; message: string; timestamp: string; author: string; email: string };
  actor: UserRecord;
  inputs: Record<string, unknown>;
  createdAt: string;
  /** When it was created, in ms: its status follows from the time since (see domain/workflows.ts). */
  createdMs: number;
  script: Required<Omit<WorkflowRunScript, 'failedStep'>> & { failedStep: string | undefined };
  job: WorkflowJobPlan & { id: number };
  cancelledMs: number | null;
}

export interface RepoRecord {
  id: number;
  owner: UserRecord;
  name: string;
  fullName: string;
  private: boolean;
  defaultBranch: string;
  installationId: number;
  gitDir: string;
  createdAt: string;
  pushedAt: string;
  permissions: Map<string, Permission>;
  labels: Map<string, LabelRecord>;
  issues: Map<number, IssueRecord>;
  pulls: Map<number, PullRecord>;
  comments: Map<number, CommentRecord>;
  reviews: Map<number, ReviewRecord>;
  reviewComments: Map<number, ReviewCommentRecord>;
  checkRuns: Map<number, CheckRunRecord>;
  deployments: Map<number, DeploymentRecord>;
  workflowDispatches: WorkflowDispatchRecord[];
  /** Workflow file path → the id GitHub gave it (on first use). */
  workflowIds: Map<string, number>;
  workflowRuns: Map<number, WorkflowRunRecord>;
  /** Workflow file name → how its next dispatched runs go (oldest first); unscripted runs succeed. */
  workflowScripts: Map<string, WorkflowRunScript[]>;
  nextNumber: number;
}

/** Monotonic ids per kind, so ids of different kinds never collide in tests that print them. */
export class IdSequence {
  private readonly counters = new Map<string, number>();
  next(kind: string, base = 1000): number {
    const value = (this.counters.get(kind) ?? base) + 1;
    this.counters.set(kind, value);
    return value;
  }
}

export class TwinState {
  readonly ids = new IdSequence();
  readonly users = new Map<string, UserRecord>();
  readonly installations = new Map<number, InstallationRecord>();
  readonly repos = new Map<string, RepoRecord>();
  /** GraphQL node id → pull request location. */
  readonly pullNodeIds = new Map<string, { fullName: string; number: number }>();

  user(login: string, type: UserType = 'User'): UserRecord {
    const existing = this.users.get(login.toLowerCase());
    if (existing) return existing;
    const user: UserRecord = { id: this.ids.next('user', 5000), login, type };
    this.users.set(login.toLowerCase(), user);
    return user;
  }

  repo(fullName: string): RepoRecord {
    const repo = this.repos.get(fullName.toLowerCase());
    if (!repo)
      throw new Error(`GitHub twin: no repository ${fullName}; create it with twin.createRepo() first`);
    return repo;
  }

  findRepo(owner: string, name: string): RepoRecord | undefined {
    return this.repos.get(`${owner}/${name}`.toLowerCase());
  }
}

export function now(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}
