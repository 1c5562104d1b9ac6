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
    for (const kind of ['status', 'cancel', 'retry', 'help', 'deploy', 'rollback'] as const) {
      expect(parseCommand(`/pipeline ${kind}`)).toEqual({ kind });
    }
  });

  it('names an unknown command and suggests the closest one', () => {
    expect(parseCommand('/pipeline stauts')).toEqual({
      kind: 'unknown',
      word: 'stauts',
      suggestion: 'status',
    });
    expect(parseCommand('/pipeline xylophone')).toEqual({ kind: 'unknown', word: 'xylophone' });
  });

  it('takes free text as instructions for a run', () => {
    expect(parseCommand('/pipeline add a retry to the client')).toEqual({
      kind: 'run',
      instructions: 'add a retry to the client',
    });
  });
});

describe('a /pipeline command that is shown, quoted or hidden, not given', () => {
  const notCommands: Array<[string, string]> = [
    ['in a fenced code block', '```\n/pipeline run\n```'],
    ['in a tilde-fenced code block', '~~~\n/pipeline run\n~~~'],
    ['in a code block after an explanation', 'To start it, type:\n\n```\n/pipeline run\n```'],
    ['indented by four spaces (a code block)', '    /pipeline run'],
    ['indented by a tab (a code block)', '\t/pipeline run'],
    ['in a blockquote', '> /pipeline run'],
    ['in a blockquote without a space', '>/pipeline approve'],
    ['in a nested blockquote', '> > /pipeline approve'],
    ['in inline code', '`/pipeline run`'],
    ['in a list item', '- /pipeline run'],
    ['in an HTML comment', '<!-- /pipeline run -->'],
    ['after a no-break space (U+00A0)', '\u00a0/pipeline run'],
    ['after an en quad (U+2000)', '\u2000/pipeline run'],
    ['after a thin space (U+2009)', '\u2009/pipeline run'],
    ['after a zero-width space (U+200B)', '\u200b/pipeline run'],
    ['after an ideographic space (U+3000)', '\u3000/pipeline run'],
    ['after a zero-width joiner (U+200D)', '\u200d/pipeline run'],
    ['after a byte order mark (U+FEFF)', '\ufeff/pipeline run'],
    ['on a line after a no-break-space-only line', '\u00a0\n/pipeline run'],
    ['joined to its word by a no-break space', '/pipeline\u00a0run'],
    ['joined to its word by a zero-width space', '/pipeline\u200brun'],
    ['after ordinary text on the first line', 'I think /pipeline run would do it'],
  ];
  it.each(notCommands)('does not trigger when %s', (_case, body) => {
    expect(parseCommand(body)).toBeNull();
  });

  const commands: Array<[string, string, ReturnType<typeof parseCommand>]> = [
    ['at column 0', '/pipeline approve', { kind: 'approve' }],
    ['after up to three ASCII spaces', '   /pipeline approve', { kind: 'approve' }],
    ['after blank lines', '\n  \n\t\n/pipeline cancel', { kind: 'cancel' }],
    [
      'with Windows line ends',
      '\r\n/pipeline run fix it\r\nplease',
      { kind: 'run', instructions: 'fix it\nplease' },
    ],
    ['followed by a tab', '/pipeline\tstatus', { kind: 'status' }],
    [
      'followed by a code block of its own',
      '/pipeline run like this:\n```\nsum(1, 2)\n```',
      { kind: 'run', instructions: 'like this:\n```\nsum(1, 2)\n```' },
    ],
  ];
  it.each(commands)('triggers %s', (_case, body, expected) => {
    expect(parseCommand(body)).toEqual(expected);
  });
});
