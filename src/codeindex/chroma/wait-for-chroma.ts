import type { ChromaClient } from 'chromadb';

/** Polls the heartbeat until Chroma answers, `shouldStop()` turns true, or the timeout passes. */
export async function waitForChroma(
  client: ChromaClient,
  options: { timeoutMs: number; shouldStop?: () => string | undefined },
): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    const stopReason = options.shouldStop?.();
    if (stopReason) throw new Error(stopReason);
    try {
      await client.heartbeat();
      return;
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Chroma did not answer its heartbeat within ${options.timeoutMs} ms: ${String(lastError)}`);
}
