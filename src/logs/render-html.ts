/**
 * One self-contained HTML page: inline CSS, inline SVG charts and a few lines of inline script,
 * no external URL of any kind, so it opens offline and from a CI artifact. A Content-Security-Policy
 * meta tag forbids loading anything, which also guarantees that nothing from the log text (it is
 * escaped everywhere) can fetch or run. Pure: report → string.
 */
import { sanitizeForTerminal } from '../engine/text.js';
import type { LogsReport } from './report.js';
import { formatBytes, formatCount } from './render-text.js';

const LABEL_CHARS = 70;

/** HTML-escapes text; control characters other than tab and newline are shown as `\xNN` */
export function escapeHtml(s: string): string {
  return sanitizeForTerminal(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function flat(s: string, n: number): string {
  // eslint-disable-next-line no-control-regex
  const f = s.replace(/\r?\n/g, ' ⏎ ').replace(/[\u0000-\u001f\u007f]/g, '�');
  return f.length > n ? `${f.slice(0, n - 1)}…` : f;
}

function templateChart(r: LogsReport): string {
  const rows = r.templates;
  if (rows.length === 0) return '<p>No log lines.</p>';
  const barH = 22;
  const gap = 6;
  const labelW = 470;
  const barW = 360;
  const valueW = 150;
  const width = labelW + barW + valueW;
  const height = rows.length * (barH + gap) + gap;
  const max = Math.max(...rows.map((t) => t.bytes), 1);
  const bars = rows
    .map((t, i) => {
      const y = gap + i * (barH + gap);
      const w = Math.max(1, Math.round((t.bytes / max) * barW));
      return (
        `<g class="bar" data-rank="${t.rank}" tabindex="0"><title>${escapeHtml(flat(t.template, 400))}</title>` +
        `<text class="label" x="${labelW - 8}" y="${y + barH / 2}" text-anchor="end" dominant-baseline="middle">${t.rank}. ${escapeHtml(flat(t.template, LABEL_CHARS))}</text>` +
        `<rect x="${labelW}" y="${y}" width="${w}" height="${barH}" rx="3"></rect>` +
        `<text class="value" x="${labelW + w + 6}" y="${y + barH / 2}" dominant-baseline="middle">${escapeHtml(formatBytes(t.bytes))} · ${(t.share * 100).toFixed(1)}%</text></g>`
      );
    })
    .join('');
  return `<svg id="templates-chart" role="img" aria-label="bytes per template" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">${bars}</svg>`;
}

function histogramChart(r: LogsReport): string {
  const bins = r.lineLength.histogram;
  if (bins.length === 0) return '<p>No log lines.</p>';
  const w = 34;
  const h = 180;
  const top = 20;
  const bottom = 46;
  const width = bins.length * w + 60;
  const max = Math.max(...bins.map((b) => b.count), 1);
  // log scale: a single 6 MiB line must stay visible next to a million short ones
  const scale = (c: number): number => (c === 0 ? 0 : Math.max(2, Math.round((Math.log10(c + 1) / Math.log10(max + 1)) * h)));
  const marks = [r.options.maxLineBytes, r.options.bufferBytes];
  const cols = bins
    .map((b, i) => {
      const x = 50 + i * w;
      const bh = scale(b.count);
      const over = marks.some((m) => b.to - 1 > m) ? ' over' : '';
      const label = b.to <= 1 ? '0' : formatBytes(b.from).replace(' ', '');
      return (
        `<g class="bin${over}"><title>${escapeHtml(`${formatCount(b.from)}–${formatCount(b.to - 1)} bytes: ${formatCount(b.count)} lines`)}</title>` +
        `<rect x="${x + 2}" y="${top + h - bh}" width="${w - 4}" height="${bh}"></rect>` +
        `<text class="tick" x="${x + w / 2}" y="${top + h + 14}" text-anchor="end" transform="rotate(-45 ${x + w / 2} ${top + h + 14})">${escapeHtml(label)}</text></g>`
      );
    })
    .join('');
  return (
    `<svg id="length-histogram" role="img" aria-label="line length histogram" viewBox="0 0 ${width} ${top + h + bottom}" width="${width}" height="${top + h + bottom}">` +
    `<text class="axis" x="4" y="12">lines (log scale)</text>${cols}</svg>`
  );
}

function containerTable(r: LogsReport): string {
  const rows = r.containers
    .flatMap((c) =>
      c.streams.map(
        (s) =>
          `<tr><td>${escapeHtml(c.key)}</td><td>${s.stream}</td><td data-v="${s.bytes}">${formatBytes(s.bytes)}</td><td data-v="${s.lines}">${formatCount(s.lines)}</td>` +
          `<td data-v="${s.bytesPerSecond ?? -1}">${s.bytesPerSecond === null ? '–' : `${formatBytes(s.bytesPerSecond)}/s`}</td>` +
          `<td data-v="${s.bytesPerDay ?? -1}">${s.bytesPerDay === null ? '–' : formatBytes(s.bytesPerDay)}</td>` +
          `<td data-v="${s.lineLength.p50}">${formatCount(s.lineLength.p50)}</td><td data-v="${s.lineLength.p99}">${formatCount(s.lineLength.p99)}</td>` +
          `<td data-v="${s.lineLength.max}">${formatCount(s.lineLength.max)}</td><td data-v="${s.overMaxLineBytes}">${formatCount(s.overMaxLineBytes)}</td>` +
          `<td data-v="${s.overBufferBytes}">${formatCount(s.overBufferBytes)}</td></tr>`,
      ),
    )
    .join('\n');
  return (
    `<table class="sortable" id="containers"><thead><tr><th>container</th><th>stream</th><th>bytes</th><th>lines</th><th>bytes/s</th><th>per day</th>` +
    `<th>p50</th><th>p99</th><th>max</th><th>&gt; ${escapeHtml(formatBytes(r.options.maxLineBytes))}</th><th>&gt; ${escapeHtml(formatBytes(r.options.bufferBytes))}</th></tr></thead>\n<tbody>${rows}</tbody></table>`
  );
}

function templateTable(r: LogsReport): string {
  const rows = r.templates
    .map((t) => {
      const sources = (t.attribution ?? []).map((a) => `<li>${escapeHtml(a)}</li>`).join('');
      const where = t.containers
        .slice(0, 3)
        .map((c) => `${escapeHtml(c.key)} (${(c.shareOfContainer * 100).toFixed(0)}%)`)
        .join(', ');
      return (
        `<tr id="t${t.rank}"><td>${t.rank}</td><td data-v="${t.bytes}">${formatBytes(t.bytes)}</td><td data-v="${t.share}">${(t.share * 100).toFixed(1)}%</td>` +
        `<td data-v="${t.events}">${formatCount(t.events)}</td><td><code>${escapeHtml(flat(t.template, 600))}</code>` +
        `<details><summary>example and containers</summary><pre>${escapeHtml(t.example)}</pre><p>${where}</p></details>` +
        (sources ? `<ul class="sources">${sources}</ul>` : '') +
        `</td></tr>`
      );
    })
    .join('\n');
  return `<table id="templates"><thead><tr><th>#</th><th>bytes</th><th>share</th><th>events</th><th>template</th></tr></thead>\n<tbody>${rows}</tbody></table>`;
}

const CSS = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px;color:#1d2330;background:#fff}
h1{font-size:20px;margin:0 0 4px}h2{font-size:16px;margin:28px 0 8px}
.summary{color:#4a5263}
table{border-collapse:collapse;width:100%;font-size:13px}
th,td{border-bottom:1px solid #e3e6ec;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f4f6f9;cursor:default}table.sortable th{cursor:pointer}
td[data-v]{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
code,pre{font:12px/1.4 ui-monospace,SFMono-Regular,Menlo,monospace;white-space:pre-wrap;word-break:break-all}
pre{background:#f6f8fa;padding:8px;max-height:240px;overflow:auto}
.sources{margin:4px 0 0;padding-left:18px;color:#9b1c1c}
svg text{font:12px ui-monospace,SFMono-Regular,Menlo,monospace;fill:#1d2330}
#templates-chart rect{fill:#3b6fd8}#templates-chart g.bar:first-child rect{fill:#d8453b}
#templates-chart g.bar{cursor:pointer}#templates-chart g.bar:hover rect{opacity:.8}
#length-histogram rect{fill:#6b8fd6}#length-histogram g.over rect{fill:#d8453b}
tr.hl{background:#fff6d6}
.note{color:#4a5263;font-size:12px}
`;

const JS = `
document.querySelectorAll('#templates-chart g.bar').forEach(function (g) {
  g.addEventListener('click', function () {
    var row = document.getElementById('t' + g.getAttribute('data-rank'));
    if (!row) return;
    document.querySelectorAll('tr.hl').forEach(function (r) { r.classList.remove('hl'); });
    row.classList.add('hl');
    row.scrollIntoView({ block: 'center' });
  });
});
document.querySelectorAll('table.sortable th').forEach(function (th, col) {
  th.addEventListener('click', function () {
    var body = th.closest('table').tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var desc = th.getAttribute('data-desc') !== '1';
    th.setAttribute('data-desc', desc ? '1' : '0');
    rows.sort(function (a, b) {
      var x = a.cells[col], y = b.cells[col];
      var vx = x.hasAttribute('data-v') ? Number(x.getAttribute('data-v')) : x.textContent;
      var vy = y.hasAttribute('data-v') ? Number(y.getAttribute('data-v')) : y.textContent;
      return (vx < vy ? -1 : vx > vy ? 1 : 0) * (desc ? -1 : 1);
    });
    rows.forEach(function (r) { body.appendChild(r); });
  });
});
`;

export function renderHtml(r: LogsReport): string {
  const t = r.totals;
  const span = t.firstTime && t.lastTime ? `, ${escapeHtml(t.firstTime)} … ${escapeHtml(t.lastTime)}` : '';
  const source = r.source ? `<p class="note">Source: ${escapeHtml(r.source.root)}, ${formatCount(r.source.sites)} sink calls.</p>` : '';
  const notices = r.notices.length ? `<h2>Notices</h2><ul>${r.notices.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>` : '';
  const other = r.otherTemplates.templates
    ? `<p class="note">Other templates: ${formatCount(r.otherTemplates.templates)}, ${escapeHtml(formatBytes(r.otherTemplates.bytes))}.</p>`
    : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>logvol logs report</title>
<style>${CSS}</style>
</head>
<body>
<h1>logvol logs</h1>
<p class="summary">${formatCount(t.files)} files, ${formatCount(t.containers)} containers, ${escapeHtml(formatBytes(t.bytes))} in ${formatCount(t.lines)} lines (${formatCount(t.events)} events, ${formatCount(t.templates)} templates)${span}</p>
<h2>Bytes per template (top ${r.templates.length})</h2>
${templateChart(r)}
${other}
<h2>Templates</h2>
${templateTable(r)}
${source}
<h2>Line length</h2>
<p class="summary">p50 ${formatCount(r.lineLength.p50)} B · p99 ${formatCount(r.lineLength.p99)} B · max ${formatCount(r.lineLength.max)} B · ${formatCount(t.overMaxLineBytes)} over ${escapeHtml(formatBytes(r.options.maxLineBytes))} · ${formatCount(t.overBufferBytes)} over ${escapeHtml(formatBytes(r.options.bufferBytes))} (red bins)</p>
${histogramChart(r)}
<p class="note">${escapeHtml(r.percentileMethod)}</p>
<h2>Volume by container and stream</h2>
${containerTable(r)}
${notices}
<script>${JS}</script>
</body>
</html>
`;
}
