/** Programmatic API. */
export { scan, type ScanOptions, type ScanResult } from './engine/scan.js';
export { loadConfig, type ResolvedConfig } from './config/load.js';
export { rules } from '../rules/index.js';
export type { Finding } from './engine/findings.js';
export * from './rule-api.js';
