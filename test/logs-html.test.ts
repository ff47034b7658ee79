/**
 * The HTML report: one self-contained page (no external URL, log text escaped), checked in headless
 * Chromium over the DevTools protocol (`--remote-debugging-pipe`, no extra dependency): it renders,
 * the bar chart's first bar is the top template and the longest bar, and there are no console
 * errors, exceptions or network requests.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Readable, Writable } from 'node:stream';
import { writeScenario } from '../bench/logs-gen.js';
import { buildLogsReport, renderLogsReport } from '../src/logs/cli.js';
import type { LogsReport } from '../src/logs/report.js';
import { REPO } from './harness/fixtures.js';
import { scratchDir } from './harness/tmp.js';

const CHROMIUM = '/usr/bin/chromium';
let dir: string;
let report: LogsReport;
let html: string;
let htmlPath: string;

before(async () => {
  dir = scratchDir('logvol-html-');
  writeScenario(join(dir, 'logs'));
  // hostile log content: markup, a script, an external URL and terminal escapes
  mkdirSync(join(dir, 'logs', 'hostile'));
  writeFileSync(join(dir, 'logs', 'hostile', 'evil.log'), '<script>alert(1)</script></svg><img src="https://example.com/x.png"> \u001b[31mred\n'.repeat(3));
  report = await buildLogsReport([join(dir, 'logs')], { top: 20, maxLineBytes: 16384, bufferBytes: 5 * 1024 * 1024, source: join(REPO, 'fixtures', 'logs', 'go-bff') }, dir);
  html = renderLogsReport(report, 'html');
  htmlPath = join(dir, 'report.html');
  writeFileSync(htmlPath, html);
});

after(() => rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 }));

test('the page is self-contained and escapes log text', () => {
  assert.match(html, /^<!doctype html>/);
  assert.doesNotMatch(html, /<[a-z][^<>]*\s(?:src|href)\s*=/i, 'no tag with a src or href attribute');
  assert.doesNotMatch(html, /url\(|@import|<link\b/i);
  assert.equal((html.match(/<script>/g) ?? []).length, 1, 'only our own inline script');
  assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
  assert.ok(!html.includes('\u001b'));
  assert.match(html, /Content-Security-Policy" content="default-src 'none'/);
  assert.match(html, /<svg id="templates-chart"/);
  assert.match(html, /<svg id="length-histogram"/);
  assert.ok(html.includes(report.templates[0]!.attribution![0]!.replace(/&/g, '&amp;')));
});

interface CdpMessage {
  id?: number;
  method?: string;
  params?: Record<string, unknown>;
  result?: Record<string, unknown>;
  error?: { message: string };
  sessionId?: string;
}

/** A minimal DevTools-protocol client over Chromium's pipe (fd 3 in, fd 4 out, NUL-separated JSON). */
function openBrowser(profile: string): { send: (method: string, params?: object, sessionId?: string) => Promise<Record<string, unknown>>; events: CdpMessage[]; waitFor: (method: string) => Promise<CdpMessage>; close: () => Promise<void> } {
  const proc = spawn(
    CHROMIUM,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--user-data-dir=${profile}`,
      '--remote-debugging-pipe',
      'about:blank',
    ],
    // its own process group: its helpers (zygote, renderer, crash handler) go with it on close
    { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'], detached: true },
  );
  const toBrowser = proc.stdio[3] as Writable;
  const fromBrowser = proc.stdio[4] as Readable;
  const events: CdpMessage[] = [];
  const pending = new Map<number, { resolve: (r: Record<string, unknown>) => void; reject: (e: Error) => void }>();
  const waiters: { method: string; resolve: (m: CdpMessage) => void }[] = [];
  let buf = '';
  let nextId = 1;
  fromBrowser.setEncoding('utf8');
  fromBrowser.on('data', (chunk: string) => {
    buf += chunk;
    let nul;
    while ((nul = buf.indexOf('\0')) >= 0) {
      const msg = JSON.parse(buf.slice(0, nul)) as CdpMessage;
      buf = buf.slice(nul + 1);
      if (msg.id !== undefined) {
        const p = pending.get(msg.id);
        pending.delete(msg.id);
        if (msg.error) p?.reject(new Error(msg.error.message));
        else p?.resolve(msg.result ?? {});
      } else if (msg.method) {
        events.push(msg);
        for (const w of waiters.filter((x) => x.method === msg.method)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(msg);
        }
      }
    }
  });
  proc.on('exit', () => {
    for (const p of pending.values()) p.reject(new Error('chromium exited'));
  });
  return {
    events,
    send: (method, params = {}, sessionId) =>
      new Promise((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve, reject });
        toBrowser.write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
      }),
    waitFor: (method) => new Promise((resolve) => waiters.push({ method, resolve })),
    // After Browser.close Chromium stops its helpers and exits; killed at once, the helpers outlived
    // it and still wrote into the profile while the test removed it (ENOTEMPTY in CI). So: a few
    // seconds to exit, then the whole group is killed, helpers included.
    close: () =>
      new Promise<void>((resolve) => {
        const killGroup = (): void => {
          try {
            process.kill(-proc.pid!, 'SIGKILL');
          } catch {
            // the group is gone already
          }
        };
        if (proc.exitCode !== null || proc.signalCode !== null) {
          killGroup();
          return resolve();
        }
        const timer = setTimeout(killGroup, 5_000);
        proc.once('exit', () => {
          clearTimeout(timer);
          killGroup();
          resolve();
        });
      }),
  };
}

test('headless Chromium renders it: the top template is the first and longest bar, no console errors, no requests', { timeout: 60_000 }, async (t) => {
  if (!existsSync(CHROMIUM)) {
    t.skip(`chromium not installed: ${CHROMIUM} is missing (apt-get install chromium to run this check)`);
    return;
  }
  const browser = openBrowser(join(dir, 'profile'));
  try {
    const { targetId } = (await browser.send('Target.createTarget', { url: 'about:blank' })) as { targetId: string };
    const { sessionId } = (await browser.send('Target.attachToTarget', { targetId, flatten: true })) as { sessionId: string };
    for (const d of ['Runtime.enable', 'Log.enable', 'Network.enable', 'Page.enable']) await browser.send(d, {}, sessionId);
    const loaded = browser.waitFor('Page.loadEventFired');
    const url = pathToFileURL(htmlPath).href;
    await browser.send('Page.navigate', { url }, sessionId);
    await loaded;
    const expression = `(() => {
      const bars = [...document.querySelectorAll('#templates-chart g.bar')];
      const widths = bars.map((b) => b.querySelector('rect').getBBox().width);
      bars[0].dispatchEvent(new MouseEvent('click', { bubbles: true }));
      return {
        title: document.title,
        bars: bars.length,
        firstLabel: bars[0].querySelector('text.label').textContent,
        firstWidth: widths[0],
        maxWidth: Math.max(...widths),
        chartHeight: document.getElementById('templates-chart').getBoundingClientRect().height,
        histogramBins: document.querySelectorAll('#length-histogram g.bin').length,
        highlighted: document.querySelector('tr.hl') ? document.querySelector('tr.hl').id : null,
        injected: document.querySelectorAll('img').length,
      };
    })()`;
    const { result } = (await browser.send('Runtime.evaluate', { expression, returnByValue: true }, sessionId)) as { result: { value: Record<string, unknown> } };
    const v = result.value;
    assert.equal(v.title, 'logvol logs report');
    assert.equal(v.bars, report.templates.length);
    assert.ok(String(v.firstLabel).startsWith('1. Context => context.Background.WithValue('), String(v.firstLabel));
    assert.ok(Number(v.firstWidth) > 0 && v.firstWidth === v.maxWidth, 'the top template has the longest bar');
    assert.ok(Number(v.chartHeight) > 0);
    assert.equal(v.histogramBins, report.lineLength.histogram.length);
    assert.equal(v.highlighted, 't1', 'clicking a bar highlights its row');
    assert.equal(v.injected, 0, 'log text did not become markup');
    const problems = browser.events.filter(
      (e) =>
        e.method === 'Runtime.exceptionThrown' ||
        (e.method === 'Runtime.consoleAPICalled' && (e.params as { type: string }).type === 'error') ||
        (e.method === 'Log.entryAdded' && (e.params as { entry: { level: string } }).entry.level === 'error') ||
        (e.method === 'Network.requestWillBeSent' && (e.params as { request: { url: string } }).request.url !== url),
    );
    assert.deepEqual(problems.map((p) => JSON.stringify(p.params).slice(0, 300)), []);
    await browser.send('Browser.close').catch(() => undefined);
  } finally {
    await browser.close();
  }
});
