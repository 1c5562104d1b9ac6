import { html } from 'hono/html';

/** A page that says plainly what went wrong (no script, no data). */
export function errorPage(title: string, detail: string) {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <title>${title} · Agentic Dev Pipeline</title>
        <link rel="stylesheet" href="/dashboard/dashboard.css" />
      </head>
      <body>
        <main id="main">
          <h1>${title}</h1>
          <p>${detail}</p>
          <p><a href="/">All runs</a></p>
        </main>
      </body>
    </html>`;
}
