import { describe, expect, it } from 'vitest';
import { pathPolicyFor } from '../../../../src/integrations/workspace/index.js';

describe('the path policy', () => {
  describe('with no repo settings', () => {
    const policy = pathPolicyFor();

    it.each([
      ['.github/workflows/ci.yml', '.github/**'],
      ['.github/actions/setup/action.yml', '.github/**'],
      ['.github/pipeline.yml', '.github/**'],
      ['.github/CODEOWNERS', '.github/**'],
      ['.gitattributes', '**/.gitattributes'],
      ['vendor/lib/.gitattributes', '**/.gitattributes'],
      ['.gitmodules', '.gitmodules'],
      ['CODEOWNERS', 'CODEOWNERS'],
      ['docs/CODEOWNERS', 'docs/CODEOWNERS'],
    ])('protects %s (%s)', (path, glob) => {
      expect(policy(path)).toMatchObject({ source: 'protected', glob });
    });

    it('protects them whatever their case', () => {
      expect(policy('.GitHub/workflows/ci.yml')).toMatchObject({ source: 'protected' });
      expect(policy('codeowners')).toMatchObject({ source: 'protected' });
    });

    it.each(['src/index.ts', 'README.md', 'docs/guide.md', '.githubrc', 'github/workflows/notes.md', '.env'])(
      'lets the agents write %s',
      (path) => {
        expect(policy(path)).toBeUndefined();
      },
    );
  });

  it("adds the repo's blocked paths to the protected ones, never replacing them", () => {
    const policy = pathPolicyFor({ blockedPaths: ['infra/**', '*.pem'] });
    expect(policy('infra/main.tf')).toMatchObject({ source: 'blocked_paths', glob: 'infra/**' });
    expect(policy('server.pem')?.reason).toContain('blocked_paths in .github/pipeline.yml');
    expect(policy('.github/workflows/ci.yml')).toMatchObject({ source: 'protected' });
  });

  it('narrows writes to allowed_paths, which cannot open a protected path', () => {
    const policy = pathPolicyFor({ allowedPaths: ['src/**', '.github/**'] });
    expect(policy('src/a.ts')).toBeUndefined();
    expect(policy('README.md')).toMatchObject({ source: 'allowed_paths' });
    expect(policy('README.md')?.reason).toContain('not under allowed_paths (src/**, .github/**)');
    expect(policy('.github/workflows/ci.yml')).toMatchObject({ source: 'protected' });
  });
});
