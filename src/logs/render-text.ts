/** Text layout of the logs report: a summary line, then top-N tables. Pure: report → string. */
import { sanitizeForTerminal } from '../engine/text.js';
import type { LogsReport, StreamVolume } from './report.js';

const TEMPLATE_WIDTH = 100;

/** 1536 → `1.5 KiB`; exact bytes below 1 KiB */
export function formatBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return u === 0 ? `${Math.round(v)} B` : `${v.toFixed(1)} ${units[u]}`;
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** one line of a template or example: line breaks shown as ⏎, control characters escaped */
export function oneLine(s: string, width: number): string {
  const flat = sanitizeForTerminal(s.replace(/\r?\n/g, ' ⏎ '));
  return flat.length > width ? `${flat.slice(0, width - 1)}…` : flat;
}

function table(head: string[], rows: string[][], rightAligned: Set<number>): string[] {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const fmt = (r: string[]): string =>
    r
      .map((c, i) => (i === r.length - 1 && !rightAligned.has(i) ? c : rightAligned.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [fmt(head), ...rows.map(fmt)];
}

function rate(s: StreamVolume): [string, string] {
  return s.bytesPerSecond === null ? ['-', '-'] : [`${formatBytes(s.bytesPerSecond)}/s`, formatBytes(s.bytesPerDay!)];
}

export function renderText(r: LogsReport): string {
  const out: string[] = [];
  const t = r.totals;
  const span = t.firstTime && t.lastTime ? `, ${t.firstTime} … ${t.lastTime}` : '';
  out.push(
    `logvol logs: ${formatCount(t.files)} file(s), ${formatCount(t.containers)} container(s), ${formatBytes(t.bytes)} in ${formatCount(t.lines)} lines ` +
      `(${formatCount(t.events)} events, ${formatCount(t.templates)} templates)${span}`,
  );
  out.push('');
  out.push(`Volume by container and stream (top ${Math.min(r.options.top, r.containers.length)} of ${r.containers.length})`);
  const rows: string[][] = [];
  for (const c of r.containers.slice(0, r.options.top)) {
    for (const s of c.streams) {
      const [perS, perDay] = rate(s);
      rows.push([
        sanitizeForTerminal(c.key),
        s.stream,
        formatBytes(s.bytes),
        formatCount(s.lines),
        perS,
        perDay,
        formatCount(s.lineLength.p50),
        formatCount(s.lineLength.p99),
        formatCount(s.lineLength.max),
        formatCount(s.overMaxLineBytes),
        formatCount(s.overBufferBytes),
      ]);
    }
  }
  out.push(
    ...table(
      ['CONTAINER', 'STREAM', 'BYTES', 'LINES', 'BYTES/S', 'PER DAY', 'P50', 'P99', 'MAX', `>${formatBytes(r.options.maxLineBytes)}`, `>${formatBytes(r.options.bufferBytes)}`],
      rows,
      new Set([2, 3, 4, 5, 6, 7, 8, 9, 10]),
    ).map((l) => `  ${l}`),
  );
  out.push(`  line lengths in bytes; rates over each container's first-to-last timestamp`);
  out.push('');
  out.push(`Top ${r.templates.length} templates by bytes`);
  const trows = r.templates.map((tp) => [String(tp.rank), formatBytes(tp.bytes), `${(tp.share * 100).toFixed(1)}%`, formatCount(tp.events), oneLine(tp.template, TEMPLATE_WIDTH)]);
  const lines = table(['#', 'BYTES', 'SHARE', 'EVENTS', 'TEMPLATE'], trows, new Set([0, 1, 2, 3]));
  out.push(`  ${lines[0]}`);
  r.templates.forEach((tp, i) => {
    out.push(`  ${lines[i + 1]}`);
    const indent = ' '.repeat(lines[0]!.indexOf('TEMPLATE') + 2);
    for (const a of tp.attribution ?? []) out.push(`${indent}${sanitizeForTerminal(a)}`);
  });
  if (r.otherTemplates.templates > 0) {
    out.push(`  other: ${formatCount(r.otherTemplates.templates)} templates, ${formatBytes(r.otherTemplates.bytes)}, ${formatCount(r.otherTemplates.events)} events`);
  }
  out.push('');
  const ll = r.lineLength;
  out.push(
    `Line length: p50 ${formatCount(ll.p50)} B, p99 ${formatCount(ll.p99)} B, max ${formatCount(ll.max)} B; ` +
      `${formatCount(t.overMaxLineBytes)} line(s) over ${formatBytes(r.options.maxLineBytes)} (split by the runtime), ` +
      `${formatCount(t.overBufferBytes)} over ${formatBytes(r.options.bufferBytes)} (dropped by a shipper that skips long lines)`,
  );
  if (r.source) out.push(`Source: ${sanitizeForTerminal(r.source.root)}, ${formatCount(r.source.sites)} sink call(s) (${r.source.languages.join(', ') || 'none'})`);
  for (const n of r.notices) out.push(`notice: ${sanitizeForTerminal(n)}`);
  return `${out.join('\n')}\n`;
}
