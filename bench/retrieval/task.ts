import { z } from 'zod';

/** One retrieval task: an issue-like text, the tree it is asked against, and the files a correct fix edits. */
export const taskSchema = z.object({
  /** `<set>-<short sha>`. */
  id: z.string(),
  /** `owner/name` of the repository the task comes from. */
  repo: z.string(),
  /** The fix commit (its message is the query). */
  commit: z.string().regex(/^[0-9a-f]{40}$/),
  /** Its parent: the tree the retrieval searches. */
  parent: z.string().regex(/^[0-9a-f]{40}$/),
  /** The commit message, without trailers and PR numbers. */
  query: z.string().min(1),
  /** Source files the fix changed that existed at `parent` (the gold set). */
  gold: z.array(z.string()).min(1).max(3),
});

export type Task = z.infer<typeof taskSchema>;
