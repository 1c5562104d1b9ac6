import { Annotation } from '@langchain/langgraph';
import { z } from 'zod';
import type { Plan } from '../agents/planning/finish-schema.js';
import type { repoConfigSchema } from '../config/repo-config.js';
import type { ReviewFeedback } from '../storage/index.js';

export const intentSchema = z.object({
  kind: z.enum(['feature', 'bug', 'hotfix', 'docs', 'question', 'unclear']),
  /** One sentence on why. */
  reason: z.string(),
  /** For a question: the answer. For an unclear request: what is missing. */
  reply: z.string().optional(),
});
export type Intent = z.infer<typeof intentSchema>;

export const testReportSchema = z.object({
  passed: z.boolean(),
  command: z.string(),
  summary: z.string(),
  /** The failing part of the output, capped: what the testing agent reads (and development, without a diagnosis). */
  failureOutput: z.string().default(''),
  /** The testing agent's diagnosis of a failure, which the next development round gets instead of the output. */
  diagnosis: z.string().optional(),
  annotations: z.number().int().default(0),
  headSha: z.string(),
  checkRunId: z.number().int().optional(),
});
export type TestReport = z.infer<typeof testReportSchema>;

export const issueSchema = z.object({
  number: z.number().int(),
  title: z.string(),
  body: z.string(),
  author: z.string(),
});
export type IssueSnapshot = z.infer<typeof issueSchema>;

/** How a run ended, decided by the node that ended it. */
export const outcomeSchema = z.object({
  status: z.enum(['succeeded', 'failed', 'waiting_input', 'cancelled']),
  message: z.string(),
});
export type Outcome = z.infer<typeof outcomeSchema>;

const replace = <T>() =>
  Annotation<T>({ reducer: (_old: T, next: T) => next, default: () => undefined as T });

/**
 * The run's graph state, checkpointed after every node. Only plain data lives here (no handles),
 * so a run resumes in any worker from its last checkpoint.
 */
export const RunState = Annotation.Root({
  runId: Annotation<string>(),
  repoFullName: Annotation<string>(),
  installationId: Annotation<number>(),
  /** HTTPS clone URL as GitHub reports it (GitHub.com, GHES or a gateway). */
  cloneUrl: Annotation<string>(),
  issue: Annotation<IssueSnapshot>(),
  instructions: replace<string | undefined>(),
  // Filled by `initialState` on every thread, so nodes read them without checks.
  requireApproval: Annotation<boolean>(),
  config: Annotation<z.infer<typeof repoConfigSchema>>(),
  defaultBranch: Annotation<string>(),
  intent: replace<Intent | undefined>(),
  workPlan: replace<Plan | undefined>(),
  /** Feedback for the next planning round (`/pipeline plan <changes>`). */
  planFeedback: replace<string | undefined>(),
  branch: replace<string | undefined>(),
  prNumber: replace<number | undefined>(),
  headSha: replace<string | undefined>(),
  /** What the development agent ran and changed, for the PR body. */
  developLog: Annotation<string[]>({ reducer: (a, b) => [...a, ...b], default: () => [] }),
  /** Review feedback the next development round must address (emptied once it has). */
  reviewFeedback: Annotation<ReviewFeedback[]>({ reducer: (_a, b) => b, default: () => [] }),
  /** The id of the last `review_feedback` event a development round was given (a cursor into the events). */
  reviewFeedbackUpTo: Annotation<number>({ reducer: (_a, b) => b, default: () => 0 }),
  testRounds: Annotation<number>({ reducer: (_a, b) => b, default: () => 0 }),
  lastTest: replace<TestReport | undefined>(),
  outcome: replace<Outcome | undefined>(),
});

export type RunStateType = typeof RunState.State;
export type RunStateUpdate = typeof RunState.Update;
