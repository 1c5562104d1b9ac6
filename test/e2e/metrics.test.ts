import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { getRun, listRunUsage } from '../../src/storage/index.js';
import { promqlMetricNames, servesMetric } from '../support/promql-metric-names.js';
import { scrapeMetrics } from '../support/scrape-metrics.js';
import type { Harness } from './harness.js';
import { MAINTAINER, REPO, startHarness } from './harness.js';
import { featureWithFixRound } from './scripts/feature-with-fix-round.js';

describe('/metrics after a run that needed one fix round', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('moved every counter by what the run did', async () => {
    h = await startHarness({ script: featureWithFixRound });
    const url = h.app.web?.url ?? '';
    const before = await scrapeMetrics(url);
    expect(before.sum('pipeline_runs_total')).toBe(0);

    const issue = await h.github.openIssue(REPO, {
      title: 'Add a subtract helper',
      body: 'We need `sub(a, b)` next to `sum`.',
      user: MAINTAINER,
    });
    await h.github.addLabel(REPO, issue.number, 'pipeline', { by: MAINTAINER });
    const ended = await h.waitForRun(issue.number, ['succeeded', 'failed', 'waiting_input'], 60_000);
    expect(ended.status, ended.error ?? '').toBe('succeeded');
    await h.github.settle();
    const after = await scrapeMetrics(url);

    // Every delivery the twin made, counted under its event and the status it was answered with (the
    // installation's, made before the app listened, reached nobody).
    const deliveries = new Map<string, number>();
    for (const d of h.github.deliveries.filter((d) => d.status !== 0)) {
      const key = `${d.event} ${d.status}`;
      deliveries.set(key, (deliveries.get(key) ?? 0) + 1);
    }
    expect(deliveries.size).toBeGreaterThan(0);
    for (const [key, count] of deliveries) {
      const [event = '', outcome = ''] = key.split(' ');
      expect(after.sum('pipeline_webhooks_total', { event, outcome }), key).toBe(count);
      expect(after.sum('pipeline_webhook_handle_seconds_count', { event }), key).toBeGreaterThanOrEqual(
        count,
      );
    }

    // One run, queued once and ended once; the table holds it as succeeded.
    expect(after.sum('pipeline_runs_total', { status: 'succeeded' })).toBe(1);
    expect(after.sum('pipeline_runs_total')).toBe(1);
    expect(after.sum('pipeline_runs', { status: 'succeeded' })).toBe(1);
    expect(after.sum('pipeline_queue_wait_seconds_count')).toBe(1);
    expect(after.samples.some((s) => s.name === 'pipeline_queue_jobs')).toBe(true);

    // Each node timed once per time it ran; one failed and one passed test round.
    const nodeRuns = { intake: 1, plan: 1, develop: 2, test: 2, finalize: 1 };
    for (const [node, count] of Object.entries(nodeRuns)) {
      expect(after.sum('pipeline_node_seconds_count', { node }), node).toBe(count);
    }
    expect(after.sum('pipeline_test_rounds_total', { outcome: 'failed' })).toBe(1);
    expect(after.sum('pipeline_test_rounds_total', { outcome: 'passed' })).toBe(1);

    // Tokens and cost per model and agent: the same figures the run stores per agent, adding up to its totals
    // (the database keeps each call's cost to six decimals).
    const run = await getRun(h.db, ended.id);
    const usage = await listRunUsage(h.db, ended.id);
    expect(usage.map((u) => [u.agent, u.model, u.calls])).toEqual([
      ['development', 'claude-sonnet-4-6', 4],
      ['intake', 'claude-sonnet-4-6', 1],
      ['planning', 'claude-sonnet-4-6', 3],
      ['testing', 'claude-sonnet-4-6', 2],
    ]);
    for (const u of usage) {
      const labels = { model: u.model, agent: u.agent };
      expect(after.sum('pipeline_llm_tokens_total', { ...labels, kind: 'input' }), u.agent).toBe(
        u.inputTokens,
      );
      expect(after.sum('pipeline_llm_tokens_total', { ...labels, kind: 'output' }), u.agent).toBe(
        u.outputTokens,
      );
      expect(after.sum('pipeline_llm_cost_usd_total', labels), u.agent).toBeCloseTo(u.costUsd, 5);
    }
    expect(after.sum('pipeline_llm_tokens_total', { kind: 'input' })).toBe(run?.inputTokens);
    expect(after.sum('pipeline_llm_tokens_total', { kind: 'output' })).toBe(run?.outputTokens);
    expect(after.sum('pipeline_llm_cost_usd_total')).toBeCloseTo(run?.costUsd ?? -1, 5);

    // GitHub calls by route, as many as the twin answered.
    const twinCount = (method: string, path: RegExp) =>
      h?.github.requests.filter((r) => r.method === method && path.test(r.path)).length ?? 0;
    const checkRuns = twinCount('POST', /^\/repos\/acme\/widgets\/check-runs$/);
    expect(checkRuns).toBe(2);
    expect(
      after.sum('pipeline_github_requests_total', { route: 'POST /repos/{owner}/{repo}/check-runs' }),
    ).toBe(checkRuns);
    expect(after.sum('pipeline_github_requests_total', { route: 'POST /repos/{owner}/{repo}/pulls' })).toBe(
      twinCount('POST', /^\/repos\/acme\/widgets\/pulls$/),
    );
    // The failures: each read of a `.github/pipeline.yml` the repository and its org do not have.
    const failedOnTwin = h.github.requests.filter((r) => r.status >= 400 && r.operationId !== 'git');
    expect(failedOnTwin.length).toBeGreaterThan(0);
    expect(failedOnTwin.every((r) => r.status === 404 && r.operationId === 'repos/get-content')).toBe(true);
    expect(after.sum('pipeline_github_request_errors_total')).toBe(failedOnTwin.length);
    expect(
      after.sum('pipeline_github_request_errors_total', {
        route: 'GET /repos/{owner}/{repo}/contents/{path}',
        status: '404',
      }),
    ).toBe(failedOnTwin.length);
  }, 120_000);
});

const DASHBOARD = new URL('../../deploy/grafana/pipeline-dashboard.json', import.meta.url);

type Dashboard = { panels: { title: string; targets?: { expr: string }[] }[] };

describe('the Grafana dashboard in deploy/grafana', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('charts only metrics that /metrics serves, and every pipeline metric it serves', async () => {
    const dashboard = JSON.parse(await readFile(DASHBOARD, 'utf8')) as Dashboard;
    const named = new Set(
      dashboard.panels.flatMap((p) => (p.targets ?? []).flatMap((t) => promqlMetricNames(t.expr))),
    );
    expect(named).toContain('pipeline_node_seconds_bucket');

    h = await startHarness();
    const scrape = await scrapeMetrics(h.app.web?.url ?? '');
    const missing = [...named].filter((name) => !servesMetric(scrape.families, name));
    expect(missing).toEqual([]);
    const unused = [...scrape.families].filter(
      (family) =>
        family.startsWith('pipeline_') &&
        ![...named].some((name) => name === family || name.startsWith(`${family}_`)),
    );
    expect(unused).toEqual([]);
  });
});
