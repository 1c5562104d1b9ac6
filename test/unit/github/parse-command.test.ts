import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../../src/github/commands/parse-command.js';

describe('a /pipeline comment', () => {
  it('is not ours when it does not start with /pipeline', () => {
    expect(parseCommand('Looks good to me')).toBeNull();
    expect(parseCommand('please /pipeline run')).toBeNull();
    expect(parseCommand('/pipelines run')).toBeNull();
  });

  it('starts a run with its instructions, across lines', () => {
    expect(parseCommand('/pipeline run')).toEqual({ kind: 'run', instructions: '' });
    expect(parseCommand('  /pipeline run use the retry helper\nand keep it small')).toEqual({
      kind: 'run',
      instructions: 'use the retry helper\nand keep it small',
    });
    expect(parseCommand('/pipeline')).toEqual({ kind: 'run', instructions: '' });
  });

  it('reads plan feedback and the steering commands, case-insensitively', () => {
    expect(parseCommand('/pipeline plan split step 2')).toEqual({ kind: 'plan', feedback: 'split step 2' });
    expect(parseCommand('/Pipeline APPROVE')).toEqual({ kind: 'approve' });
    for (const kind of ['status', 'cancel', 'retry', 'help'] as const) {
      expect(parseCommand(`/pipeline ${kind}`)).toEqual({ kind });
    }
  });

  it('names an unknown command and suggests the closest one', () => {
    expect(parseCommand('/pipeline stauts')).toEqual({
      kind: 'unknown',
      word: 'stauts',
      suggestion: 'status',
    });
    expect(parseCommand('/pipeline deploy')).toEqual({ kind: 'unknown', word: 'deploy' });
  });

  it('takes free text as instructions for a run', () => {
    expect(parseCommand('/pipeline add a retry to the client')).toEqual({
      kind: 'run',
      instructions: 'add a retry to the client',
    });
  });
});
