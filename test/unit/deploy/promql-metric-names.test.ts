import { describe, expect, it } from 'vitest';
import { promqlMetricNames, servesMetric } from '../../support/promql-metric-names.js';

describe('reading the metric names of a dashboard query', () => {
  it('leaves out functions, grouping labels, matchers and ranges', () => {
    expect(
      promqlMetricNames(
        'histogram_quantile(0.95, sum by (le, node) (rate(pipeline_node_seconds_bucket{node=~"a|b"}[30m])))',
      ),
    ).toEqual(['pipeline_node_seconds_bucket']);
    expect(promqlMetricNames('max by (state) (pipeline_queue_jobs) / on (state) other_metric')).toEqual([
      'pipeline_queue_jobs',
      'other_metric',
    ]);
  });

  it("counts a histogram's series as served by its family", () => {
    const families = new Set(['pipeline_node_seconds']);
    expect(servesMetric(families, 'pipeline_node_seconds_bucket')).toBe(true);
    expect(servesMetric(families, 'pipeline_node_second_bucket')).toBe(false);
    expect(servesMetric(families, 'pipeline_nodes_total')).toBe(false);
  });
});
