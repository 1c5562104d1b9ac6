import type { RepoConfig } from '../../../config/repo-config.js';
import type { BlockedRequest } from '../../../integrations/egress/index.js';
import type { SandboxResult } from '../../../integrations/sandbox/index.js';
import { commandNetwork, describeNetwork } from '../../command-network.js';
import type { NodeContext } from '../../node-context.js';
import { reportBlockedEgress } from '../../report-blocked-egress.js';

export type TestCommands = { setup: string[]; test: string };

export type TestRun = {
  failedStep?: string;
  result: SandboxResult;
  transcript: string;
  /** Requests the egress proxy refused, over all the commands. */
  blockedEgress: BlockedRequest[];
};

const OUTPUT_CAP_BYTES = 256 * 1024;

/** Runs the setup commands, then the test command, each in the sandbox; stops at the first failing setup. */
export async function runTests(
  ctx: NodeContext,
  dir: string,
  config: RepoConfig,
  commands: TestCommands,
): Promise<TestRun> {
  const transcript: string[] = [];
  const blockedEgress: BlockedRequest[] = [];
  const network = commandNetwork(ctx.deps.sandbox, config);
  const run = async (command: string) => {
    const result = await ctx.deps.sandbox.run({
      command,
      cwd: dir,
      timeoutMs: config.test_timeout_seconds * 1000,
      outputCapBytes: OUTPUT_CAP_BYTES,
      ...network,
      signal: ctx.signal,
      logger: ctx.log,
    });
    transcript.push(
      `$ ${command}`,
      result.output,
      result.timedOut ? `[timed out after ${config.test_timeout_seconds}s]` : `[exit ${result.exitCode}]`,
    );
    await ctx.emit(
      'command',
      `\`${command}\` → ${result.timedOut ? 'timed out' : `exit ${result.exitCode}`}`,
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
    blockedEgress.push(...(result.egress?.blocked ?? []));
    return result;
  };
  for (const command of commands.setup) {
    const result = await run(command);
    if (result.exitCode !== 0) {
      return { failedStep: command, result, transcript: transcript.join('\n'), blockedEgress };
    }
  }
  const result = await run(commands.test);
  return {
    failedStep: result.exitCode === 0 ? undefined : commands.test,
    result,
    transcript: transcript.join('\n'),
    blockedEgress,
  };
}
