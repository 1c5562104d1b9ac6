import { Annotation } from '@langchain/langgraph';
import type { DeployConfig } from '../../config/deploy-config.js';
import type { RepoConfig } from '../../config/repo-config.js';
import type { DeployPurpose } from '../../storage/index.js';
import type { Outcome } from '../state.js';

/** What went wrong with a deploy: the command (or workflow), or the health gate after it. */
export type DeployFailure = {
  phase: 'deploy' | 'health';
  /** One sentence: what failed. */
  summary: string;
  /** The end of the output (secrets masked), for the deployment agent. */
  output: string;
};

/** How the rollback after a failure went; `sha` is null when there was no good deployment to go back to. */
export type RollbackResult =
  | { sha: string; deploymentId: number; succeeded: boolean; summary: string; workflowRunUrl?: string }
  | { sha: null; summary: string };

const replace = <T>() =>
  Annotation<T>({ reducer: (_old: T, next: T) => next, default: () => undefined as T });

/** A deploy run's graph state, checkpointed after every node like the issue run's (thread id = run id). */
export const DeployState = Annotation.Root({
  runId: Annotation<string>(),
  repoFullName: Annotation<string>(),
  installationId: Annotation<number>(),
  cloneUrl: Annotation<string>(),
  /** Where the run's comment is, and what GitHub shows next to it. */
  issueNumber: Annotation<number>(),
  prNumber: Annotation<number | null>(),
  issueRunId: Annotation<string | null>(),
  environment: Annotation<string>(),
  sha: Annotation<string>(),
  purpose: Annotation<DeployPurpose>(),
  /** The repository's settings when the deploy was asked for (models, budget), and their `deploy:`. */
  config: Annotation<RepoConfig>(),
  deployConfig: Annotation<DeployConfig>(),
  /** The deployment statuses' `log_url`: the run's page, or its comment. */
  logUrl: Annotation<string>(),
  commentId: Annotation<number>(),
  /** The GitHub deployment of `sha`. */
  deploymentId: Annotation<number>(),
  /** The end of the deploy's output (secrets masked). */
  deployOutput: replace<string | undefined>(),
  /** The workflow run that deployed `sha` (`deploy.workflow`). */
  workflowRunUrl: replace<string | undefined>(),
  failure: replace<DeployFailure | undefined>(),
  diagnosis: replace<string | undefined>(),
  rolledBack: replace<RollbackResult | undefined>(),
  /** Where the change can be seen (the config's, or the one the workflow reported). */
  environmentUrl: replace<string | undefined>(),
  outcome: replace<Outcome | undefined>(),
});

export type DeployStateType = typeof DeployState.State;
export type DeployStateUpdate = typeof DeployState.Update;
