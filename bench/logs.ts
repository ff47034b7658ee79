/**
 * `npm run bench:logs [-- --gb 1 --dir /tmp/x --keep]`: writes a CRI log of at least 1 GB
 * (context-print flood, access lines, lines over 16 KiB split into P chunks) as a stream, then runs
 * `logvol logs --format json` on it in a child process and reports throughput and the child's peak
 * RSS (getrusage maxrss, read by the child itself at exit). Not part of `npm test`: it takes a
 * minute or so and the disk space of the log.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeBigCri } from './logs-gen.js';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

async function child(path: string): Promise<void> {
  const { buildLogsReport } = await import('../src/logs/cli.js');
  const start = process.hrtime.bigint();
  const report = await buildLogsReport([path], { top: 10, maxLineBytes: 16384, bufferBytes: 5 * 1024 * 1024, source: join(REPO, 'fixtures', 'logs', 'go-bff') });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  process.stdout.write(
    JSON.stringify({
      seconds,
      maxRssBytes: process.resourceUsage().maxRSS * 1024,
      bytes: report.totals.diskBytes,
      lines: report.totals.lines,
      templates: report.totals.templates,
      top: report.templates[0]?.template.slice(0, 60),
      topShare: report.templates[0]?.share,
      attribution: report.templates[0]?.attribution?.[0],
    }),
  );
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === '--child') return child(args[1]!);
  const gb = Number(args[args.indexOf('--gb') + 1] ?? 1) || 1;
  const dir = args.includes('--dir') ? args[args.indexOf('--dir') + 1]! : mkdtempSync(join(tmpdir(), 'logvol-bench-logs-'));
  const file = join(dir, 'var/log/pods/shop_bff-7f9c4d5b8-x2x9q_3f1d2c4b-8a9e-4f6d-b2c1-0e9f8a7b6c5d/bff/0.log');
  try {
    const t0 = Date.now();
    const w = await writeBigCri(file, gb * 1e9);
    process.stderr.write(`generated ${(w.bytes / 1e9).toFixed(2)} GB (${w.lines} lines) in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
    const run = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', file], { encoding: 'utf8', maxBuffer: 1 << 20 });
    if (run.status !== 0) throw new Error(`child failed: ${run.stderr}`);
    const r = JSON.parse(run.stdout) as { seconds: number; maxRssBytes: number; bytes: number; lines: number; templates: number; top: string; topShare: number; attribution: string };
    const size = statSync(file).size;
    console.log(
      [
        `input        ${(size / 1e9).toFixed(2)} GB, ${r.lines.toLocaleString('en-US')} lines, ${r.templates} templates`,
        `time         ${r.seconds.toFixed(1)} s (${(size / 1e6 / r.seconds).toFixed(0)} MB/s)`,
        `peak RSS     ${(r.maxRssBytes / 1024 / 1024).toFixed(0)} MiB (limit 300 MiB)`,
        `top template ${(r.topShare * 100).toFixed(1)}% ${r.top}…`,
        `attribution  ${r.attribution}`,
      ].join('\n'),
    );
    if (r.maxRssBytes >= 300 * 1024 * 1024) process.exitCode = 1;
  } finally {
    if (!args.includes('--keep')) rmSync(dir, { recursive: true, force: true });
  }
}

await main();
