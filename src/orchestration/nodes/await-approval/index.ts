import { interrupt } from '@langchain/langgraph';
import { z } from 'zod';
import type { RunStateType, RunStateUpdate } from '../../state.js';

/** What `/pipeline approve` or `/pipeline plan <changes>` resumes the graph with. */
export const approvalDecisionSchema = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('approve') }),
  z.object({ decision: z.literal('revise'), feedback: z.string().min(1) }),
]);
export type ApprovalDecision = z.infer<typeof approvalDecisionSchema>;

/**
 * Pauses the run after the plan until a maintainer decides. Deliberately not a step of its own (no step row,
 * no GitHub call): `interrupt` re-runs the node from its start on resume, so it must have no side effects.
 */
export async function awaitApprovalNode(state: RunStateType): Promise<RunStateUpdate> {
  if (!state.requireApproval) return {};
  const decision = approvalDecisionSchema.parse(interrupt({ waitingFor: 'approval', plan: state.workPlan }));
  if (decision.decision === 'revise') return { planFeedback: decision.feedback, workPlan: undefined };
  return { requireApproval: false };
}
