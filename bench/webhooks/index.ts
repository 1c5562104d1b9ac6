import { markdownTable, verdicts } from './report.js';
import { plan, runVariant, type VariantResult } from './run-variant.js';
import { variants } from './types.js';

/** The webhook benchmark: every variant in its own child process, one after the other, in one run. */
export async function runWebhooksBench(
  log: (line: string) => void,
): Promise<{ table: string; data: unknown }> {
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
        'Background 👀 reactions go through Probot Octokit write throttling (one POST per second), so almost all of them are still queued in the server when a variant ends (see stats.githubCalls); the server is stopped after a 5 s grace.',
        'server.cpuMsPerDelivery is the server process CPU (user+system) per 2xx delivery; it includes the twin, which is idle after the first lookups.',
      ],
      results,
      targets: verdicts(results),
    },
  };
}
