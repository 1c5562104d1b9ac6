import type { Language } from './types.js';

const BY_EXTENSION: Record<string, Language> = {
  ts: 'typescript',
  tsx: 'typescript',
  mts: 'typescript',
  cts: 'typescript',
  js: 'javascript',
  jsx: 'javascript',
  mjs: 'javascript',
  cjs: 'javascript',
  py: 'python',
  pyi: 'python',
  go: 'go',
  java: 'java',
  kt: 'java',
  scala: 'java',
  cs: 'java',
  rs: 'rust',
  md: 'markdown',
  mdx: 'markdown',
  markdown: 'markdown',
};

/** The chunker family for a path, from its extension; `text` means the line-window fallback. */
export function detectLanguage(path: string): Language {
  const base = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  const dot = base.lastIndexOf('.');
  if (dot < 0) return 'text';
  return BY_EXTENSION[base.slice(dot + 1)] ?? 'text';
}
