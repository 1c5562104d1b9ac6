import { deploymentAgent } from '../../../../agents/deployment/deployment-agent.js';
import { describeDeployDiagnosis } from '../../../../agents/deployment/finish-schema.js';
import { untrusted } from '../../../../agents/untrusted.js';
import { gitFor } from '../../../../integrations/git/index.js';
import { defineNode } from '../../../node-context.js';
import { runNodeAgent } from '../../../run-node-agent.js';
import { cloneAt } from '../../run-deploy-command.js';
import type { DeployStateType, DeployStateUpdate } from '../../deploy-state.js';
import { markDeployment } from '../../mark-deployment.js';

const DIFF_CHARS = 30_000;

/**
 * After a failed deploy or health check, the deployment agent reads the output and the merged change and says
 * why; the deployment is then marked `failure` with that diagnosis. Nothing is deployed again here.
 */
export const diagnoseNode = defineNode<DeployStateType, DeployStateUpdate>('diagnose', async (state, ctx) => {
  const failure = state.failure;
  if (!failure) throw new Error('the diagnose node was reached without a failure');
  const ws = await cloneAt(ctx, state, state.sha);
  try {
    const diff = await mergedChange(ws.dir, state.sha);
    const agent = deploymentAgent({
      workspaceDir: ws.dir,
      prompt: {
        repo: state.repoFullName,
        environment: state.environment,
        sha: state.sha,
        failure: failure.summary,
        output: failure.output
          ? untrusted('deploy output', `The end of the deploy output:\n${failure.output}`)
          : 'The deploy printed nothing.',
        diff: diff
          ? untrusted('diff', `The merged change:\n${diff}`, { maxChars: DIFF_CHARS })
          : 'The merged change could not be shown (a first commit).',
      },
    });
    const { finished } = await runNodeAgent(ctx, state.config, agent);
    await ctx.emit('deploy_diagnosed', `the deployment agent: ${finished.whatFailed}`, finished);
    const diagnosis = describeDeployDiagnosis(finished);
    await markDeployment(ctx, state.logUrl, {
      role: 'deploy',
      deploymentId: state.deploymentId,
      state: 'failure',
      description: diagnosis,
    });
    return { diagnosis };
  } finally {
    await ws.remove();
  }
});

/** The merged commit against its first parent; empty for a commit without one. */
async function mergedChange(dir: string, sha: string): Promise<string> {
  const git = gitFor(dir);
  const parents = (await git.raw(['rev-list', '--parents', '-n', '1', sha])).trim().split(' ');
  if (parents.length < 2) return '';
  return git.raw([
    'diff',
    '--text',
    '--no-ext-diff',
    '--no-textconv',
    '--no-color',
    '--src-prefix=a/',
    '--dst-prefix=b/',
    `${sha}^1`,
    sha,
    '--',
  ]);
}
