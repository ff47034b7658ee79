/** Parse-only worker for the benchmark's floor: same parsers, same reads, no summaries. */
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { EXTENSIONS, parse } from '../src/languages/parsers.js';

export default function run(batch: string[]): number {
  let nodes = 0;
  for (const abs of batch) {
    const ext = EXTENSIONS[extname(abs)];
    if (!ext) continue;
    const text = readFileSync(abs, 'utf8');
    nodes += parse(ext.grammar, text).rootNode.childCount;
  }
  return nodes;
}
