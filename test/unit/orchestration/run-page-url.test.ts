import { describe, expect, it } from 'vitest';
import { runPageUrl } from '../../../src/orchestration/run-page-url.js';

describe("a run's page on the dashboard", () => {
  it('is under the public URL, with or without its trailing slash', () => {
    expect(runPageUrl({ PIPELINE_PUBLIC_URL: 'https://ci.example.org/pipeline/' }, 'abc')).toBe(
      'https://ci.example.org/pipeline/runs/abc',
    );
    expect(runPageUrl({ PIPELINE_PUBLIC_URL: 'https://ci.example.org' }, 'abc')).toBe(
      'https://ci.example.org/runs/abc',
    );
  });

  it('is not linked at all without a public URL', () => {
    expect(runPageUrl({ PIPELINE_PUBLIC_URL: undefined }, 'abc')).toBeUndefined();
  });
});
