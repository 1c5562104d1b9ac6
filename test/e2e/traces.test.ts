import { afterEach, describe, expect, it } from 'vitest';
import { startOtlpReceiver, type OtlpReceiver } from '../support/otlp-receiver.js';
import type { Harness } from './harness.js';
import { startHarness } from './harness.js';
import { featureScript, labelNewIssue } from './scripts/steering.js';

describe('with OTEL_EXPORTER_OTLP_ENDPOINT set', () => {
  let h: Harness | undefined;
  let receiver: OtlpReceiver | undefined;
  afterEach(async () => {
    await h?.close();
    await receiver?.close();
    h = undefined;
  });

  it('exports a span per graph node and per model call, with GenAI token attributes', async () => {
    receiver = await startOtlpReceiver();
    h = await startHarness({
      script: featureScript(),
      env: { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_SERVICE_NAME: 'pipeline-e2e' },
    });
    const issue = await labelNewIssue(h);
    const run = await h.waitForRun(issue, ['succeeded', 'failed', 'waiting_input'], 60_000);
    expect(run.status, run.error ?? '').toBe('succeeded');
    await h.close(); // flushes the batched spans
    h = undefined;

    const spans = receiver.spans;
    const nodes = spans.filter((s) => s.name.startsWith('pipeline.node '));
    expect(nodes.map((s) => s.attributes['pipeline.node'])).toEqual(
      expect.arrayContaining(['intake', 'plan', 'develop', 'test', 'finalize']),
    );
    expect(nodes.every((s) => s.attributes['pipeline.run.id'] === run.id)).toBe(true);
    expect(nodes[0]?.resource['service.name']).toBe('pipeline-e2e');

    const calls = spans.filter((s) => s.attributes['gen_ai.operation.name'] === 'chat');
    // intake 1, planning 1, development 2 (see featureScript).
    expect(calls).toHaveLength(4);
    const spanById = new Map(spans.map((s) => [s.spanId, s]));
    for (const call of calls) {
      expect(call.name).toBe('chat claude-sonnet-4-6');
      expect(call.kind).toBe(3); // SPAN_KIND_CLIENT
      expect(call.attributes).toMatchObject({
        'gen_ai.system': 'anthropic',
        'gen_ai.request.model': 'claude-sonnet-4-6',
        'gen_ai.response.model': 'claude-sonnet-4-6',
      });
      expect(call.attributes['gen_ai.usage.input_tokens']).toBeGreaterThan(0);
      expect(call.attributes['gen_ai.usage.output_tokens']).toBeGreaterThan(0);
      // Each model call is inside the node that made it.
      const parent = call.parentSpanId ? spanById.get(call.parentSpanId) : undefined;
      expect(parent?.name).toMatch(/^pipeline\.node (intake|plan|develop)$/);
      expect(parent?.traceId).toBe(call.traceId);
    }
    const inputTokens = calls.reduce((sum, c) => sum + Number(c.attributes['gen_ai.usage.input_tokens']), 0);
    expect(inputTokens).toBe(run.inputTokens + run.cacheReadTokens + run.cacheWriteTokens);
  }, 120_000);
});
