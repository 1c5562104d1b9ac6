import type { TwinScript } from '../../../twins/anthropic/index.js';

const read = (path: string) => ({ toolCalls: [{ name: 'read_file', input: { path } }] });

/** Three big reads push the prompt past the threshold; the fourth request carries compacted results. */
export const compaction: TwinScript = {
  conversations: [
    {
      name: 'big reads',
      turns: [
        { reply: read('src/big-0.ts') },
        { expect: { lastToolResultIncludes: 'MARKER-0' }, reply: read('src/big-1.ts') },
        { expect: { lastToolResultIncludes: 'MARKER-1' }, reply: read('src/big-2.ts') },
        {
          expect: { lastToolResultIncludes: 'MARKER-2', notIncludes: ['MARKER-0', 'MARKER-1'] },
          reply: { toolCalls: [{ name: 'finish', input: { summary: 'Read all three.' } }] },
        },
      ],
    },
  ],
};

const runTests = { toolCalls: [{ name: 'run_command', input: { command: 'npm test' } }] };

/** The tests fail three times; the fourth request carries the diagnosis note. */
export const repeatedFailures: TwinScript = {
  conversations: [
    {
      name: 'stubborn',
      turns: [
        { reply: runTests },
        { expect: { lastToolResultIsError: true }, reply: runTests },
        { expect: { notIncludes: ['failed 3 times in a row'] }, reply: runTests },
        {
          expect: {
            lastUserIncludes: [
              '`run_command` has failed 3 times in a row',
              'diagnosing the most likely cause',
            ],
          },
          reply: {
            text: 'The tests fail because the fixture file is missing; I will create it instead of re-running.',
            toolCalls: [{ name: 'finish', input: { summary: 'Diagnosed the failing tests.' } }],
          },
        },
      ],
    },
  ],
};

/** One very expensive reply: a million input tokens at Sonnet prices is $3. */
export const expensive: TwinScript = {
  conversations: [
    {
      name: 'expensive',
      turns: [{ reply: { ...read('src/greet.ts'), usage: { input_tokens: 1_000_000 } } }],
    },
  ],
};

/** A comment arrives after the model ended its turn; it is delivered as untrusted data. */
export const lateComment: TwinScript = {
  conversations: [
    {
      name: 'follow-up',
      turns: [
        { reply: { text: 'Done.' } },
        {
          expect: { lastUserIncludes: ['<untrusted source="comment">', 'Also update the README'] },
          reply: { text: 'Will do in the next run.' },
        },
      ],
    },
  ],
};
