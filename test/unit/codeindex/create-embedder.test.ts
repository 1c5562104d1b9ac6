import { describe, expect, it } from 'vitest';
import { createEmbedder } from '../../../src/codeindex/embedding/create-embedder.js';

describe('createEmbedder', () => {
  it('uses the local embedder when no key is set', () => {
    expect(createEmbedder().modelId).toBe('local-hash-v1-1024');
  });

  it('prefers Voyage, then OpenAI, when their keys are set', () => {
    expect(createEmbedder({ voyageApiKey: 'v', openaiApiKey: 'o' }).modelId).toBe('voyage/voyage-code-3');
    expect(createEmbedder({ openaiApiKey: 'o' }).modelId).toBe('openai/text-embedding-3-small');
  });

  it('honours an explicit provider and refuses a hosted one without its key', () => {
    expect(createEmbedder({ provider: 'local', voyageApiKey: 'v', localDimensions: 256 }).modelId).toBe(
      'local-hash-v1-256',
    );
    expect(() => createEmbedder({ provider: 'openai' })).toThrow(/needs an OpenAI API key/);
  });
});
