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

/**
 * `deploy:` in `.github/pipeline.yml`: what happens after a merge: `command`, run at the merge commit in the
 * sandbox, with network. (`workflow`, a GitHub Actions workflow dispatched instead, is not built yet and is
 * refused as "is not supported yet" by the repo config's parser.)
 */
export const deployConfigSchema = z
  .object({
    /** The GitHub environment the deployment is made for. */
    environment: z
      .string()
      .regex(/^[A-Za-z0-9._-]{1,100}$/, 'must be letters, digits, `.`, `_` or `-` (at most 100)')
      .default('production'),
    /** Shell command that deploys the checked-out merge commit. */
    command: z.string().min(1).max(2000),
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
    /** Seconds the deploy command may run. */
    timeout_seconds: z.number().int().min(5).max(3600).default(900),
    /** `pipeline`: only PRs the pipeline opened; `any_merge`: every PR merged into the default branch. */
    on: z.enum(['pipeline', 'any_merge']).default('pipeline'),
  })
  .strict();

export type DeployConfig = z.infer<typeof deployConfigSchema>;

/** Whether a failed deploy is followed by a rollback to the last good SHA. */
export function rollsBack(config: DeployConfig): boolean {
  return config.rollback === 'previous' || Boolean(config.rollback_command);
}
