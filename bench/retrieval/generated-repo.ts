import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const NOUNS = [
  'request',
  'header',
  'cache',
  'token',
  'stream',
  'socket',
  'retry',
  'config',
  'route',
  'schema',
];
const VERBS = [
  'parse',
  'build',
  'load',
  'merge',
  'encode',
  'decode',
  'validate',
  'resolve',
  'format',
  'close',
];

/** The i-th generated TypeScript module: three small functions and a class, names varying with i. */
function moduleSource(i: number): string {
  const noun = NOUNS[i % NOUNS.length] ?? 'item';
  const verb = VERBS[Math.floor(i / NOUNS.length) % VERBS.length] ?? 'make';
  const name = `${verb}${noun[0]?.toUpperCase()}${noun.slice(1)}${i}`;
  const fn = (suffix: string, body: string): string =>
    `/** ${verb}s a ${noun} (${suffix}). */\nexport function ${name}${suffix}(input: string, limit = ${i % 97}): string {\n${body}\n}\n`;
  const lines = (tag: string): string =>
    Array.from({ length: 8 }, (_, k) => `  const ${tag}${k} = input.slice(${k}, limit + ${k}).trim();`).join(
      '\n',
    ) + `\n  return [${Array.from({ length: 8 }, (_, k) => `${tag}${k}`).join(', ')}].join('${noun}');`;
  return [
    `import { ${VERBS[(i + 3) % VERBS.length]}Helper } from '../shared/helpers${i % 50}.js';\n`,
    fn('Fast', lines('part')),
    fn('Safe', lines('piece')),
    fn('Strict', lines('chunk')),
    `export class ${name}Store {\n  private readonly entries = new Map<string, string>();\n\n  get(key: string): string | undefined {\n    return this.entries.get(key);\n  }\n\n  set(key: string, value: string): void {\n    this.entries.set(key, ${name}Fast(value));\n  }\n}\n`,
  ].join('\n');
}

/** A git repository of `count` generated TypeScript files in nested folders (no file repeats another). */
export function buildGeneratedRepo(count: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'codeindex-generated-'));
  for (let i = 0; i < count; i++) {
    const folder = join(dir, 'src', `area${Math.floor(i / 1000)}`, `part${Math.floor(i / 50) % 20}`);
    if (i % 50 === 0) mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, `module${i}.ts`), moduleSource(i));
  }
  const git = (...args: string[]): void => void execFileSync('git', args, { cwd: dir, stdio: 'ignore' });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('-c', 'user.email=bench@example.com', '-c', 'user.name=bench', 'commit', '-q', '-m', 'generated tree');
  return dir;
}
