import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { RunEventTypes } from '../../storage/index.js';

/** What every page shows in its header: who is signed in, and the token its scripts send with commands. */
export interface PageViewer {
  /** A GitHub login, or undefined on this machine without login. */
  login: string | undefined;
  csrfToken: string;
}

/**
 * A dashboard page: plain HTML that reads without its script, and the one small ES module that fills it in
 * from the API and keeps it live (`data-*` on <main> tell it what to show).
 */
export function dashboardPage(options: {
  title: string;
  viewer: PageViewer;
  data: Record<string, string>;
  body: HtmlEscapedString | Promise<HtmlEscapedString>;
}): HtmlEscapedString | Promise<HtmlEscapedString> {
  const { title, viewer, data } = options;
  // The script listens to every event type by name (an EventSource hears named events only so).
  const dataAttributes = Object.entries({ ...data, 'event-types': RunEventTypes.join(',') }).map(
    ([key, value]) => html` data-${key}="${value}"`,
  );
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="csrf-token" content="${viewer.csrfToken}" />
        <title>${title} · Agentic Dev Pipeline</title>
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href="/dashboard/dashboard.css" />
        <script type="module" src="/dashboard/dashboard.mjs"></script>
      </head>
      <body>
        <a class="skip" href="#main">Skip to content</a>
        <header class="top">
          <a href="/" class="brand">Agentic Dev Pipeline</a>
          <span class="who">
            ${
              viewer.login
                ? html`Signed in as <strong>${viewer.login}</strong>
                    <form method="post" action="/logout" class="inline">
                      <input type="hidden" name="csrf" value="${viewer.csrfToken}" />
                      <button type="submit">Sign out</button>
                    </form>`
                : html`Local access (this machine only)`
            }
          </span>
        </header>
        <main id="main" ${dataAttributes}>${options.body}</main>
        <div id="announcer" class="visually-hidden" role="status" aria-live="polite"></div>
      </body>
    </html>`;
}
