import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MAINTAINER, READER, REPO, startHarness, type Harness } from '../e2e/harness.js';
import { labelNewIssue } from '../e2e/scripts/steering.js';
import { launchChromium } from './browser.js';

type Answer = { status: number; body: Record<string, unknown> };

describe('the dashboard with GitHub login', () => {
  let h: Harness;
  let browser: Browser;
  let runId: string;
  let issue: number;
  const pageErrors: string[] = [];
  const pages: Page[] = [];

  beforeAll(async () => {
    // No worker: the run stays queued, which is all these tests need to see.
    h = await startHarness({ dashboardLogin: true, worker: false });
    h.github.addUser('stranger');
    issue = await labelNewIssue(h);
    runId = (await h.waitForRun(issue, ['queued'])).id;
    browser = await launchChromium();
  }, 60_000);
  afterEach(async () => {
    await Promise.all(pages.splice(0).map((p) => p.context().close()));
    expect(pageErrors).toEqual([]);
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  const url = (path: string) => `${h.app.web?.url}${path}`;

  /** A fresh browser (no cookies) whose person is signed in to GitHub as `login`, on the dashboard. */
  async function signedInAs(login: string): Promise<Page> {
    const page = await (await browser.newContext()).newPage();
    pages.push(page);
    page.on('pageerror', (error) => void pageErrors.push(error.message));
    h.github.signInBrowser(login);
    await page.goto(url('/'));
    await page.getByText(`Signed in as ${login}`).waitFor();
    return page;
  }

  /** A request the page's own script could make (same origin, its cookie), with or without its CSRF token. */
  function fromPage(page: Page, path: string, method = 'GET', withCsrf = true): Promise<Answer> {
    return page.evaluate(
      async ({ path, method, withCsrf }) => {
        const meta = (
          globalThis as unknown as {
            document: { querySelector(s: string): { getAttribute(n: string): string } | null };
          }
        ).document;
        const csrf = meta.querySelector('meta[name="csrf-token"]')?.getAttribute('content') ?? '';
        const response = await fetch(path, { method, headers: withCsrf ? { 'x-csrf-token': csrf } : {} });
        return { status: response.status, body: (await response.json()) as Record<string, unknown> };
      },
      { path, method, withCsrf },
    );
  }

  it('sends a visitor to GitHub and back, and lists the runs of repositories they can read', async () => {
    const page = await signedInAs(MAINTAINER);
    await page.locator('#run-rows tr', { hasText: `#${issue} ` }).waitFor();
    expect(await page.locator('#run-rows').innerText()).toContain(REPO);
    const cookies = await page.context().cookies();
    const session = cookies.find((c) => c.name === 'pipeline_session');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    // The cookie is sealed: the GitHub token in it cannot be read off it.
    expect(session?.value).not.toMatch(/ghu_/);
  });

  it('shows a person without access to the repository no run of it', async () => {
    const page = await signedInAs('stranger');
    await page.locator('#run-rows').getByText('No runs yet.').waitFor();
    expect((await fromPage(page, '/api/v1/runs')).body.runs).toEqual([]);
    expect((await fromPage(page, `/api/v1/runs/${runId}`)).status).toBe(404);
    await page.goto(url(`/runs/${runId}`));
    await page.getByRole('heading', { name: 'This run could not be shown' }).waitFor();
    expect((await fromPage(page, `/api/v1/runs/${runId}/cancel`, 'POST')).status).toBe(404);
    expect((await h.runs())[0]?.status).toBe('queued');
  });

  it('lets a reader watch but not steer, and a writer steer only with the CSRF token', async () => {
    const reader = await signedInAs(READER);
    await reader.locator('#run-rows tr', { hasText: `#${issue} ` }).waitFor();
    const refused = await fromPage(reader, `/api/v1/runs/${runId}/cancel`, 'POST');
    expect(refused.status).toBe(403);

    const writer = await signedInAs(MAINTAINER);
    const forged = await fromPage(writer, `/api/v1/runs/${runId}/cancel`, 'POST', false);
    expect(forged.status).toBe(403);
    expect(String(forged.body.detail)).toContain('CSRF');
    await writer.goto(url(`/runs/${runId}`));
    const cancel = writer.getByRole('button', { name: 'Cancel run' });
    await expect.poll(() => cancel.isEnabled()).toBe(true);
    await cancel.click();
    await writer.locator('#command-result').getByText('Done: the run is cancelled.').waitFor();
    expect((await h.runs())[0]?.status).toBe('cancelled');
  });

  it('signs out', async () => {
    const page = await signedInAs(MAINTAINER);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Signed out' }).waitFor();
    expect((await page.context().cookies()).map((c) => c.name)).not.toContain('pipeline_session');
    // Signed out, this machine is no way in either: the API wants a session or a token.
    expect((await fromPage(page, '/api/v1/runs')).status).toBe(401);
  });
});
