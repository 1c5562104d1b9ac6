import { z } from 'zod';

export interface TestCommand {
  /** Commands to run once before the tests (dependency install). */
  setup?: string[];
  test: string;
}

const packageJsonSchema = z.object({ scripts: z.record(z.string(), z.string()).optional() });

/** What `npm init` writes; running it only fails. */
const NPM_PLACEHOLDER = /no test specified/;

/**
 * Guesses how to run a repository's tests from its file list (and root package.json, when read):
 * an npm/yarn/pnpm `test` script, then cargo, go, pytest, and finally `make test`.
 */
export function detectTestCommand(files: readonly string[], packageJson?: unknown): TestCommand | null {
  const root = new Set(files.filter((f) => !f.includes('/')));
  const scripts = packageJsonSchema.safeParse(packageJson ?? {}).data?.scripts;
  const testScript = scripts?.test;
  if (root.has('package.json') && testScript && !NPM_PLACEHOLDER.test(testScript)) return nodeCommand(root);
  if (root.has('Cargo.toml')) return { test: 'cargo test' };
  if (root.has('go.mod')) return { test: 'go test ./...' };
  if (looksLikePytest(files, root)) return pythonCommand(root);
  if (root.has('Makefile') || root.has('makefile') || root.has('GNUmakefile')) return { test: 'make test' };
  return null;
}

function nodeCommand(root: Set<string>): TestCommand {
  if (root.has('pnpm-lock.yaml')) return { setup: ['pnpm install --frozen-lockfile'], test: 'pnpm test' };
  if (root.has('yarn.lock')) return { setup: ['yarn install --frozen-lockfile'], test: 'yarn test' };
  if (root.has('package-lock.json') || root.has('npm-shrinkwrap.json'))
    return { setup: ['npm ci'], test: 'npm test' };
  return { setup: ['npm install'], test: 'npm test' };
}

function looksLikePytest(files: readonly string[], root: Set<string>): boolean {
  if (['pytest.ini', 'conftest.py', 'tox.ini'].some((f) => root.has(f))) return true;
  return files.some((f) => /(^|\/)(test_[^/]*|[^/]*_test)\.py$/.test(f));
}

function pythonCommand(root: Set<string>): TestCommand {
  const setup: string[] = [];
  for (const req of ['requirements.txt', 'requirements-dev.txt', 'requirements_dev.txt']) {
    if (root.has(req)) setup.push(`python3 -m pip install -r ${req}`);
  }
  if (setup.length === 0 && (root.has('pyproject.toml') || root.has('setup.py')))
    setup.push('python3 -m pip install -e .');
  return setup.length > 0 ? { setup, test: 'python3 -m pytest' } : { test: 'python3 -m pytest' };
}
