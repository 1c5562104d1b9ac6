import type { MessageParam } from '@anthropic-ai/sdk/resources/messages/messages.js';
import { describe, expect, it } from 'vitest';
import { compactHistory } from '../../../src/agents/loop/compact-history.js';

function turn(id: string, content: string): MessageParam[] {
  return [
    { role: 'assistant', content: [{ type: 'tool_use', id, name: 'read_file', input: {} }] },
    { role: 'user', content: [{ type: 'tool_result', tool_use_id: id, content }] },
  ];
}

describe('compactHistory', () => {
  it('replaces older tool results with their summary, keeps the newest and the pairing', () => {
    const messages: MessageParam[] = [
      { role: 'user', content: 'task' },
      ...turn('t1', 'long one'),
      ...turn('t2', 'long two'),
      ...turn('t3', 'long three'),
    ];
    const summaries = new Map([['t1', 'read a.ts, 10 lines']]);
    expect(compactHistory(messages, summaries, 1)).toBe(2);
    expect(messages[2]).toEqual({
      role: 'user',
      content: [{ type: 'tool_result', tool_use_id: 't1', content: '[compacted: read a.ts, 10 lines]' }],
    });
    expect(JSON.stringify(messages[4])).toContain('[compacted: tool result]');
    expect(JSON.stringify(messages[6])).toContain('long three');
    expect(compactHistory(messages, summaries, 1)).toBe(0);
  });
});
