import { z } from 'zod';

export const runMemoryInputSchema = z.object({
  repoFullName: z.string().min(3),
  issueTitle: z.string(),
  issueBody: z.string().default(''),
  plan: z.string(),
  /** What happened: e.g. "merged", "tests failed: …", "abandoned". */
  outcome: z.string(),
  /** Review feedback, if any. */
  feedback: z.string().optional(),
  filesChanged: z.array(z.string()).default([]),
  /** Stable id of the run; storing the same run again replaces it. */
  runId: z.string().optional(),
});

export type RunMemoryInput = z.input<typeof runMemoryInputSchema>;

/** A past run recalled for a new issue. */
export interface RecalledRun {
  runId: string;
  issueTitle: string;
  plan: string;
  outcome: string;
  feedback: string | undefined;
  filesChanged: string[];
  /** 0..1, higher is more similar. */
  similarity: number;
  /** One line for a prompt: "Last time (<title>) the change to <files> <outcome> — feedback: …". */
  summary: string;
  rememberedAt: string;
}
