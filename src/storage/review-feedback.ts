import { z } from 'zod';

/**
 * One piece of review feedback on a generated PR, as the development agent will see it: written by the
 * GitHub triggers as a `review_feedback` event, read back by orchestration with this same schema.
 */
export const reviewFeedbackSchema = z.object({
  kind: z.enum(['review', 'review_comment', 'command']),
  author: z.string(),
  body: z.string(),
  path: z.string().optional(),
  line: z.number().int().optional(),
  /** Review comment id, to reply to once the feedback is addressed. */
  commentId: z.number().int().optional(),
});
export type ReviewFeedback = z.infer<typeof reviewFeedbackSchema>;
