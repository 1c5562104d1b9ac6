import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { RunStatuses } from '../../storage/index.js';
import { runUrl } from '../run-url.js';
import type { ToolContext } from '../tool-context.js';
import { toolAnswer, toolError } from '../tool-results.js';

/** `start_run`: queue a run on an open issue and answer at once with its id and link. */
export function registerStartRun(server: McpServer, ctx: ToolContext): void {
  server.registerTool(
    'start_run',
    {
      title: 'Start a pipeline run',
      description:
        'Start a run on an open issue, or on a new issue opened from title and body (plan, develop, test, ' +
        'open a pull request). Answers at once with the ' +
        'run id; follow it with wait_for_run. With the same client_key, a second call answers with the run the ' +
        'first one started instead of starting another.',
      inputSchema: {
        repo: z
          .string()
          .regex(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, 'repo must be owner/name')
          .describe('owner/name'),
        issue: z.number().int().positive().optional().describe('The issue number (or give title and body)'),
        title: z.string().trim().min(1).max(256).optional().describe('Instead of issue: a new issue’s title'),
        body: z.string().max(60_000).default('').describe('The new issue’s body'),
        instructions: z.string().max(10_000).default('').describe('Extra instructions for the agents'),
        plan_first: z
          .boolean()
          .default(false)
          .describe('Wait for approve_plan after the plan, like /pipeline plan'),
        client_key: z
          .string()
          .min(1)
          .max(200)
          .optional()
          .describe('Your key for this start: repeating the call with it never starts a second run'),
      },
      outputSchema: {
        run_id: z.string(),
        status: z.enum(RunStatuses),
        url: z.string(),
        reused: z.boolean().describe('true when client_key had already started this run'),
      },
    },
    async (input, extra) => {
      const api = ctx.apiFor(extra);
      if ((input.issue === undefined) === (input.title === undefined)) {
        return toolError(400, 'issue: give either issue (an open issue) or title (and body) for a new one.');
      }
      const command = input.plan_first ? 'plan' : 'run';
      const answer = await api.startRun(
        input.issue !== undefined
          ? { repo: input.repo, issue: input.issue, command, instructions: input.instructions }
          : {
              repo: input.repo,
              title: input.title ?? '',
              body: input.body,
              command,
              instructions: input.instructions,
            },
        input.client_key,
      );
      if (!answer.ok) return toolError(answer.status, answer.detail);
      const { run } = answer.body;
      const reused = answer.status === 200;
      return toolAnswer(
        { run_id: run.id, status: run.status, url: runUrl(api.baseUrl, run.id), reused },
        reused
          ? `Run ${run.id} was started earlier with this client_key; it is ${run.status}.`
          : `Run ${run.id} is queued on ${run.repo}#${run.issue}.`,
      );
    },
  );
}
