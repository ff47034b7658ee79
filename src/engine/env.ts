/** A count set by an environment variable (tests, measurements), else `otherwise`. */
export function envCount(name: string, otherwise: number): number {
  const v = process.env[name] ?? '';
  return /^\d+$/.test(v) ? Number(v) : otherwise;
}
