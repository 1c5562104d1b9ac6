import { z } from 'zod';

/** What the deployment agent reports with `report_deployment`; it becomes the deployment's status. */
export const deploymentReportSchema = z.object({
  /** Whether the deploy command finished and left the environment running the merged change. */
  succeeded: z.boolean(),
  /** What was deployed and how it went, or why it failed, for the deployment status and the issue. */
  summary: z.string().min(1),
  /** Where the deployed change can be seen, when the deploy printed it. */
  environmentUrl: z.url().optional(),
});
export type DeploymentReport = z.infer<typeof deploymentReportSchema>;
