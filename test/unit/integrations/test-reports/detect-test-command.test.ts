import { describe, expect, it } from 'vitest';
import { detectTestCommand } from '../../../../src/integrations/test-reports/index.js';

describe('detectTestCommand', () => {
  describe('a Node project', () => {
    const pkg = { scripts: { test: 'vitest run' } };

    it('runs npm test after npm ci when a lockfile exists', () => {
      expect(detectTestCommand(['package.json', 'package-lock.json', 'src/a.ts'], pkg)).toEqual({
        setup: ['npm ci'],
        test: 'npm test',
      });
    });

    it('installs without a lockfile, and follows yarn and pnpm lockfiles', () => {
      expect(detectTestCommand(['package.json'], pkg)).toEqual({ setup: ['npm install'], test: 'npm test' });
      expect(detectTestCommand(['package.json', 'yarn.lock'], pkg)?.test).toBe('yarn test');
      expect(detectTestCommand(['package.json', 'pnpm-lock.yaml'], pkg)?.test).toBe('pnpm test');
    });

    it("ignores npm init's placeholder test script and a package.json it cannot read", () => {
      const placeholder = { scripts: { test: 'echo "Error: no test specified" && exit 1' } };
      expect(detectTestCommand(['package.json'], placeholder)).toBeNull();
      expect(detectTestCommand(['package.json'], 'not an object')).toBeNull();
    });
  });

  it('finds cargo, go and make projects', () => {
    expect(detectTestCommand(['Cargo.toml', 'src/lib.rs'])).toEqual({ test: 'cargo test' });
    expect(detectTestCommand(['go.mod', 'calc/calc.go'])).toEqual({ test: 'go test ./...' });
    expect(detectTestCommand(['Makefile', 'main.c'])).toEqual({ test: 'make test' });
  });

  it('finds pytest projects from their config or test files, installing requirements first', () => {
    expect(detectTestCommand(['requirements.txt', 'tests/test_app.py'])).toEqual({
      setup: ['python3 -m pip install -r requirements.txt'],
      test: 'python3 -m pytest',
    });
    expect(detectTestCommand(['pytest.ini'])).toEqual({ test: 'python3 -m pytest' });
  });

  it('prefers a test script over a Makefile, and gives up on unknown layouts', () => {
    expect(detectTestCommand(['Makefile', 'package.json'], { scripts: { test: 'jest' } })?.test).toBe(
      'npm test',
    );
    expect(detectTestCommand(['README.md', 'docs/index.md'])).toBeNull();
    expect(detectTestCommand(['sub/go.mod'])).toBeNull();
  });
});
