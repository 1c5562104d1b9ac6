import { z } from 'zod';
import { untrusted } from '../../../agents/untrusted.js';
import { modelFor } from '../../../config/repo-config.js';
import { defineNode } from '../../node-context.js';
import { promptFile } from '../../../agents/prompt-file.js';
import { intentSchema } from '../../state.js';
import { publishStatus } from '../../status-comment.js';
import { RunFailedError } from '../../errors.js';
import { readFileSync } from 'node:fs';

const system = readFileSync(new URL('./system.md', import.meta.url), 'utf8');
const userPrompt = promptFile(new URL('./user.md', import.meta.url), ['repo', 'issue', 'instructions']);

/**
 * Classifies the request with one forced tool call. A question is answered and an unclear request gets a
 * comment asking for what is missing; both end the run without a branch.
 */
export const intakeNode = defineNode('intake', async (state, ctx) => {
  const config = state.config;
  await publishStatus(ctx, state, 'planning', 'Reading the issue…');
  const { message, usage, costUsd } = await ctx.deps.claude.createMessage(
    {
      model: modelFor(config, 'intake', ctx.deps.settings.PIPELINE_MODEL),
      max_tokens: 2048,
      system: [{ type: 'text', text: system, cache_control: { type: 'ephemeral' } }],
      tools: [
        {
          name: 'classify',
          description: 'Record the classification of the request.',
          input_schema: z.toJSONSchema(intentSchema) as { type: 'object' },
        },
      ],
      tool_choice: { type: 'tool', name: 'classify' },
      messages: [
        {
          role: 'user',
          content: userPrompt({
            repo: state.repoFullName,
            issue: untrusted('issue', `# ${state.issue.title}\n\n${state.issue.body}`),
            instructions: state.instructions ? untrusted('comment', state.instructions) : '',
          }),
        },
      ],
    },
    { signal: ctx.signal },
  );
  await ctx.recordUsage(usage, costUsd, { agent: 'intake', model: message.model });
  const call = message.content.find((block) => block.type === 'tool_use' && block.name === 'classify');
  const parsed = intentSchema.safeParse(call && call.type === 'tool_use' ? call.input : undefined);
  if (!parsed.success)
    throw new RunFailedError(
      "The run stopped because the model's classification of the issue did not have the expected form. " +
        "Comment `/pipeline retry` to ask again; the details are in the run's events.",
      { detail: parsed.error.message },
    );
  const intent = parsed.data;
  await ctx.emit('classified', `classified as ${intent.kind}: ${intent.reason}`, intent);
  if (intent.kind === 'question') {
    await publishStatus(ctx, state, 'answered', intent.reply ?? intent.reason);
    return { intent, outcome: { status: 'succeeded', message: 'question answered' } };
  }
  if (intent.kind === 'unclear') {
    const note = `${intent.reply ?? intent.reason}\n\nReply with the details and comment \`/pipeline run <details>\` to continue.`;
    await publishStatus(ctx, state, 'needs_input', note);
    return { intent, outcome: { status: 'waiting_input', message: 'more detail needed' } };
  }
  return { intent };
});
