/** One row of the benchmark table; each bench script prints its rows as one JSON line. */
export interface BenchRow {
  measure: string;
  figure: string;
  budget: string;
  ok: boolean;
}

export function printRows(rows: BenchRow[]): void {
  console.log(JSON.stringify(rows));
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? NaN;
}
