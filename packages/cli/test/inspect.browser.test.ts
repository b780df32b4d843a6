// The inspect page in real headless Chromium (Debian's /usr/bin/chromium driven by playwright-core):
// the demo writes a branch to a temp SQLite file, the server reads it, and the page must highlight the
// current state, list a known deadline, explain a refused event with its rule id and render pixels.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { shanghaiStartOf } from '@dangwu/rules';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDemo } from '../src/commands/demo.js';
import { type InspectServer, startInspectServer } from '../src/inspect/inspect-server.js';
import { decodePng, distinctColours } from './png-decode.js';

const CHROMIUM = process.env.DANGWU_CHROMIUM ?? '/usr/bin/chromium';
const folder = mkdtempSync(join(tmpdir(), 'dangwu-inspect-'));
let server: InspectServer | undefined;
let browser: Browser | undefined;
let page: Page;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `找不到 Chromium：${CHROMIUM}。安装 Debian 的 chromium（apt-get install -y chromium）或设置 DANGWU_CHROMIUM。/ ` +
        `Chromium not found at ${CHROMIUM}: install Debian's chromium package (apt-get install -y chromium) or set DANGWU_CHROMIUM.`,
    );
  }
  const file = join(folder, 'demo.db');
  expect(await runDemo({ file, until: '2025-03-01', out: () => {} })).toBe(0);
  server = await startInspectServer({ db: file, port: 0, instance: 'dev-b', now: shanghaiStartOf('2025-03-02') });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    // playwright-core gives each launch a fresh, empty profile directory (it refuses --user-data-dir).
  });
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(server.url);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(folder, { recursive: true, force: true });
});

describe('dangwu inspect in headless Chromium', () => {
  it('draws the statechart with the current state highlighted', async () => {
    await expect(page.title()).resolves.toBe('dangwu inspect · dev-b');
    const current = page.locator('svg [data-state="case.applied"]');
    expect(await current.getAttribute('class')).toMatch(/\bactive\b/);
    expect(await page.locator('svg [data-state="case.talked"]').getAttribute('class')).not.toMatch(/\bactive\b/);
    expect(await page.locator('svg .dw-leaf.active').count()).toBeGreaterThanOrEqual(1);
    // The highlight is really painted: the active box's fill differs from an inactive one's.
    // The expression runs in the page; it is a string because this project's tsconfig has no DOM types.
    const fill = async (state: string) =>
      String(
        await page.evaluate(
          `getComputedStyle(document.querySelector('svg [data-state="${state}"] > rect.dw-box')).fill`,
        ),
      );
    expect(await fill('case.applied')).toBe('rgb(253, 230, 138)');
    expect(await fill('case.applied')).not.toBe(await fill('case.talked'));
  });

  it('lists the pending talk deadline with its date, rule id and Chinese text', async () => {
    const row = page.locator('#deadlines tr[data-rule="DEV-APPLY-TALK-DEADLINE"]');
    await expect(row.count()).resolves.toBe(1);
    const text = await row.textContent();
    expect(text).toContain('2025-03-10');
    expect(text).toContain('DEV-APPLY-TALK-DEADLINE');
    expect(text).toContain('待办');
  });

  it('explains why an event is refused now, with the rule id', async () => {
    await page.selectOption('#explain-form select[name="type"]', 'DESIGNATE_ACTIVIST');
    const template = JSON.parse(await page.inputValue('#explain-form textarea')) as {
      type: string;
      occurredOn: string;
    };
    expect(template).toMatchObject({ type: 'DESIGNATE_ACTIVIST', occurredOn: '2025-03-02' });
    await page.click('#explain-form button[type="submit"]');
    const verdict = page.locator('#explanation [data-verdict]');
    await verdict.waitFor({ timeout: 10_000 });
    expect(await verdict.getAttribute('data-verdict')).toBe('refused');
    const explanation = await page.locator('#explanation').textContent();
    expect(explanation).toContain('DEV-APPLY-TALK-DEADLINE');
    expect(await page.locator('#explanation li[data-rule="DEV-APPLY-TALK-DEADLINE"]').textContent()).toMatch(/^✗/);
  });

  it('renders a screenshot with real pixels, different for another instance', async () => {
    const first = await page.screenshot();
    const image = decodePng(first);
    expect([image.width, image.height]).toEqual([1400, 900]);
    expect(first.length).toBeGreaterThan(20_000);
    expect(distinctColours(image)).toBeGreaterThan(50);
    writeFileSync(join(tmpdir(), 'dangwu-inspect-screenshot.png'), first);
    await page.click('#instances a[href="/?instance=dev-a"]');
    await page.waitForURL(/instance=dev-a/);
    expect(await page.locator('svg [data-state="case.awaitingApproval"]').getAttribute('class')).toMatch(/\bactive\b/);
    const second = await page.screenshot();
    expect(second.equals(first)).toBe(false);
  });

  it('answers the JSON API and refuses unknown instances', async () => {
    if (!server) throw new Error('server not started');
    const response = await fetch(new URL('/api/explain', server.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ instanceId: 'nope', event: { type: 'X' } }),
    });
    expect(response.status).toBe(404);
    const bad = await fetch(new URL('/api/explain', server.url), { method: 'POST', body: '{' });
    expect(bad.status).toBe(400);
    const svg = await fetch(new URL('/diagram.svg?instance=dev-b', server.url));
    expect(svg.headers.get('content-type')).toContain('image/svg+xml');
    expect(await svg.text()).toContain('data-state="case.applied"');
  });
});
