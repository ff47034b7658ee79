/**
 * Template table with bounded memory. Keys are at most TEMPLATE_CHARS long. When more than
 * 2 × MAX_TEMPLATES distinct templates are open (masking failed to collapse something, such as free
 * text with random words), the table keeps the MAX_TEMPLATES largest by bytes and folds the rest
 * into `pruned`; a template pruned and seen again restarts from zero, so its counts are lower
 * bounds. `prunedTemplates > 0` in the report says this happened.
 */
import { templateOf } from './template.js';
import type { LogEvent } from './events.js';
import type { Stream } from './readers.js';

export const MAX_TEMPLATES = 10_000;
const EXAMPLE_CHARS = 2048;

export interface TemplateStats {
  template: string;
  /** the first event seen with this template (a prefix of it) */
  example: string;
  exampleTruncated: boolean;
  bytes: number;
  events: number;
  lines: number;
  /** container key → bytes */
  byContainer: Map<string, number>;
  streams: Set<Stream>;
}

export class TemplateTable {
  private readonly map = new Map<string, TemplateStats>();
  pruned = { templates: 0, bytes: 0, events: 0 };

  add(e: LogEvent, container: string, stream: Stream): void {
    const key = templateOf(e.text, !e.truncated);
    let t = this.map.get(key);
    if (!t) {
      if (this.map.size >= 2 * MAX_TEMPLATES) this.prune();
      t = {
        template: key,
        example: e.text.length > EXAMPLE_CHARS ? e.text.slice(0, EXAMPLE_CHARS) : e.text,
        exampleTruncated: e.truncated || e.text.length > EXAMPLE_CHARS,
        bytes: 0,
        events: 0,
        lines: 0,
        byContainer: new Map(),
        streams: new Set(),
      };
      this.map.set(key, t);
    }
    t.bytes += e.bytes;
    t.events++;
    t.lines += e.lines;
    t.byContainer.set(container, (t.byContainer.get(container) ?? 0) + e.bytes);
    t.streams.add(stream);
  }

  get size(): number {
    return this.map.size;
  }

  /** all templates, most bytes first (ties: template text) */
  ranked(): TemplateStats[] {
    return [...this.map.values()].sort((a, b) => b.bytes - a.bytes || (a.template < b.template ? -1 : a.template > b.template ? 1 : 0));
  }

  private prune(): void {
    for (const t of this.ranked().slice(MAX_TEMPLATES)) {
      this.map.delete(t.template);
      this.pruned.templates++;
      this.pruned.bytes += t.bytes;
      this.pruned.events += t.events;
    }
  }
}
