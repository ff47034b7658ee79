/** The rule registry: one import per rule folder, sorted by id. A test checks it against rules/. */
import type { Rule } from '../src/rule-api.js';
import contextPrint from './context-print/rule.js';
import logInLoop from './log-in-loop/rule.js';
import requestDump from './request-dump/rule.js';
import stackTraceLog from './stack-trace-log/rule.js';
import tzLoadPerRequest from './tz-load-per-request/rule.js';

export const rules: readonly Rule[] = [contextPrint, logInLoop, requestDump, stackTraceLog, tzLoadPerRequest] as unknown as Rule[];
