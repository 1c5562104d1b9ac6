import { z } from 'zod';

/** What the deployment agent reports with `report_diagnosis` after a failed deploy or health check. */
export const deployDiagnosisSchema = z.object({
  /** The step that failed and its error, in one sentence. */
  whatFailed: z.string().min(1).max(500),
  /** The part of the merged change most likely responsible (files named), or why it is not the change. */
  likelyCause: z.string().min(1).max(1000),
});
export type DeployDiagnosis = z.infer<typeof deployDiagnosisSchema>;

/** The diagnosis as one short paragraph, for the issue comment and the deployment status. */
export function describeDeployDiagnosis(diagnosis: DeployDiagnosis): string {
  return `${diagnosis.whatFailed} Likely cause: ${diagnosis.likelyCause}`;
}
