import { z } from 'zod';

/** What the testing agent submits with `submit_diagnosis`: what development needs instead of the raw log. */
export const diagnosisSchema = z.object({
  /** The failing test, as the runner names it. */
  test: z.string().min(1),
  /** What was asserted, and what came instead. */
  assertion: z.string().min(1),
  /** `path:line` to look at first (repository-relative). */
  location: z.string().min(1),
  /** The likely cause, in the changed code or in the test. */
  likelyCause: z.string().min(1),
});
export type Diagnosis = z.infer<typeof diagnosisSchema>;

/** The diagnosis as the development agent reads it. */
export function describeDiagnosis(diagnosis: Diagnosis): string {
  return [
    `Failing test: ${diagnosis.test}`,
    `Assertion: ${diagnosis.assertion}`,
    `Look at: ${diagnosis.location}`,
    `Likely cause: ${diagnosis.likelyCause}`,
  ].join('\n');
}
