import { ChromaClient } from 'chromadb';

/** A client for a Chroma server URL such as `http://localhost:8000` or `https://chroma.example.com`. */
export function clientForUrl(url: string): ChromaClient {
  const parsed = new URL(url);
  const ssl = parsed.protocol === 'https:';
  const port = parsed.port ? Number(parsed.port) : ssl ? 443 : 80;
  return new ChromaClient({ host: parsed.hostname, port, ssl });
}
