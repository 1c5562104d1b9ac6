import { z } from 'zod';

/** A URL a deploy may point people at, or the worker may check: http(s) only. */
const httpUrl = z.url({ protocol: /^https?$/ });

/** `deploy.health_url` and how it is judged. */
const healthSchema = z
  .object({
    /** The status the URL must answer (default 200). */
    expected_status: z.number().int().min(100).max(599).default(200),
    /** Checks before the deploy is called failed (the first included). */
    retries: z.number().int().min(1).max(20).default(5),
    /** Seconds before the first retry; doubles each time. */
    backoff_seconds: z.number().min(0.05).max(60).default(2),
    /** Seconds all checks may take together; the gate fails when it is spent. */
    timeout_seconds: z.number().min(1).max(900).default(120),
  })
  .strict();

/** A workflow as GitHub's dispatch endpoint names it: its file name under `.github/workflows/`, or its id. */
const workflowSchema = z.union([
  z
    .string()
    .regex(
      /^[A-Za-z0-9._-]{1,100}\.ya?ml$/,
      'must be a file name in `.github/workflows/` (`deploy.yml`) or an id',
    ),
  z.number().int().positive(),
]);

/** A branch or tag name (what GitHub runs a dispatched workflow on); no spaces, `..` or leading `-`. */
const gitRefName = z
  .string()
  .regex(/^(?!-)(?!.*\.\.)[A-Za-z0-9._/-]{1,200}$/, 'must be a branch or tag name');

/**
 * `deploy:` in `.github/pipeline.yml`: what happens after a merge: `command`, run at the merge commit in the
 * sandbox, with network, or `workflow`, a GitHub Actions workflow dispatched with the merge commit as its input
 * and followed to its end. Exactly one of the two.
 */
export const deployConfigSchema = z
  .object({
    /** The GitHub environment the deployment is made for. */
    environment: z
      .string()
      .regex(/^[A-Za-z0-9._-]{1,100}$/, 'must be letters, digits, `.`, `_` or `-` (at most 100)')
      .default('production'),
    /** Shell command that deploys the checked-out merge commit. */
    command: z.string().min(1).max(2000).optional(),
    /**
     * A workflow with a `workflow_dispatch` trigger that deploys, dispatched with the inputs `ref` (the commit to
     * deploy), `environment` and `pipeline_run_id`.
     */
    workflow: workflowSchema.optional(),
    /** The branch or tag the workflow is dispatched on (its file is read from there); the default branch if unset. */
    workflow_ref: gitRefName.optional(),
    /** Where the deployed change can be seen (the deployment's `environment_url`). */
    environment_url: httpUrl.optional(),
    /** A URL the worker checks after the deploy; anything but `health.expected_status` fails the deploy. */
    health_url: httpUrl.optional(),
    health: healthSchema.default({
      expected_status: 200,
      retries: 5,
      backoff_seconds: 2,
      timeout_seconds: 120,
    }),
    /** `previous`: after a failure, deploy again the last SHA that deployed successfully to the environment. */
    rollback: z.literal('previous').optional(),
    /** A command that rolls back instead of deploying the previous SHA with `command` (implies `rollback`). */
    rollback_command: z.string().min(1).max(2000).optional(),
    /** Seconds the deploy command, or the workflow's run, may take. */
    timeout_seconds: z.number().int().min(5).max(3600).default(900),
    /** `pipeline`: only PRs the pipeline opened; `any_merge`: every PR merged into the default branch. */
    on: z.enum(['pipeline', 'any_merge']).default('pipeline'),
  })
  .strict()
  .superRefine((deploy, ctx) => {
    const has = (key: 'command' | 'workflow') => deploy[key] !== undefined;
    if (has('command') === has('workflow')) {
      ctx.addIssue({
        code: 'custom',
        path: [],
        message: has('command')
          ? 'takes `command` or `workflow`, not both'
          : 'needs `command` (a shell command that deploys) or `workflow` (a GitHub Actions workflow to dispatch)',
      });
    }
    if (has('workflow') && deploy.rollback_command !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['rollback_command'],
        message:
          'goes with `command` only; with `workflow`, `rollback: previous` dispatches it again for the last good SHA',
      });
    }
    if (!has('workflow') && deploy.workflow_ref !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['workflow_ref'], message: 'goes with `workflow` only' });
    }
  });

export type DeployConfig = z.infer<typeof deployConfigSchema>;

/** Whether a failed deploy is followed by a rollback to the last good SHA. */
export function rollsBack(config: DeployConfig): boolean {
  return config.rollback === 'previous' || Boolean(config.rollback_command);
}

/** How a repository deploys: a command the worker runs, or a workflow GitHub runs. */
export type DeployMethod =
  | { kind: 'command'; command: string; rollbackCommand: string | undefined }
  | { kind: 'workflow'; workflow: string | number; ref: string | undefined };

/** The one way `config` deploys (the schema allows exactly one of `command` and `workflow`). */
export function deployMethod(config: DeployConfig): DeployMethod {
  if (config.workflow !== undefined) {
    return { kind: 'workflow', workflow: config.workflow, ref: config.workflow_ref };
  }
  if (config.command === undefined) throw new Error('deploy: has neither `command` nor `workflow`');
  return { kind: 'command', command: config.command, rollbackCommand: config.rollback_command };
}
