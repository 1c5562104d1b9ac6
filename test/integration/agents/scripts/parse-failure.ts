import type { TwinScript } from '../../../twins/anthropic/index.js';

/** The model sends a number as a path, sees the schema error, and corrects itself. */
export const parseFailure: TwinScript = {
  conversations: [
    {
      name: 'develop',
      turns: [
        { reply: { toolCalls: [{ name: 'read_file', input: { path: 42 } }] } },
        {
          expect: {
            lastToolResultIsError: true,
            lastToolResultIncludes: ['Invalid arguments for read_file', 'expected string', 'path'],
          },
          reply: { toolCalls: [{ name: 'read_file', input: { path: 'src/greet.ts' } }] },
        },
        {
          expect: { lastToolResultIsError: false, lastToolResultIncludes: 'greet' },
          reply: { toolCalls: [{ name: 'finish', input: { summary: '' } }] },
        },
        {
          expect: { lastToolResultIsError: true, lastToolResultIncludes: 'Invalid arguments for finish' },
          reply: { toolCalls: [{ name: 'finish', input: { summary: 'Read greet.ts' } }] },
        },
      ],
    },
  ],
};
