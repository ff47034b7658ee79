import type { Formatter } from './types.js';
import { text } from './text.js';
import { json } from './json.js';
import { sarif } from './sarif.js';
import { gitlab } from './gitlab.js';
import { junit } from './junit.js';
import { github } from './github.js';

export const FORMATTERS: Record<string, Formatter> = { text, json, sarif, gitlab, junit, github };
export const FORMAT_NAMES = Object.keys(FORMATTERS);
export type { Formatter, ReportInput } from './types.js';
