import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseRepoConfig } from '../../../src/config/repo-config.js';
import { repoRoot } from './load-manifests.js';

describe('.github/pipeline.yml.example', () => {
  it('is a configuration the app accepts, so users can copy it as it is', () => {
    const raw: unknown = parse(readFileSync(join(repoRoot, '.github/pipeline.yml.example'), 'utf8'));
    const result = parseRepoConfig(raw);
    expect(result.ok ? [] : result.problems).toEqual([]);
  });
});
