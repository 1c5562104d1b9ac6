import type { CommandRunner } from '../agents/tools/run-command.js';
import type { RepoConfig } from '../config/repo-config.js';
import { commandNetwork, describeNetwork } from './command-network.js';
import type { NodeContext } from './node-context.js';
import { reportBlockedEgress } from './report-blocked-egress.js';

/** An agent's `run_command` in the sandbox of the workspace, with the repo's network and time settings. */
export function sandboxedCommandRunner(ctx: NodeContext, dir: string, config: RepoConfig): CommandRunner {
  return async (command, opts) => {
    const network = commandNetwork(ctx.deps.sandbox, config, { offline: opts.offline });
    const result = await ctx.deps.sandbox.run({
      command,
      cwd: dir,
      timeoutMs: Math.min(config.test_timeout_seconds, 600) * 1000,
      outputCapBytes: 64 * 1024,
      ...network,
      signal: opts.signal ?? ctx.signal,
      logger: ctx.log,
    });
    await ctx.emit(
      'command',
      `ran \`${command}\` → ${result.timedOut ? 'timed out' : `exit ${result.exitCode}`}`,
      {
        command,
        exitCode: result.exitCode,
        timedOut: result.timedOut,
        sandbox: result.sandbox,
        limits: result.limits,
        durationMs: result.durationMs,
        network: describeNetwork(network),
      },
    );
    await reportBlockedEgress(ctx, command, result);
    return result;
  };
}
