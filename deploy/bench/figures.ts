/** One line of the benchmark table: a figure, and when the issue sets one, the target it meets or misses. */
export interface Figure {
  readonly section: string;
  readonly measure: string;
  readonly value: string;
  /** The target in words, e.g. "≥ 1.5× Emmett"; empty when the figure is informative only. */
  readonly target: string;
  /** Undefined when there is no target. */
  readonly met?: boolean;
}

export type Bench = (options: BenchOptions) => Promise<Figure[]>;

export interface BenchOptions {
  /** A short run that only proves every benchmark still works. */
  readonly smoke: boolean;
  readonly databaseUrl: string;
  readonly kafkaBrokers: string | undefined;
}

export function seconds(started: bigint): number {
  return Number(process.hrtime.bigint() - started) / 1e9;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Runs each contender `rounds` times, interleaved, and returns the median rate of each. */
export async function interleaved(
  rounds: number,
  contenders: ReadonlyArray<() => Promise<number>>,
): Promise<number[]> {
  const rates: number[][] = contenders.map(() => []);
  for (let round = 0; round < rounds; round++) {
    for (const [i, run] of contenders.entries()) rates[i].push(await run());
  }
  return rates.map(median);
}

export const rate = (perSecond: number, unit: string) =>
  `${Math.round(perSecond).toLocaleString('en-US')} ${unit}/s`;
export const ratio = (value: number) => `${value.toFixed(2)}×`;
export const ms = (value: number) => `${value.toFixed(1)} ms`;

export function markdownTable(figures: readonly Figure[]): string {
  const rows = figures.map(
    (f) =>
      `| ${f.section} | ${f.measure} | ${f.value} | ${f.target || '—'} | ${f.met === undefined ? '' : f.met ? 'met' : '**missed**'} |`,
  );
  return ['| area | measure | figure | target | |', '|---|---|---|---|---|', ...rows].join('\n');
}
