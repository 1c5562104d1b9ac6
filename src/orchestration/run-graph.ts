import { END, START, StateGraph, type BaseCheckpointSaver } from '@langchain/langgraph';
import { awaitApprovalNode } from './nodes/await-approval/index.js';
import { developNode } from './nodes/develop/index.js';
import { finalizeNode } from './nodes/finalize/index.js';
import { intakeNode } from './nodes/intake/index.js';
import { planNode } from './nodes/plan/index.js';
import { testNode } from './nodes/test/index.js';
import type { RunDeps } from './run-deps.js';
import { RunState, type RunStateType } from './state.js';

/** intake → plan → [await_approval] → develop → test ⟲ develop … → finalize */
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
