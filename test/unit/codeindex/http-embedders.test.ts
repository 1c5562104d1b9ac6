import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EmbeddingApiError } from '../../../src/codeindex/embedding/http-embedder.js';
import { createOpenAiEmbedder } from '../../../src/codeindex/embedding/openai-embedder.js';
import { createVoyageEmbedder } from '../../../src/codeindex/embedding/voyage-embedder.js';

interface Seen {
  path: string;
  authorization: string | undefined;
  body: { model: string; input: string[]; input_type?: string };
}

async function readBody(req: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of req) text += String(chunk);
  return text;
}

describe('hosted embedding providers against a local HTTP stub', () => {
  let server: Server;
  let baseUrl: string;
  const seen: Seen[] = [];
  let failures: number[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      void readBody(req).then((text) => {
        const body = JSON.parse(text) as Seen['body'];
        seen.push({ path: req.url ?? '', authorization: req.headers.authorization, body });
        const status = failures.shift();
        if (status) {
          res.writeHead(status, { 'content-type': 'application/json' }).end('{"error":"nope"}');
          return;
        }
        const data = body.input
          .map((s, index) => ({ object: 'embedding', index, embedding: [s.length, index] }))
          .reverse();
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ object: 'list', data, model: body.model }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  beforeEach(() => {
    seen.length = 0;
    failures = [];
  });

  describe('Voyage', () => {
    it('posts documents and queries with their input_type and keeps the input order', async () => {
      const voyage = createVoyageEmbedder({ apiKey: 'vk', baseUrl });
      expect(voyage.modelId).toBe('voyage/voyage-code-3');
      expect(await voyage.embedDocuments(['a', 'bbb'])).toEqual([
        [1, 0],
        [3, 1],
      ]);
      expect(await voyage.embedQuery('cc')).toEqual([2, 0]);
      expect(seen.map((s) => [s.path, s.authorization, s.body.model, s.body.input_type])).toEqual([
        ['/v1/embeddings', 'Bearer vk', 'voyage-code-3', 'document'],
        ['/v1/embeddings', 'Bearer vk', 'voyage-code-3', 'query'],
      ]);
    });

    it('retries a 429 and then succeeds', async () => {
      failures = [429];
      const voyage = createVoyageEmbedder({ apiKey: 'vk', baseUrl });
      expect(await voyage.embedQuery('x')).toEqual([1, 0]);
      expect(seen).toHaveLength(2);
    });
  });

  describe('OpenAI', () => {
    it('splits large inputs into batches and names the model', async () => {
      const openai = createOpenAiEmbedder({ apiKey: 'ok', baseUrl, model: 'text-embedding-3-small' });
      const texts = Array.from({ length: 300 }, (_, i) => 'x'.repeat(i % 5));
      const vectors = await openai.embedDocuments(texts);
      expect(vectors).toHaveLength(300);
      expect(vectors[299]).toEqual([4, 43]);
      expect(seen.map((s) => s.body.input.length)).toEqual([256, 44]);
      expect(openai.modelId).toBe('openai/text-embedding-3-small');
    });

    it('fails at once on a 401 with a message that names the key', async () => {
      failures = [401];
      const openai = createOpenAiEmbedder({ apiKey: 'bad', baseUrl });
      const error = await openai.embedQuery('x').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(EmbeddingApiError);
      expect((error as EmbeddingApiError).message).toMatch(/HTTP 401.*check the API key/);
      expect(seen).toHaveLength(1);
    });
  });
});
