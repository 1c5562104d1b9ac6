import { z } from '@hono/zod-openapi';
import {
  RunStatuses,
  RunTriggers,
  StepStatuses,
  type Run,
  type RunUsage,
  type Step,
  type StoredRunEvent,
} from '../../storage/index.js';

/** RFC 9457 problem details: every error of the API. */
export const ProblemSchema = z
  .object({
    type: z.string().openapi({ example: 'about:blank' }),
    title: z.string().openapi({ example: 'Not Found' }),
    status: z.number().int().openapi({ example: 404 }),
    detail: z.string().openapi({ example: 'No run with this id is visible to this token.' }),
  })
  .openapi('Problem');

/** The run list's filters: the list, and its live stream. */
export const RunListFilterQuery = z.object({
  repo: z
    .string()
    .regex(/^[^/\s]+\/[^/\s]+$/, 'must be owner/name')
    .optional()
    .openapi({ example: 'octo-org/widgets' }),
  status: z.enum(RunStatuses).optional(),
  since: z.iso.datetime().optional().openapi({ description: 'Only runs created at or after this time' }),
});

const TokensSchema = z.object({
  input: z.number().int(),
  output: z.number().int(),
  cacheRead: z.number().int(),
  cacheWrite: z.number().int(),
});

export const RunSchema = z
  .object({
    id: z.string().openapi({ example: '0192f1d6-3b9e-7c4a-9a51-6a0e8c9e1f20' }),
    repo: z.string().openapi({ example: 'octo-org/widgets' }),
    issue: z.number().int(),
    issueTitle: z.string(),
    trigger: z.enum(RunTriggers),
    command: z.string().nullable(),
    status: z.enum(RunStatuses),
    currentNode: z.string().nullable(),
    pullRequest: z.number().int().nullable(),
    branch: z.string().nullable(),
    error: z.string().nullable(),
    attempt: z.number().int(),
    tokens: TokensSchema,
    costUsd: z.number(),
    createdAt: z.iso.datetime(),
    startedAt: z.iso.datetime().nullable(),
    finishedAt: z.iso.datetime().nullable(),
    statusChangedAt: z.iso.datetime(),
  })
  .openapi('Run');

export const StepSchema = z
  .object({
    id: z.number().int(),
    node: z.string(),
    attempt: z.number().int(),
    status: z.enum(StepStatuses),
    startedAt: z.iso.datetime(),
    finishedAt: z.iso.datetime().nullable(),
    tokens: z.number().int(),
    costUsd: z.number(),
  })
  .openapi('Step');

export const EventSchema = z
  .object({
    id: z.number().int(),
    stepId: z.number().int().nullable(),
    type: z.string(),
    message: z.string(),
    data: z.unknown(),
    at: z.iso.datetime(),
  })
  .openapi('Event');

export const RunListSchema = z
  .object({
    runs: z.array(RunSchema),
    /** Pass as `cursor` for the next page; null on the last page. */
    nextCursor: z.string().nullable(),
  })
  .openapi('RunList');

/** Model calls, their tokens and their cost, summed over some of a run's calls. */
const UsageTotalsSchema = z.object({
  calls: z.number().int(),
  tokens: TokensSchema,
  costUsd: z.number(),
});

export const UsageSchema = UsageTotalsSchema.extend({
  agent: z.string().openapi({ example: 'planning' }),
  model: z.string().openapi({ example: 'claude-sonnet-4-6' }),
}).openapi('Usage');

/** The run's latest plan: its task list (done once the run pushed code for it) and the same as markdown. */
export const PlanSchema = z
  .object({
    summary: z.string(),
    tasks: z.array(z.object({ text: z.string(), done: z.boolean() })),
    files: z.array(z.string()),
    testStrategy: z.string(),
    risks: z.array(z.string()),
    /** The plan as its status comment shows it, with the tasks as a checklist. */
    markdown: z.string(),
    plannedAt: z.iso.datetime(),
  })
  .openapi('Plan');

/** The pull request the run opened, as the run last saw it (null fields: recorded by an older version). */
export const PullRequestSchema = z
  .object({
    number: z.number().int(),
    url: z.string().nullable(),
    title: z.string().nullable(),
    state: z.enum(['open', 'closed']),
    draft: z.boolean(),
    merged: z.boolean(),
    headBranch: z.string().nullable(),
    headSha: z.string().nullable(),
  })
  .openapi('PullRequest');

/** A line (or lines) of a file a check run points at, with what went wrong there. */
export const AnnotationSchema = z
  .object({
    path: z.string().openapi({ example: 'test/sub.test.js' }),
    startLine: z.number().int(),
    endLine: z.number().int(),
    level: z.enum(['notice', 'warning', 'failure']),
    title: z.string().nullable(),
    message: z.string().openapi({ description: 'Cut at 1,000 characters' }),
  })
  .openapi('Annotation');

/** A check run the test step made on the pull request's head. */
export const CheckRunSchema = z
  .object({
    id: z.number().int(),
    name: z.string().openapi({ example: 'pipeline/tests' }),
    headSha: z.string(),
    status: z.enum(['in_progress', 'completed']),
    conclusion: z.enum(['success', 'failure', 'neutral', 'cancelled', 'timed_out']).nullable(),
    /** The check run's page on GitHub. */
    url: z.string().nullable(),
    /** Its "Details" link: the run's page, when the app has a public URL. */
    detailsUrl: z.string().nullable(),
    /** The test round that made or last used it. */
    round: z.number().int(),
    annotationCount: z.number().int(),
    /** The first 50 annotations. */
    annotations: z.array(AnnotationSchema),
  })
  .openapi('CheckRun');

const DeploymentStates = [
  'pending',
  'queued',
  'in_progress',
  'success',
  'failure',
  'error',
  'inactive',
] as const;

/** A deploy run: what it deploys and where, and the GitHub deployments it made (the deploy, and any rollback). */
export const DeploySchema = z
  .object({
    runId: z.string(),
    environment: z.string().openapi({ example: 'production' }),
    sha: z.string(),
    purpose: z.enum(['merge', 'redeploy', 'rollback']),
    pullRequest: z.number().int().nullable(),
    /** The last status of its deployment (`pending` until GitHub has one). */
    state: z.enum(DeploymentStates),
    runStatus: z.enum(RunStatuses),
    environmentUrl: z.string().nullable(),
    statuses: z.array(
      z.object({
        role: z.enum(['deploy', 'rollback']),
        deploymentId: z.number().int(),
        state: z.enum(DeploymentStates),
        description: z.string(),
        environmentUrl: z.string().nullable(),
        at: z.iso.datetime(),
      }),
    ),
    deployments: z.array(
      z.object({
        role: z.enum(['deploy', 'rollback']),
        sha: z.string(),
        githubId: z.number().int().nullable(),
        state: z.enum(DeploymentStates),
        createdAt: z.iso.datetime(),
        updatedAt: z.iso.datetime(),
      }),
    ),
    createdAt: z.iso.datetime(),
    finishedAt: z.iso.datetime().nullable(),
  })
  .openapi('Deploy');

export const RunDetailSchema = z
  .object({
    run: RunSchema,
    steps: z.array(StepSchema),
    /** Tokens and cost per graph node (planning, development, testing … agents). */
    costByNode: z.record(z.string(), z.object({ tokens: z.number().int(), costUsd: z.number() })),
    /** The repository's cost limit per run (`max_cost_usd`); null when it cannot be read now. */
    budgetUsd: z.number().nullable(),
    /** Calls, tokens and cost per agent and model (intake, planning, development, testing). */
    usage: z.array(UsageSchema),
    /** The same, summed per agent. */
    costByAgent: z.record(z.string(), UsageTotalsSchema),
    /** The same, summed per model. */
    costByModel: z.record(z.string(), UsageTotalsSchema),
    /** Null until the planning agent has submitted one. */
    plan: PlanSchema.nullable(),
    /** Null until the run has opened one. */
    pullRequest: PullRequestSchema.nullable(),
    /** The test step's check runs, in the order they were made. */
    checkRuns: z.array(CheckRunSchema),
    /** The deploys of the run's merged pull request (a deploy run: itself), oldest first. */
    deployments: z.array(DeploySchema),
  })
  .openapi('RunDetail');

export const EventPageSchema = z
  .object({
    events: z.array(EventSchema),
    nextCursor: z.number().int().nullable(),
  })
  .openapi('EventPage');

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export function toRunJson(run: Run): z.infer<typeof RunSchema> {
  return {
    id: run.id,
    repo: run.repoFullName,
    issue: run.issueNumber,
    issueTitle: run.issueTitle,
    trigger: run.trigger,
    command: run.command,
    status: run.status,
    currentNode: run.currentNode,
    pullRequest: run.prNumber,
    branch: run.branch,
    error: run.error,
    attempt: run.attempt,
    tokens: {
      input: run.inputTokens,
      output: run.outputTokens,
      cacheRead: run.cacheReadTokens,
      cacheWrite: run.cacheWriteTokens,
    },
    costUsd: run.costUsd,
    createdAt: run.createdAt.toISOString(),
    startedAt: iso(run.startedAt),
    finishedAt: iso(run.finishedAt),
    statusChangedAt: run.statusChangedAt.toISOString(),
  };
}

export function toStepJson(step: Step): z.infer<typeof StepSchema> {
  return {
    id: step.id,
    node: step.node,
    attempt: step.attempt,
    status: step.status,
    startedAt: step.startedAt.toISOString(),
    finishedAt: iso(step.finishedAt),
    tokens: step.tokens,
    costUsd: step.costUsd,
  };
}

export function toEventJson(event: StoredRunEvent): z.infer<typeof EventSchema> {
  return {
    id: event.id,
    stepId: event.stepId,
    type: event.type,
    message: event.message,
    data: event.data,
    at: event.createdAt.toISOString(),
  };
}

export function toUsageJson(usage: RunUsage): z.infer<typeof UsageSchema> {
  return {
    agent: usage.agent,
    model: usage.model,
    calls: usage.calls,
    tokens: {
      input: usage.inputTokens,
      output: usage.outputTokens,
      cacheRead: usage.cacheReadTokens,
      cacheWrite: usage.cacheWriteTokens,
    },
    costUsd: usage.costUsd,
  };
}

/** Usage rows summed by one of their keys (`agent` or `model`). */
export function sumUsageBy(
  usage: readonly z.infer<typeof UsageSchema>[],
  key: 'agent' | 'model',
): Record<string, z.infer<typeof UsageTotalsSchema>> {
  const totals: Record<string, z.infer<typeof UsageTotalsSchema>> = {};
  for (const row of usage) {
    const total = (totals[row[key]] ??= {
      calls: 0,
      tokens: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 },
      costUsd: 0,
    });
    total.calls += row.calls;
    total.tokens.input += row.tokens.input;
    total.tokens.output += row.tokens.output;
    total.tokens.cacheRead += row.tokens.cacheRead;
    total.tokens.cacheWrite += row.tokens.cacheWrite;
    total.costUsd += row.costUsd;
  }
  return totals;
}

/** What the code index found for a query: files with the range of their best-matching chunk, best first. */
export const CodeSearchSchema = z
  .object({
    repo: z.string().openapi({ example: 'octo-org/widgets' }),
    /** The commit the index reflects. */
    commit: z.string(),
    hits: z.array(
      z.object({
        path: z.string().openapi({ example: 'src/auth/login.ts' }),
        startLine: z.number().int(),
        endLine: z.number().int(),
        symbol: z.string().openapi({ description: "Declarations in the range; '' for loose code" }),
        score: z.number(),
        snippet: z.string().openapi({ description: "The chunk's text; '' once the token budget is spent" }),
      }),
    ),
  })
  .openapi('CodeSearch');
/** A run's pull request as a unified diff, as GitHub makes it (cut at a size, saying so). */
export const RunDiffSchema = z
  .object({
    pullRequest: z.number().int(),
    diff: z.string().openapi({ description: 'The unified diff (`git diff base...head`)' }),
    bytes: z.number().int().openapi({ description: 'The size of the whole diff, in bytes' }),
    truncated: z
      .boolean()
      .openapi({ description: 'Whether `diff` was cut at a line end to stay under the cap' }),
  })
  .openapi('RunDiff');
