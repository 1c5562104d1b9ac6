import { gitOutput } from '../integrations/git/index.js';
import { detectTestCommand } from '../integrations/test-reports/index.js';
import { readWorkspaceFile, WorkspaceFileError } from '../integrations/workspace/index.js';
import { RunFailedError } from './errors.js';
import type { TestCommands } from './nodes/test/run-tests.js';

/** A package.json larger than this is not one worth detecting scripts in. */
const MAX_PACKAGE_JSON_BYTES = 1024 * 1024;

/** The repo's test command (and setup) from `.github/pipeline.yml`, or detected from its files; none: no tests. */
export async function testCommandsFor(
  dir: string,
  setup: string[] | undefined,
  test: string | undefined,
  signal: AbortSignal,
): Promise<TestCommands | undefined> {
  if (test) return { setup: setup ?? [], test };
  const stdout = await gitOutput(dir, ['ls-files']);
  const files = stdout.split('\n').filter(Boolean);
  const packageJson = files.includes('package.json') ? await readPackageJson(dir, signal) : undefined;
  const detected = detectTestCommand(files, packageJson);
  if (!detected) return undefined;
  return { setup: setup ?? detected.setup ?? [], test: detected.test };
}

/** The root package.json, read as a regular file of the workspace (never through a link). */
async function readPackageJson(dir: string, signal: AbortSignal): Promise<unknown> {
  const unusable = (why: string) =>
    new RunFailedError(
      `${why}, so the test command could not be detected. Fix it, or set \`test\` in .github/pipeline.yml.`,
    );
  let text: string;
  try {
    text = (
      await readWorkspaceFile(dir, 'package.json', { maxBytes: MAX_PACKAGE_JSON_BYTES, signal })
    ).toString('utf8');
  } catch (error) {
    if (error instanceof WorkspaceFileError) throw unusable(error.message);
    throw error;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw unusable('package.json is not valid JSON');
  }
}
