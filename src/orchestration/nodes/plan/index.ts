import { planningAgent } from '../../../agents/planning/planning-agent.js';
import { untrusted } from '../../../agents/untrusted.js';
import { defineNode, type NodeContext } from '../../node-context.js';
import { readRepoRules } from '../../repo-rules.js';
import { runNodeAgent } from '../../run-node-agent.js';
import type { RunStateType } from '../../state.js';
import { APPROVAL_NOTE, publishStatus } from '../../status-comment.js';

/** The planning agent reads the code and submits a plan, which becomes the task list of the status comment. */
export const planNode = defineNode('plan', async (state, ctx) => {
  const config = state.config;
  await publishStatus(ctx, state, 'planning', 'Reading the code and writing a plan…');
  const ws = await ctx.deps.workspaces.forRun(ctx, state);
  const rules = await readRepoRules(ctx, ws.dir);
  const retrieved = await retrieveForIssue(ctx, state, ws.dir, await ws.headSha());

  const search = ctx.deps.codeSearch;
  const agent = planningAgent({
    workspaceDir: ws.dir,
    blockedPaths: config.blocked_paths,
    searchCode: search && ((query, k) => search.search(state.repoFullName, query, k)),
    prompt: {
      repo: state.repoFullName,
      branch: ws.defaultBranch,
      issue: untrusted('issue', `# ${state.issue.title}\n\n${state.issue.body}`),
      instructions: state.instructions
        ? untrusted('comment', `Extra instructions from the maintainer:\n${state.instructions}`)
        : '',
      rules: rules ? untrusted('repository rules', `The repository's rules for agents:\n\n${rules}`) : '',
      retrieved: retrieved ? untrusted('code index', `Code that looks relevant:\n\n${retrieved}`) : '',
      feedback: state.planFeedback
        ? untrusted(
            'comment',
            `The maintainer asked for these changes to the previous plan:\n${state.planFeedback}`,
          )
        : '',
    },
  });
  const { finished: plan } = await runNodeAgent(ctx, config, agent, { mcpWorkspaceDir: ws.dir });
  await ctx.emit('planned', plan.summary, plan);
  const next = { ...state, workPlan: plan };
  await publishStatus(
    ctx,
    next,
    state.requireApproval ? 'awaiting_approval' : 'developing',
    state.requireApproval ? APPROVAL_NOTE : undefined,
  );
  return { workPlan: plan, planFeedback: undefined, defaultBranch: ws.defaultBranch };
});

async function retrieveForIssue(
  ctx: NodeContext,
  state: RunStateType,
  dir: string,
  commit: string,
): Promise<string> {
  const search = ctx.deps.codeSearch;
  if (!search) return '';
  await search.ensureIndexed(state.repoFullName, dir, commit);
  const query = `${state.issue.title}\n${state.issue.body}`;
  const [code, memories] = await Promise.all([
    search.search(state.repoFullName, query, 8),
    search.recall(state.repoFullName, query),
  ]);
  const history = memories.length
    ? `\n\nPast runs on similar issues:\n${memories.map((m) => `- ${m}`).join('\n')}`
    : '';
  return `${code}${history}`;
}
