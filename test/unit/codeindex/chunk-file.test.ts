import { describe, expect, it } from 'vitest';
import { chunkFile } from '../../../src/codeindex/chunking/chunk-file.js';
import { detectLanguage } from '../../../src/codeindex/chunking/detect-language.js';
import type { Chunk, ChunkLimits } from '../../../src/codeindex/chunking/types.js';

const SMALL: ChunkLimits = { maxLines: 12, maxChars: 2000, minLines: 3 };
const body = (n: number, indent = '  '): string =>
  Array.from({ length: n }, (_, i) => `${indent}step${i}();`).join('\n');
const symbols = (chunks: Chunk[]): string[] => chunks.map((c) => c.symbol);

function expectExactLines(content: string, chunks: Chunk[]): void {
  const lines = content.split('\n');
  for (const c of chunks) expect(c.text).toBe(lines.slice(c.startLine - 1, c.endLine).join('\n'));
}

describe('chunking along code structure', () => {
  it('detects languages from extensions', () => {
    expect(
      ['a.ts', 'b.mjs', 'c.py', 'd.go', 'E.java', 'f.rs', 'README.md', 'Makefile'].map(detectLanguage),
    ).toEqual(['typescript', 'javascript', 'python', 'go', 'java', 'rust', 'markdown', 'text']);
  });

  it('cuts TypeScript at top-level declarations, keeping doc comments with them', () => {
    const src = `import { x } from './x.js';\n\n/** Adds. */\nexport function add(a: number) {\n${body(4)}\n}\n\nexport class Store {\n${body(4)}\n}\n`;
    const chunks = chunkFile(src, 'typescript', SMALL);
    expect(symbols(chunks)).toEqual(['add', 'Store']);
    expect(chunks[0]).toMatchObject({ startLine: 1, endLine: 9 });
    expect(chunks[0]!.text).toContain('/** Adds. */');
    expectExactLines(src, chunks);
  });

  it('splits a long class into its methods (a short header joins the first one)', () => {
    const src = `export class Client {\n  private n = 1;\n\n  async send(req: Request) {\n${body(6, '    ')}\n  }\n\n  close() {\n${body(6, '    ')}\n  }\n}\n`;
    const chunks = chunkFile(src, 'typescript', SMALL);
    expect(symbols(chunks)).toEqual(['Client, Client.send', 'Client.close']);
    expect(chunks[1]).toMatchObject({ startLine: 13, endLine: 21 });
    expectExactLines(src, chunks);
  });

  it('ignores braces inside strings, template literals and comments', () => {
    const src = `const a = "{{{";\n// }}}\nconst t = \`\${"{"}\`;\nexport function later() {\n${body(5)}\n}\n`;
    expect(symbols(chunkFile(src, 'typescript', { ...SMALL, minLines: 1 }))).toEqual(['a', 't', 'later']);
  });

  it('recognises CommonJS and prototype assignments in JavaScript', () => {
    const src = `function Axios(config) {\n${body(3)}\n}\n\nAxios.prototype.request = function request(config) {\n${body(3)}\n};\n\nmodule.exports = Axios;\n`;
    expect(symbols(chunkFile(src, 'javascript', SMALL))).toEqual(['Axios', 'Axios.prototype.request']);
  });

  it('cuts Python at def and class, with decorators, and splits long classes into methods', () => {
    const src = `import os\n\n\n@dataclass\nclass Invoice:\n    def total(self):\n${body(6, '        ')}\n\n    def tax(self):\n${body(6, '        ')}\n\n\ndef helper():\n    return 1\n`;
    const chunks = chunkFile(src, 'python', SMALL);
    expect(symbols(chunks)).toEqual(['', 'Invoice, Invoice.total', 'Invoice.tax', 'helper']);
    expect(chunks[1]!.text.startsWith('@dataclass')).toBe(true);
  });

  it('cuts Go functions and methods, Java classes into methods, Rust items and impls', () => {
    const go = `package x\n\nfunc (r *Router) Handle() {\n${body(4, '\t')}\n}\n\nfunc New() *Router {\n${body(4, '\t')}\n}\n`;
    expect(symbols(chunkFile(go, 'go', SMALL))).toEqual(['Handle', 'New']);
    const java = `package p;\n\npublic class Cache {\n  public int size() {\n${body(6, '    ')}\n  }\n\n  private void evict(int n) {\n${body(6, '    ')}\n  }\n}\n`;
    expect(symbols(chunkFile(java, 'java', SMALL))).toEqual(['', 'Cache, Cache.size', 'Cache.evict']);
    const rust = `pub struct Lexer {\n    pos: usize,\n}\n\nimpl Lexer {\n    pub fn next(&mut self) -> char {\n        let c = 'x';\n${body(3, '        ')}\n    }\n}\n`;
    expect(symbols(chunkFile(rust, 'rust', { ...SMALL, minLines: 1 }))).toEqual(['Lexer', 'Lexer']);
  });

  it('cuts Markdown at headings but not at # inside code fences', () => {
    const md = `# Title\n\nintro\nmore\n\n## Install\n\n\`\`\`sh\n# not a heading\nnpm i\n\`\`\`\n\n## Usage\n\nuse it\nwell\n`;
    expect(symbols(chunkFile(md, 'markdown', SMALL))).toEqual(['Title', 'Install', 'Usage']);
  });

  it('falls back to overlapping line windows and caps characters', () => {
    const text = Array.from({ length: 30 }, (_, i) => `line ${i}`).join('\n');
    const chunks = chunkFile(text, 'text', SMALL);
    expect(chunks[0]).toMatchObject({ startLine: 1, endLine: 6 });
    expect(chunks.at(-1)?.endLine).toBe(30);
    const long = chunkFile('x'.repeat(50_000), 'text', SMALL);
    expect(long[0]!.text.length).toBeLessThanOrEqual(2000);
  });

  it('caps a line of emoji without cutting a character in half (Chroma refuses lone surrogates)', () => {
    // 'x' first puts the 2,000-character cap between the two halves of an emoji.
    const chunks = chunkFile(`x${'😀'.repeat(1500)}`, 'text', SMALL);
    const text = chunks[0]!.text;
    expect(text.length).toBe(1999);
    expect(text.endsWith('😀')).toBe(true);
    expect(/[\ud800-\udbff]$/.test(text)).toBe(false);
  });

  it('returns nothing for an empty file', () => {
    expect(chunkFile('\n\n', 'typescript')).toEqual([]);
  });
});
