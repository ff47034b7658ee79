/** In-process scans of the fixtures, for tests of an engine option. */
import { join } from 'node:path';
import { scan, type ScanOptions, type ScanResult } from '../../src/engine/scan.js';
import { loadConfig } from '../../src/config/load.js';
import { rules } from '../../rules/index.js';
import { REPO } from './fixtures.js';

/** Scan every fixture (tests included) with `extra`, and count what `counter` counts during it. */
export async function scanFixturesCounting(extra: Partial<ScanOptions>, counter: () => number): Promise<{ result: ScanResult; counted: number }> {
  const root = join(REPO, 'fixtures');
  const config = loadConfig({ cwd: root, rules });
  const before = counter();
  const result = await scan({ cwd: root, root, paths: ['.'], config, rules, includeTests: true, ...extra });
  return { result, counted: counter() - before };
}
