import { braceDepths } from './brace-depths.js';
import { indentDepths } from './indent-depths.js';
import { markdownDepths } from './markdown-depths.js';
import type { Language } from './types.js';

/** How to find declarations in one language family. Patterns are tried on the trimmed line. */
export interface LanguageRules {
  depths(lines: string[]): number[];
  /** Top-level declarations (depth 0); group 1 is the name. */
  declarations: RegExp[];
  /** Members of a container (depth 1), used to split a long declaration; group 1 is the name. */
  members: RegExp[];
  /** Lines that belong to the declaration below them (doc comments, decorators, annotations). */
  leading: RegExp;
}

const C_LEADING = /^(\/\/|\/\*|\*|@|#\[)/;

const TS_JS: LanguageRules = {
  depths: (lines) => braceDepths(lines, { backtickStrings: true, singleQuoteStrings: true }),
  declarations: [
    /^(?:export\s+)?(?:default\s+)?(?:declare\s+)?(?:abstract\s+)?(?:async\s+)?(?:function\s*\*?|class|interface|type|enum|namespace|module)\s+([A-Za-z_$][\w$]*)/,
    /^(?:export\s+)?(?:const|let|var)\s+([A-Za-z_$][\w$]*)/,
    /^(?:module\.)?exports\.([A-Za-z_$][\w$]*)\s*=/,
    /^([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+)\s*=\s*(?:async\s+)?(?:function|class|\(|[A-Za-z_$][\w$]*\s*=>)/,
    /^(?:export\s+)?default\s+(?:async\s+)?function\s*\*?\s*\(/,
    /^describe\(\s*['"`]([^'"`]+)/,
  ],
  members: [
    /^(?:(?:public|private|protected|static|readonly|async|override|abstract|declare|get|set)\s+)*\*?(#?[A-Za-z_$][\w$]*)\s*(?:<[^>]*>)?\s*\(/,
    /^(?:(?:public|private|protected|static|readonly)\s+)*(#?[A-Za-z_$][\w$]*)\s*[:=]\s*(?:async\s+)?(?:function|\([^)]*\)\s*=>|[A-Za-z_$][\w$]*\s*=>)/,
    /^(?:it|test)\(\s*['"`]([^'"`]+)/,
  ],
  leading: C_LEADING,
};

const GO: LanguageRules = {
  depths: (lines) => braceDepths(lines, { backtickStrings: true, singleQuoteStrings: false }),
  declarations: [
    /^func\s+(?:\([^)]*\)\s*)?([A-Za-z_]\w*)/,
    /^type\s+([A-Za-z_]\w*)/,
    /^(?:var|const)\s+([A-Za-z_]\w*)/,
    /^(?:var|const|type)\s*(\()/,
  ],
  members: [/^([A-Za-z_]\w*)\s*(?:\(|[A-Za-z_*[])/],
  leading: /^\/\//,
};

const JAVA: LanguageRules = {
  depths: (lines) => braceDepths(lines, { backtickStrings: false, singleQuoteStrings: false }),
  declarations: [
    /^(?:(?:public|private|protected|abstract|final|static|sealed|non-sealed|strictfp|data|open|internal)\s+)*(?:class|interface|enum|record|@interface|object|trait)\s+([A-Za-z_]\w*)/,
    /^(?:(?:public|private|internal)\s+)*fun\s+(?:<[^>]+>\s+)?(?:[\w.]+\.)?([A-Za-z_]\w*)/,
  ],
  members: [
    /^(?:(?:public|private|protected|abstract|final|static|synchronized|native|default|override|open|internal|suspend)\s+)*(?:class|interface|enum|record|fun)\s+(?:<[^>]+>\s+)?([A-Za-z_]\w*)/,
    /^(?:(?:public|private|protected|abstract|final|static|synchronized|native|default)\s+)*(?:<[^>]+>\s+)?[\w<>[\],.? ]+\s+([A-Za-z_]\w*)\s*\(/,
  ],
  leading: C_LEADING,
};

const RUST: LanguageRules = {
  depths: (lines) => braceDepths(lines, { backtickStrings: false, singleQuoteStrings: false }),
  declarations: [
    /^(?:pub(?:\([^)]*\))?\s+)?(?:default\s+)?(?:async\s+)?(?:unsafe\s+)?(?:const\s+)?(?:extern\s+"[^"]*"\s+)?(?:fn|struct|enum|trait|mod|type|const|static|union)\s+([A-Za-z_]\w*)/,
    /^macro_rules!\s*([A-Za-z_]\w*)/,
    /^(?:unsafe\s+)?impl(?:<[^{]*?>)?\s+(?:[\w:<>, ]+\s+for\s+)?([\w:]+)/,
  ],
  members: [/^(?:pub(?:\([^)]*\))?\s+)?(?:async\s+)?(?:unsafe\s+)?(?:const\s+)?fn\s+([A-Za-z_]\w*)/],
  leading: /^(\/\/|#\[|#!\[)/,
};

const PYTHON: LanguageRules = {
  depths: indentDepths,
  declarations: [/^(?:async\s+)?(?:def|class)\s+([A-Za-z_]\w*)/, /^([A-Za-z_]\w*)\s*(?::[^=]+)?=\s*/],
  members: [/^(?:async\s+)?def\s+([A-Za-z_]\w*)/, /^class\s+([A-Za-z_]\w*)/],
  leading: /^(@|#)/,
};

const MARKDOWN: LanguageRules = {
  depths: markdownDepths,
  declarations: [/^#{1,3}\s+(.+?)\s*#*$/],
  members: [],
  leading: /^$^/,
};

/** Rules for a language, or undefined for the line-window fallback. */
export function rulesFor(language: Language): LanguageRules | undefined {
  switch (language) {
    case 'typescript':
    case 'javascript':
      return TS_JS;
    case 'go':
      return GO;
    case 'java':
      return JAVA;
    case 'rust':
      return RUST;
    case 'python':
      return PYTHON;
    case 'markdown':
      return MARKDOWN;
    case 'text':
      return undefined;
  }
}
