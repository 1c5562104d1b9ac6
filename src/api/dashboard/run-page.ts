import { html } from 'hono/html';
import { dashboardPage, type PageViewer } from './dashboard-page.js';

const section = (id: string, title: string, hint: string) =>
  html`<section id="${id}" aria-labelledby="${id}-title">
    <h2 id="${id}-title">${title}</h2>
    <div class="content"><p class="muted">${hint}</p></div>
  </section>`;

/**
 * `/runs/{id}`: one run. The sections are filled from the API (the run, its steps, its timeline) and stay live
 * through the run's event stream.
 */
export function runPage(viewer: PageViewer, runId: string) {
  return dashboardPage({
    title: 'Run',
    viewer,
    data: { page: 'run', 'run-id': runId },
    body: html`<h1 id="run-title">Run ${runId}</h1>
      <p id="run-summary" class="summary"></p>
      <div class="actions" role="group" aria-label="Steer this run">
        <button type="button" data-command="approve" disabled>Approve plan</button>
        <button type="button" data-command="cancel" disabled>Cancel run</button>
        <button type="button" data-command="retry" disabled>Retry run</button>
        <span id="command-result" role="status" aria-live="polite"></span>
      </div>
      ${section('graph', 'Graph', 'Loading the graph…')} ${section('cost', 'Cost', 'Loading the cost…')}
      ${section('plan', 'Plan', 'No plan yet.')} ${section('tests', 'Tests', 'No test round yet.')}
      ${section('transcripts', 'Agents', 'No agent has worked yet.')}
      ${section('changes', 'Changes', 'No pull request yet.')}
      ${section('timeline', 'Timeline', 'Loading the timeline…')}`,
  });
}
