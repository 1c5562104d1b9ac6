import type { TwinScript } from '../../../twins/anthropic/index.js';

/**
 * The development agent tries every file tool on what a command could have planted: a FIFO, a link to
 * /dev/zero, a link to a FIFO inside the workspace. Each answer is an error naming what the file is.
 */
export const specialFiles: TwinScript = {
  conversations: [
    {
      name: 'special files',
      turns: [
        { reply: { toolCalls: [{ name: 'read_file', input: { path: 'notes.md' } }] } },
        {
          expect: {
            lastToolResultIsError: true,
            lastToolResultIncludes: 'notes.md is a FIFO, not a regular file',
          },
          reply: { toolCalls: [{ name: 'read_file', input: { path: 'zero' } }] },
        },
        {
          expect: { lastToolResultIsError: true, lastToolResultIncludes: 'outside the workspace' },
          reply: { toolCalls: [{ name: 'read_file', input: { path: 'notes-link.md' } }] },
        },
        {
          expect: { lastToolResultIsError: true, lastToolResultIncludes: 'notes.md is a FIFO' },
          reply: { toolCalls: [{ name: 'write_file', input: { path: 'notes.md', content: 'hello' } }] },
        },
        {
          expect: { lastToolResultIsError: true, lastToolResultIncludes: 'notes.md is a FIFO' },
          reply: {
            toolCalls: [{ name: 'replace_in_file', input: { path: 'notes.md', oldText: 'a', newText: 'b' } }],
          },
        },
        {
          expect: { lastToolResultIsError: true, lastToolResultIncludes: 'notes.md is a FIFO' },
          reply: { toolCalls: [{ name: 'finish', input: { summary: 'Nothing readable.' } }] },
        },
      ],
    },
  ],
};
