import { html } from 'hono/html';
import { RunStatuses } from '../../storage/index.js';
import { dashboardPage, type PageViewer } from './dashboard-page.js';

export interface RunsPageFilter {
  repo?: string | undefined;
  status?: string | undefined;
}

/** `/`: the runs table with its filters; the rows come from the API and stay live through the run-list stream. */
export function runsPage(viewer: PageViewer, filter: RunsPageFilter, newestEventId: number) {
  const status = (value: string) =>
    html`<option value="${value}" ${filter.status === value ? 'selected' : ''}>
      ${value.replace('_', ' ')}
    </option>`;
  return dashboardPage({
    title: 'Runs',
    viewer,
    data: { page: 'runs', after: String(newestEventId) },
    body: html`<h1>Runs</h1>
      <form class="filters" method="get" action="/" aria-label="Filter runs">
        <label>Repository <input name="repo" placeholder="owner/name" value="${filter.repo ?? ''}" /></label>
        <label
          >Status
          <select name="status">
            <option value="">any</option>
            ${RunStatuses.map(status)}
          </select>
        </label>
        <button type="submit">Filter</button>
      </form>
      <table class="runs">
        <caption class="visually-hidden">
          Runs, newest first
        </caption>
        <thead>
          <tr>
            <th scope="col">Status</th>
            <th scope="col">Repository</th>
            <th scope="col">Issue</th>
            <th scope="col">Trigger</th>
            <th scope="col">Duration</th>
            <th scope="col">Cost</th>
          </tr>
        </thead>
        <tbody id="run-rows">
          <tr>
            <td colspan="6">Loading runs…</td>
          </tr>
        </tbody>
      </table>
      <p><button type="button" id="more" hidden>Show older runs</button></p>`,
  });
}
