import { deploySecretsFor } from '../../config/deploy-secrets.js';
import { secretValues } from '../../config/secret-values.js';
import { createSecretRedactor } from '../../integrations/secrets/index.js';
import { cloneWorkspace, type Workspace } from '../../integrations/workspace/index.js';
import type { NodeContext } from '../node-context.js';
import { STEP_PERMISSIONS } from '../step-permissions.js';
import type { DeployStateType } from './deploy-state.js';

/** The end of a deploy's output kept for the agent and the state. */
const OUTPUT_CHARS = 12_000;
const OUTPUT_CAP_BYTES = 256 * 1024;

export type DeployCommandResult = { succeeded: boolean; summary: string; output: string };

/** A fresh clone of the repository at `sha`, for a deploy command or the agent that diagnoses one. */
export async function cloneAt(ctx: NodeContext, state: DeployStateType, sha: string): Promise<Workspace> {
  const ws = await cloneWorkspace({
    remoteUrl: state.cloneUrl,
    token: await ctx.deps.gitToken(state.installationId, {
      repoFullName: state.repoFullName,
      permissions: STEP_PERMISSIONS.clone,
    }),
    baseDir: ctx.deps.workspaces.root,
    runId: state.runId,
    ref: sha,
  });
  await ctx.emit('workspace', `cloned ${state.repoFullName} at ${sha.slice(0, 7)}`);
  return ws;
}

/**
 * Runs a deploy command at `sha` in a fresh clone, in the sandbox with the network, and with exactly the
 * variables the operator granted to this repository and environment (`PIPELINE_DEPLOY_SECRETS_<ENV>`): nothing
 * a repository file asks for. Their values are masked in the output before it goes anywhere (events, state,
 * the agent's prompt, comments); the logger and GitHub writes mask them too (they are among `secretValues`).
 */
export async function runDeployCommand(
  ctx: NodeContext,
  state: DeployStateType,
  input: { sha: string; command: string },
): Promise<DeployCommandResult> {
  const ws = await cloneAt(ctx, state, input.sha);
  try {
    const secrets = deploySecretsFor(ctx.deps.settings.deploySecrets, state.repoFullName, state.environment);
    const result = await ctx.deps.sandbox.run({
      command: input.command,
      cwd: ws.dir,
      timeoutMs: state.deployConfig.timeout_seconds * 1000,
      outputCapBytes: OUTPUT_CAP_BYTES,
      allowNetwork: true,
      env: { ...secrets, PIPELINE_ENVIRONMENT: state.environment, PIPELINE_SHA: input.sha },
      signal: ctx.signal,
      logger: ctx.log,
    });
    const ending = result.timedOut ? 'timed out' : `exit ${result.exitCode}`;
    await ctx.emit('command', `deploy command \`${input.command}\` → ${ending}`, {
      command: input.command,
      exitCode: result.exitCode,
      timedOut: result.timedOut,
      sandbox: result.sandbox,
      limits: result.limits,
      durationMs: result.durationMs,
      network: 'full',
    });
    const mask = createSecretRedactor(secretValues(ctx.deps.settings));
    const output = mask(result.output).slice(-OUTPUT_CHARS);
    const succeeded = result.exitCode === 0 && !result.timedOut;
    return {
      succeeded,
      summary: succeeded
        ? `The deploy command finished (${Math.round(result.durationMs / 1000)} s).`
        : result.timedOut
          ? `The deploy command timed out after ${state.deployConfig.timeout_seconds} s.`
          : `The deploy command exited ${result.exitCode}.`,
      output,
    };
  } finally {
    await ws.remove();
  }
}
