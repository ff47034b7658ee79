/** The rule registry: one import per rule folder, sorted by id. A test checks it against rules/. */
import type { Rule } from '../src/rule-api.js';
import contextPrint from './context-print/rule.js';

export const rules: readonly Rule[] = [contextPrint as unknown as Rule];
