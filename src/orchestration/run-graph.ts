import { Command, END, START, StateGraph, type BaseCheckpointSaver } from '@langchain/langgraph';
import { awaitApprovalNode, type ApprovalDecision } from './nodes/await-approval/index.js';
import { developNode } from './nodes/develop/index.js';
import { finalizeNode } from './nodes/finalize/index.js';
import { intakeNode } from './nodes/intake/index.js';
import { planNode } from './nodes/plan/index.js';
import { testNode } from './nodes/test/index.js';
import type { RunDeps } from './run-deps.js';
import { RunState, type RunStateType, type RunStateUpdate } from './state.js';

/**
 * intake → plan → [await_approval] → develop → test ⟲ develop … → finalize. A job enters the thread only
 * through `RunGraphEntry` (below), as `decideResumption` chooses.
 */
export function buildRunGraph(deps: RunDeps, checkpointer: BaseCheckpointSaver) {
  return new StateGraph(RunState)
    .addNode('intake', intakeNode(deps))
    .addNode('plan', planNode(deps))
    .addNode('await_approval', awaitApprovalNode)
    .addNode('develop', developNode(deps))
    .addNode('test', testNode(deps))
    .addNode('finalize', finalizeNode(deps))
    .addEdge(START, 'intake')
    .addConditionalEdges('intake', (s: RunStateType) => (s.outcome ? END : 'plan'), ['plan', END])
    .addEdge('plan', 'await_approval')
    .addConditionalEdges('await_approval', (s: RunStateType) => (s.workPlan ? 'develop' : 'plan'), [
      'develop',
      'plan',
    ])
    .addEdge('develop', 'test')
    .addConditionalEdges('test', afterTest, ['develop', 'finalize'])
    .addEdge('finalize', END)
    .compile({ checkpointer });
}

function afterTest(state: RunStateType): 'develop' | 'finalize' {
  if (state.lastTest?.passed) return 'finalize';
  return state.testRounds < state.config.max_test_rounds ? 'develop' : 'finalize';
}

export type RunGraph = ReturnType<typeof buildRunGraph>;

type RunGraphInput = RunStateUpdate | Command<unknown, RunStateUpdate, RunGraphNode> | null;
type RunGraphNode = 'intake' | 'plan' | 'await_approval' | 'develop' | 'test' | 'finalize';

/**
 * The ways a job enters the run's thread, chosen by `decideResumption`; a job passes the graph nothing else.
 * A new round of development is a `goto` with its state, not a rewind through `await_approval`.
 */
export const RunGraphEntry = {
  /** From START (intake) with a new first state. */
  fresh: (state: RunStateUpdate): RunGraphInput => state,
  /** From the last checkpoint: the node that was running runs again. */
  fromCheckpoint: (): RunGraphInput => null,
  /** The approval interrupt returns the maintainer's decision. */
  approvalDecision: (decision: ApprovalDecision): RunGraphInput =>
    new Command<unknown, RunStateUpdate, RunGraphNode>({ resume: decision }),
  /** Straight to `develop` on the same plan, branch and PR; the update is checkpointed before it runs. */
  developAgain: (update: RunStateUpdate): RunGraphInput =>
    new Command<unknown, RunStateUpdate, RunGraphNode>({ goto: 'develop', update }),
} as const;
