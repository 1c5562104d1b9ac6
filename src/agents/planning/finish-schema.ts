import { z } from 'zod';

/** What the planning agent submits with `submit_plan`; it becomes the status comment's task list. */
export const planSchema = z.object({
  summary: z.string().min(1),
  files: z.array(z.string()).default([]),
  steps: z.array(z.string().min(1)).min(1),
  testStrategy: z.string().default(''),
  risks: z.array(z.string()).default([]),
});
export type Plan = z.infer<typeof planSchema>;
