import { mkdir } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { REPO, startHarness, type Harness } from '../e2e/harness.js';
import { auditTrail, labelNewIssue, withConfig } from '../e2e/scripts/steering.js';
import { call, develop, diagnose, intake, plan } from '../e2e/scripts/builders.js';
import { SUB_DIAGNOSIS, SUB_TEST, SUB_TEST_LINE } from '../e2e/scripts/feature-with-fix-round.js';
import { launchChromium } from './browser.js';

const SCREENSHOTS = 'test-results';

describe('the dashboard, in a browser on this machine', () => {
  let h: Harness;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    h = await startHarness({
      files: withConfig('require_approval: true\n'),
      // The first issue goes all the way, through a failing test round and its fix; the second waits for
      // approval and is cancelled.
      script: {
        conversations: [
          intake('feature'),
          plan(['Write src/sub.js']),
          develop('Add sub', [
            call('write_file', { path: 'src/sub.js', content: 'export const sub = (a, b) => a + b;\n' }),
            call('write_file', { path: 'test/sub.test.js', content: SUB_TEST }),
          ]),
          diagnose(SUB_DIAGNOSIS),
          develop(
            'Fix sub',
            [call('replace_in_file', { path: 'src/sub.js', oldText: 'a + b', newText: 'a - b' })],
            'Test round 1 failed',
          ),
          intake('feature'),
          plan(['Write src/mul.js']),
        ],
      },
    });
    browser = await launchChromium();
    page = await browser.newPage();
    // A script error fails the test that caused it.
    page.on('pageerror', (error) => void pageErrors.push(error.message));
  }, 60_000);
  afterEach(() => {
    expect(pageErrors).toEqual([]);
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  const url = (path: string) => `${h.app.web?.url}${path}`;
  const row = (issue: number) => page.locator('#run-rows tr', { hasText: `#${issue} ` });
  const node = (name: string) => page.locator(`svg.graph g[data-node="${name}"]`);

  it('lists a run as soon as it starts, and its page follows it through plan, develop and two test rounds live', async () => {
    await page.goto(url('/'));
    await expect.poll(() => page.locator('#run-rows').innerText()).toContain('No runs yet');
    // The page is never reloaded: a mark left on its window must survive to the end.
    await page.evaluate(() => Object.assign(globalThis, { stillTheSamePage: true }));

    const issue = await labelNewIssue(h);
    await row(issue).waitFor({ timeout: 20_000 });
    expect(await row(issue).innerText()).toContain(REPO);
    await row(issue).getByText('waiting approval').waitFor({ timeout: 30_000 });
    expect(await page.evaluate(() => 'stillTheSamePage' in globalThis)).toBe(true);

    await row(issue).getByRole('link').click();
    await page.getByRole('heading', { name: `${REPO} #${issue}: Add a subtract helper` }).waitFor();
    await page.evaluate(() => Object.assign(globalThis, { stillTheSamePage: true }));
    await page.locator('#plan').getByText('Write src/sub.js').waitFor();
    expect(await node('plan').getAttribute('class')).toContain('state-done');
    expect(await node('await_approval').getAttribute('class')).toContain('state-waiting');

    await page.getByRole('button', { name: 'Approve plan' }).click();
    await page.locator('#command-result').getByText('Done: the run is queued.').waitFor();
    await expect
      .poll(() => node('develop').getAttribute('class'), { timeout: 30_000 })
      .toMatch(/state-(running|done)/);
    await expect.poll(() => node('test').getAttribute('class'), { timeout: 30_000 }).toContain('state-done');
    await page.locator('#run-summary').getByText('succeeded').waitFor({ timeout: 30_000 });

    await expect.poll(() => page.locator('#tests tbody').innerText()).toMatch(/2\s+passed/);
    expect(await page.locator('#tests tbody').innerText()).toMatch(/1\s+failed/);
    expect(await page.locator('.rounds-text').innerText()).toBe('Test rounds: 2');
    // Code was pushed for the plan, so its task is done, as on the status comment.
    await expect.poll(() => page.locator('#plan li.done').innerText()).toBe('Write src/sub.js (done)');
    // The failing round: the check run's annotation (file:line, then the assertion) and the end of the output.
    const failedRound = page.getByRole('region', { name: 'Round 1: failed' });
    const annotation = failedRound.locator('.annotations li');
    expect(await annotation.count()).toBe(1);
    expect(await annotation.locator('.place').innerText()).toBe(`test/sub.test.js:${SUB_TEST_LINE}`);
    expect(await annotation.locator('pre').innerText()).toContain('7 == 3');
    const output = failedRound.locator('details.test-output');
    expect(await output.getAttribute('open')).toBeNull();
    await output.locator('summary').click();
    expect(await output.locator('pre').innerText()).toContain('# fail 1');
    expect(await page.getByRole('region', { name: 'Round 2: passed' }).locator('.annotations').count()).toBe(
      0,
    );
    const transcript = page.locator('#transcripts section', { hasText: 'Development agent' }).first();
    expect(await transcript.getByText('Model request 1').count()).toBe(1);
    const toolCall = transcript.locator('details', { hasText: 'write_file' }).first();
    expect(await toolCall.getAttribute('open')).toBeNull();
    await toolCall.locator('summary').click();
    expect(await toolCall.locator('pre').first().innerText()).toContain('src/sub.js');
    expect(await page.locator('#cost table').innerText()).toContain('Development agent');
    // The repository sets no max_cost_usd: the default budget of $5 is the bar's end.
    expect(await page.locator('#cost').innerText()).toContain('of the $5.00 budget');
    expect(await page.locator('#budget-meter').getAttribute('max')).toBe('5');
    expect(await page.locator('#timeline').innerText()).toContain('Test');
    // The pushed change, read from the pull request: file header, the added line as text, coloured as added.
    const changes = page.locator('#changes');
    const file = changes.locator('details.diff-file[data-key="diff-src/sub.js"]');
    await file.waitFor({ timeout: 20_000 });
    expect(await changes.innerText()).toMatch(/\d+ files changed/);
    expect(await changes.locator('details.diff-file[data-key="diff-test/sub.test.js"]').count()).toBe(1);
    expect(await file.locator('summary').innerText()).toMatch(/src\/sub\.js\s+\+1\s+−0/);
    expect(await file.getAttribute('open')).not.toBeNull();
    expect(await file.locator('pre.diff .add').allInnerTexts()).toEqual([
      '+export const sub = (a, b) => a - b;\n',
    ]);
    expect(await file.locator('pre.diff .hunk').count()).toBe(1);
    expect(await file.locator('pre.diff *:not(span)').count()).toBe(0);
    expect(await page.locator('#announcer').innerText()).toContain('succeeded');
    expect(await page.evaluate(() => 'stillTheSamePage' in globalThis)).toBe(true);

    await mkdir(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: `${SCREENSHOTS}/dashboard-run-page.png`, fullPage: true });
    const [run] = await h.runs();
    expect(run?.status).toBe('succeeded');
  }, 180_000);

  it('loads nothing from another origin, and far less than 100 KB of script', async () => {
    const fresh = await browser.newPage();
    const origins = new Set<string>();
    const scripts: Promise<number>[] = [];
    fresh.on('request', (request) => void origins.add(new URL(request.url()).origin));
    fresh.on('response', (response) => {
      if (response.request().resourceType() === 'script') scripts.push(response.body().then((b) => b.length));
    });
    await fresh.goto(url('/'));
    await fresh.locator('#run-rows tr[data-run-id]').first().waitFor();
    await fresh.locator('#run-rows a').first().click();
    await fresh.locator('svg.graph').waitFor();
    const scriptBytes = (await Promise.all(scripts)).reduce((sum, n) => sum + n, 0);
    await fresh.close();
    expect([...origins]).toEqual([new URL(url('/')).origin]);
    expect(scriptBytes).toBeGreaterThan(0);
    expect(scriptBytes).toBeLessThan(100 * 1024);
  });

  it('cancels a run from its page', async () => {
    const issue = await labelNewIssue(h, 'Add a multiply helper');
    const waiting = await h.waitForRun(issue, ['waiting_approval', 'failed', 'succeeded'], 30_000);
    expect(waiting.status, waiting.error ?? '').toBe('waiting_approval');
    await page.goto(url(`/runs/${waiting.id}`));
    const cancel = page.getByRole('button', { name: 'Cancel run' });
    await expect.poll(() => cancel.isEnabled()).toBe(true);
    // Keyboard only: focus the button and press Enter.
    await cancel.focus();
    await page.keyboard.press('Enter');
    await page.locator('#command-result').getByText('Done: the run is cancelled.').waitFor();
    await page.locator('#run-summary .badge', { hasText: 'cancelled' }).waitFor();
    expect(await cancel.isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Retry run' }).isEnabled()).toBe(true);
    const ended = await h.waitForRun(issue, ['cancelled']);
    expect(ended.status).toBe('cancelled');
    expect(await auditTrail(h, waiting.id)).toContain('api:local run.cancelled');
  }, 60_000);
});
