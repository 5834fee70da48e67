/** Results go to stdout as one JSON object per line; everything meant for a human goes to stderr. */
export function emit(result: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

export function progress(line: string): void {
  process.stderr.write(`[bench] ${line}\n`);
}

export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export const round = (value: number, digits = 1): number => Number(value.toFixed(digits));

/** The machine the numbers came from, printed once per run so results can be compared later. */
export async function machine(): Promise<Record<string, unknown>> {
  const os = await import('node:os');
  return { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', memGiB: round(os.totalmem() / 2 ** 30), node: process.version };
}
