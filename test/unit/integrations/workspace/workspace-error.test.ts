import { describe, expect, it } from 'vitest';
import { WorkspaceError } from '../../../../src/integrations/workspace/workspace-error.js';

describe('WorkspaceError', () => {
  const token = 'ghs_faketoken1234567890';
  const basic = Buffer.from(`x-access-token:${token}`).toString('base64');

  it('names the operation and keeps git’s explanation', () => {
    const error = new WorkspaceError('push main', new Error('fatal: repository not found\n'), token);
    expect(error.message).toBe('git push main failed: fatal: repository not found');
    expect(error.name).toBe('WorkspaceError');
  });

  it('scrubs the token in raw and Basic-auth form', () => {
    const error = new WorkspaceError('clone', new Error(`header ${basic} url https://x:${token}@h`), token);
    expect(error.message).not.toContain(token);
    expect(error.message).not.toContain(basic);
    expect(error.message).toContain('[redacted]');
  });
});
