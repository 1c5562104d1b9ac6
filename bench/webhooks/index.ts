import { markdownTable, verdicts } from './report.js';
import { plan, runVariant, type VariantResult } from './run-variant.js';
import { variants } from './types.js';

/** The webhook benchmark: every variant in its own child process, one after the other, in one run. */
export async function runWebhooksBench(log: (line: string) => void): Promise<{ table: string; data: unknown }> {
  const results: VariantResult[] = [];
  // BENCH_VARIANTS=bare,embedded runs a subset (the baseline ratios need `bare`).
  const only = process.env['BENCH_VARIANTS']?.split(',').map((v) => v.trim());
  for (const variant of variants.filter((v) => !only || only.includes(v))) {
    log(`webhooks: ${variant}…`);
    const result = await runVariant(variant);
    log(
      `webhooks: ${variant}: 200/s p99 ${result.fixedRate.latency.p99} ms; saturation ${result.saturation.deliveriesPerSec}/s` +
        (result.check ? `; integrity ${result.check.ok ? 'ok' : result.check.problems.join(', ')}` : ''),
    );
    results.push(result);
  }
  return {
    table: markdownTable(results),
    data: {
      plan,
      notes: [
        'Acknowledgement latency: from the scheduled send (fixed rate) or the request write (saturation) to the end of the 2xx answer.',
        'Each server runs in its own child process (tsx); the load generator runs in the parent, on the same 2 cores.',
        'The app variants share their process with the GitHub twin, which answers the first permission/config lookups and the background 👀 reactions.',
        `Twin issues exist for warm-up and fixed-rate deliveries only; saturation deliveries' reactions get 404 from the twin (see stats.githubCalls).`,
      ],
      results,
      targets: verdicts(results),
    },
  };
}
