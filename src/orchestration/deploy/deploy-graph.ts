import { END, START, StateGraph, type BaseCheckpointSaver } from '@langchain/langgraph';
import { rollsBack } from '../../config/deploy-config.js';
import type { RunDeps } from '../run-deps.js';
import { DeployState, type DeployStateType } from './deploy-state.js';
import { deployNode } from './nodes/deploy/index.js';
import { diagnoseNode } from './nodes/diagnose/index.js';
import { reportNode } from './nodes/report/index.js';
import { rollbackNode } from './nodes/rollback/index.js';
import { verifyNode } from './nodes/verify/index.js';

/** deploy → verify → report; a failure of either → diagnose → [rollback] → report. */
export function buildDeployGraph(deps: RunDeps, checkpointer: BaseCheckpointSaver) {
  return new StateGraph(DeployState)
    .addNode('deploy', deployNode(deps))
    .addNode('verify', verifyNode(deps))
    .addNode('diagnose', diagnoseNode(deps))
    .addNode('rollback', rollbackNode(deps))
    .addNode('report', reportNode(deps))
    .addEdge(START, 'deploy')
    .addConditionalEdges('deploy', (s: DeployStateType) => (s.failure ? 'diagnose' : 'verify'), [
      'diagnose',
      'verify',
    ])
    .addConditionalEdges('verify', (s: DeployStateType) => (s.failure ? 'diagnose' : 'report'), [
      'diagnose',
      'report',
    ])
    .addConditionalEdges(
      'diagnose',
      (s: DeployStateType) => (rollsBack(s.deployConfig) ? 'rollback' : 'report'),
      ['rollback', 'report'],
    )
    .addEdge('rollback', 'report')
    .addEdge('report', END)
    .compile({ checkpointer });
}

export type DeployGraph = ReturnType<typeof buildDeployGraph>;
