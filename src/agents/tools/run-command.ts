import { z } from 'zod';
import { defineTool, type AgentTool } from '../tool.js';

export interface CommandResult {
  exitCode: number | null;
  output: string;
  timedOut: boolean;
  truncated: boolean;
}

/** Runs one shell command in the workspace; supplied by the caller (the sandbox lives in integrations). */
export type CommandRunner = (
  command: string,
  opts: { signal?: AbortSignal; offline?: boolean },
) => Promise<CommandResult>;

function describe(result: CommandResult): string {
  const status = result.timedOut ? 'timed out' : `exit code ${result.exitCode ?? 'none (killed)'}`;
  const notes = result.truncated ? '\n[output truncated: only part of it is shown]' : '';
  return `${status}\n${result.output}${notes}`;
}

/** `run_command`: a failing or timed-out command is an error result the model sees. */
export function createRunCommandTool(runner: CommandRunner): AgentTool {
  return defineTool({
    name: 'run_command',
    description:
      'Run a shell command in the repository root inside a sandbox (e.g. the test suite, a linter, a build). Returns the exit code and combined output.',
    input: z.object({
      command: z.string().min(1).describe('The command line to run.'),
      offline: z
        .boolean()
        .optional()
        .describe(
          'true runs it with no network at all (for commands that need none). By default it can reach the ' +
            "package registries and the repository's allowed hosts through a proxy.",
        ),
    }),
    async run(input, ctx) {
      const result = await runner(input.command, { signal: ctx.signal, offline: input.offline });
      return { content: describe(result), isError: result.timedOut || result.exitCode !== 0 };
    },
    summarize: (input, result) =>
      `ran \`${input.command.slice(0, 80)}\`: ${result.content.split('\n')[0] ?? ''}`,
  });
}
