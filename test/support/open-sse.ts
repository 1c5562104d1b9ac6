type Json = Record<string, unknown>;

/** One Server-Sent Events message as a client reads it. */
export type SseFrame = { id: string; event: string; data: Json };

/** An SSE connection whose frames the test reads as they come. */
export async function openSse(url: string, headers: Record<string, string> = {}) {
  const controller = new AbortController();
  const response = await fetch(url, { headers, signal: controller.signal });
  const frames: SseFrame[] = [];
  let buffer = '';
  const reading = (async () => {
    const decoder = new TextDecoder();
    for await (const chunk of response.body ?? []) {
      buffer += decoder.decode(chunk as Uint8Array, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const lines = buffer.slice(0, end).split('\n');
        buffer = buffer.slice(end + 2);
        const field = (name: string) =>
          lines
            .find((l) => l.startsWith(`${name}:`))
            ?.slice(name.length + 1)
            .trim() ?? '';
        if (lines.some((l) => l.startsWith('data:')))
          frames.push({ id: field('id'), event: field('event'), data: JSON.parse(field('data')) as Json });
      }
    }
  })().catch(() => undefined);
  return {
    response,
    frames,
    async close() {
      controller.abort();
      await reading;
    },
  };
}
