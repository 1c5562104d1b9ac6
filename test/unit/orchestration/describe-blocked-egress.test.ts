import { describe, expect, it } from 'vitest';
import { describeBlockedEgress } from '../../../src/orchestration/nodes/test/describe-blocked-egress.js';

describe("the check run's note on blocked network requests", () => {
  it('is empty when nothing was blocked', () => {
    expect(describeBlockedEgress([])).toBe('');
  });

  it('lists each refused host:port once and says where to allow it', () => {
    const note = describeBlockedEgress([
      { host: 'evil.example', port: 443, method: 'CONNECT', reason: 'not-allowed', count: 3 },
      { host: 'evil.example', port: 80, method: 'GET', reason: 'not-allowed', count: 1 },
      { host: 'evil.example', port: 443, method: 'GET', reason: 'not-allowed', count: 1 },
      { host: 'metadata.internal', port: 80, method: 'GET', reason: 'private-address', count: 1 },
    ]);
    expect(note).toContain('**Blocked network requests:**');
    expect(note.match(/evil\.example:443/g)).toHaveLength(1);
    expect(note).toContain('- `evil.example:80`\n');
    expect(note).toContain('- `metadata.internal:80` (a non-public address: only the operator can allow it');
    expect(note).toContain('`network.allow` in `.github/pipeline.yml`');
  });
});
