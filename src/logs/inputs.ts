/**
 * Which files to read, and whose logs they are. Directories are walked iteratively (no recursion,
 * symbolic links to directories are not followed); `/var/log/containers/*.log` are symbolic links
 * into `/var/log/pods`, so files are deduplicated by their real path and the more informative
 * kubelet path wins.
 */
import { lstatSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { basename, join, resolve, sep } from 'node:path';
import { UsageError } from '../errors.js';

export interface ContainerId {
  namespace: string;
  pod: string;
  container: string;
  /** how the names were found */
  source: 'pods' | 'containers' | 'docker' | 'file';
}

export interface LogInput {
  /** absolute path as given or found */
  path: string;
  /** path shown in reports: relative to the current directory when inside it */
  display: string;
  /** size on disk */
  size: number;
  id: ContainerId;
}

/** Log-like file names inside directories: *.log, rotated *.log.N / *.log.<stamp>, *.gz */
const LOG_NAME = /\.log(?:\.[^/]*)?$|\.gz$|-json\.log/;
const MAX_WALK_ENTRIES = 1_000_000;

/**
 * Container identity from a kubelet or Docker path.
 * - `/var/log/pods/<namespace>_<pod>_<uid>/<container>/<n>.log[.<rotation>[.gz]]`
 * - `/var/log/containers/<pod>_<namespace>_<container>-<container id>.log`
 * - `/var/lib/docker/containers/<id>/<id>-json.log[.<n>[.gz]]`
 * Otherwise the file name (without log and rotation suffixes) names the container.
 */
export function containerIdOf(path: string): ContainerId {
  const parts = path.split(/[\\/]/).filter(Boolean);
  const file = parts[parts.length - 1] ?? path;
  const dir = parts[parts.length - 2] ?? '';
  const parentDir = parts[parts.length - 3] ?? '';
  const pods = /^([^_]+)_([^_]+)_([0-9a-fA-F-]+)$/.exec(parentDir);
  if (pods && /^\d+\.log(?:\..*)?$/.test(file) && dir) {
    return { namespace: pods[1]!, pod: pods[2]!, container: dir, source: 'pods' };
  }
  const containers = /^([^_]+)_([^_]+)_(.+)-[0-9a-f]{64}\.log(?:\..*)?$/.exec(file);
  if (containers) return { namespace: containers[2]!, pod: containers[1]!, container: containers[3]!, source: 'containers' };
  const docker = /^([0-9a-f]{64})-json\.log(?:\..*)?$/.exec(file);
  if (docker) return { namespace: '', pod: '', container: docker[1]!.slice(0, 12), source: 'docker' };
  const stem = file.replace(/\.gz$/, '').replace(/\.log(?:\..*)?$/, '').replace(/\.\d+$/, '') || file;
  return { namespace: '', pod: '', container: stem, source: 'file' };
}

/** Display key of a container: `<namespace>/<pod>/<container>`, or the container alone. */
export function containerKey(id: ContainerId): string {
  return id.pod ? `${id.namespace}/${id.pod}/${id.container}` : id.container;
}

const SOURCE_RANK: Record<ContainerId['source'], number> = { pods: 0, containers: 1, docker: 2, file: 3 };

export function collectInputs(args: string[], cwd: string): LogInput[] {
  if (args.length === 0) throw new UsageError('logs needs at least one file or directory', "e.g. 'logvol logs /var/log/pods'");
  const byReal = new Map<string, LogInput>();
  const add = (abs: string, size: number): void => {
    let real = abs;
    try {
      real = realpathSync(abs);
    } catch {
      // keep the path as given
    }
    const id = containerIdOf(abs);
    const prev = byReal.get(real);
    if (prev && SOURCE_RANK[prev.id.source] <= SOURCE_RANK[id.source]) return;
    byReal.set(real, { path: abs, display: displayPath(abs, cwd), size, id });
  };
  for (const arg of args) {
    const abs = resolve(cwd, arg);
    let st;
    try {
      st = statSync(abs);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new UsageError(`cannot read ${arg}: ${code === 'ENOENT' ? 'no such file or directory' : code ?? (e as Error).message}`);
    }
    if (st.isDirectory()) {
      const before = byReal.size;
      walk(abs, add);
      if (byReal.size === before) throw new UsageError(`no log files in ${arg}`, 'logs reads *.log, rotated *.log.* and *.gz files');
    } else add(abs, st.size);
  }
  return [...byReal.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function walk(root: string, add: (abs: string, size: number) => void): void {
  const stack = [root];
  let seen = 0;
  while (stack.length > 0) {
    const dir = stack.pop()!;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      if (++seen > MAX_WALK_ENTRIES) throw new UsageError(`more than ${MAX_WALK_ENTRIES} entries under ${root}`, 'pass a narrower directory');
      const abs = join(dir, e.name);
      if (e.isDirectory()) {
        stack.push(abs);
        continue;
      }
      if (!LOG_NAME.test(e.name)) continue;
      try {
        // a symbolic link counts when it points at a regular file (kubelet's /var/log/containers)
        const st = e.isSymbolicLink() ? statSync(abs) : lstatSync(abs);
        if (st.isFile()) add(abs, st.size);
      } catch {
        // dangling link: nothing to read
      }
    }
  }
}

function displayPath(abs: string, cwd: string): string {
  const base = cwd.endsWith(sep) ? cwd : cwd + sep;
  return abs.startsWith(base) ? abs.slice(base.length).split(sep).join('/') : abs.split(sep).join('/') || basename(abs);
}
