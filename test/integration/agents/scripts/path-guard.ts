import type { TwinScript } from '../../../twins/anthropic/index.js';

/** Three writes the path guard must refuse: a blocked workflow, a path outside, and a symlink leading outside. */
export const pathGuard: TwinScript = {
  conversations: [
    {
      name: 'escape attempts',
      turns: [
        {
          reply: {
            toolCalls: [
              { name: 'write_file', input: { path: '.github/workflows/x.yml', content: 'on: push' } },
              { name: 'write_file', input: { path: '../outside/keep.txt', content: 'pwned' } },
              { name: 'write_file', input: { path: 'link/keep.txt', content: 'pwned' } },
              { name: 'read_file', input: { path: '.git/config' } },
            ],
          },
        },
        {
          expect: {
            lastToolResultIsError: true,
            lastToolResultIncludes: [
              'protected path `.github/**`',
              'outside the workspace',
              'symlink to a location outside the workspace',
              'Git internals',
            ],
          },
          reply: { toolCalls: [{ name: 'finish', input: { summary: 'Nothing I may change.' } }] },
        },
      ],
    },
  ],
};
