import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineTool } from '../../../src/agents/tool.js';
import { finishTool } from '../../../src/agents/tools/finish.js';

const echo = defineTool({
  name: 'echo',
  description: 'Echo a word',
  input: z.object({ word: z.string().min(1), times: z.number().int().default(1) }),
  run: ({ word, times }) => word.repeat(times),
});

describe('defineTool', () => {
  it('sends a JSON schema generated from the zod schema, defaults optional', () => {
    expect(echo.inputSchema).toMatchObject({
      type: 'object',
      properties: { word: { type: 'string', minLength: 1 }, times: { type: 'integer', default: 1 } },
      required: ['word'],
    });
    expect(echo.inputSchema).not.toHaveProperty('$schema');
  });

  it('parses the arguments, applying defaults', async () => {
    await expect(echo.invoke({ word: 'ab', times: 2 }, {})).resolves.toMatchObject({
      content: 'abab',
      isError: false,
    });
    await expect(echo.invoke({ word: 'ab' }, {})).resolves.toMatchObject({ input: { word: 'ab', times: 1 } });
  });

  it('turns arguments that do not parse into an error result naming the field', async () => {
    const result = await echo.invoke({ word: 3 }, {});
    expect(result.isError).toBe(true);
    expect(result.content).toContain('Invalid arguments for echo');
    expect(result.content).toContain('word');
    expect(result.input).toEqual({ word: 3 });
  });

  it('turns a thrown error into an error result', async () => {
    const boom = defineTool({
      name: 'boom',
      description: 'Fails',
      input: z.object({}),
      run: () => {
        throw new Error('disk full');
      },
    });
    await expect(boom.invoke({}, {})).resolves.toMatchObject({
      content: 'boom failed: disk full',
      isError: true,
    });
  });

  it('refuses a schema that is not an object and a bad name', () => {
    expect(() => defineTool({ name: 'x', description: '', input: z.string(), run: () => '' })).toThrow(
      /z\.object/,
    );
    expect(() =>
      defineTool({ name: 'bad name', description: '', input: z.object({}), run: () => '' }),
    ).toThrow(/invalid/);
  });
});

describe('finishTool', () => {
  it('is named finish by default, or as given', () => {
    const schema = z.object({ summary: z.string() });
    expect(finishTool(schema, 'Done.')).toMatchObject({
      name: 'finish',
      description: 'Done.',
      finishes: true,
    });
    expect(finishTool(schema, 'submit_plan', 'Submit.')).toMatchObject({
      name: 'submit_plan',
      description: 'Submit.',
    });
  });

  it('answers with the refusal of its check as an error, so the loop goes on, and finishes once it passes', async () => {
    const schema = z.object({ summary: z.string() });
    let refusal: string | undefined = 'These changes will not be committed: `.github/x.yml`.';
    const finish = finishTool(schema, 'finish', 'Done.', { verify: () => Promise.resolve(refusal) });
    await expect(finish.invoke({ summary: 'ok' }, {})).resolves.toMatchObject({
      isError: true,
      content: refusal,
      summary: 'finish (refused)',
    });
    refusal = undefined;
    await expect(finish.invoke({ summary: 'ok' }, {})).resolves.toMatchObject({
      isError: false,
      input: { summary: 'ok' },
    });
  });
});
