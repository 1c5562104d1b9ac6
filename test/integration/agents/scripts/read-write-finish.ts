import type { TwinScript } from '../../../twins/anthropic/index.js';

/** The development agent reads a file, writes a new one, and finishes. */
export const readWriteFinish: TwinScript = {
  conversations: [
    {
      name: 'develop',
      match: { systemIncludes: 'development agent' },
      turns: [
        {
          expect: { toolsInclude: ['read_file', 'write_file', 'finish'], lastUserIncludes: 'Add a farewell' },
          reply: {
            text: 'Let me look at greet.ts first.',
            toolCalls: [{ name: 'read_file', input: { path: 'src/greet.ts' } }],
          },
        },
        {
          expect: { lastToolResultIncludes: ['src/greet.ts (lines 1-3 of 3)', 'export function greet'] },
          reply: {
            toolCalls: [
              {
                name: 'write_file',
                input: { path: 'src/farewell.ts', content: "export const bye = 'bye';\n" },
              },
            ],
          },
        },
        {
          expect: { lastToolResultIncludes: 'Created src/farewell.ts', lastToolResultIsError: false },
          reply: { toolCalls: [{ name: 'finish', input: { summary: 'Added src/farewell.ts' } }] },
        },
      ],
    },
  ],
};
