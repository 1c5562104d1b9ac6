import { z } from 'zod';

/** What the development agent reports when it calls `finish`. */
export const developResultSchema = z.object({
  /** What changed and why, for the PR body. */
  summary: z.string().min(1),
  /** One-line commit title, imperative mood. */
  commitTitle: z.string().min(1).max(100),
});
export type DevelopResult = z.infer<typeof developResultSchema>;
