import { describeDiagnosis } from '../../../agents/testing/finish-schema.js';
import { testingAgent } from '../../../agents/testing/testing-agent.js';
import { untrusted } from '../../../agents/untrusted.js';
import type { RepoConfig } from '../../../config/repo-config.js';
import type { TestFailure } from '../../../integrations/test-reports/index.js';
import { diffAgainst, type Workspace } from '../../../integrations/workspace/index.js';
import type { NodeContext } from '../../node-context.js';
import { runNodeAgent } from '../../run-node-agent.js';

/** The end of the output the agent reads; the parsed failures above it carry the detail. */
const OUTPUT_CHARS = 12_000;
const DIFF_CHARS = 30_000;
const FAILURES_SHOWN = 20;

/**
 * The testing agent reads a failed run (the parsed failures, the end of the output, the diff) and the code,
 * and writes the diagnosis the next development round gets instead of the raw output.
 */
export async function diagnoseFailure(
  ctx: NodeContext,
  config: RepoConfig,
  ws: Workspace,
  failed: { command: string; failures: TestFailure[]; output: string },
): Promise<string> {
  const diff = await diffAgainst(ws, `origin/${ws.defaultBranch}`);
  const failures = failed.failures.slice(0, FAILURES_SHOWN).map((f) => {
    const where = f.path ? ` (${f.path}${f.line ? `:${f.line}` : ''})` : '';
    return `- ${f.title}${where}: ${f.message}`;
  });
  const agent = testingAgent({
    workspaceDir: ws.dir,
    blockedPaths: config.blocked_paths,
    prompt: {
      repo: ctx.run.repoFullName,
      command: failed.command,
      failures: failures.length
        ? untrusted('test report', `The failures the runner reported:\n${failures.join('\n')}`)
        : 'The runner reported no failure in a form that could be parsed; read the output.',
      output: untrusted('test output', `The end of the output:\n${failed.output.slice(-OUTPUT_CHARS)}`),
      diff: diff
        ? untrusted('diff', `The change under test:\n${diff}`, { maxChars: DIFF_CHARS })
        : 'The change under test is empty.',
    },
  });
  const { finished } = await runNodeAgent(ctx, config, agent, { mcpWorkspaceDir: ws.dir });
  const text = describeDiagnosis(finished);
  await ctx.emit('diagnosed', `the testing agent points at ${finished.location}`, finished);
  return text;
}
