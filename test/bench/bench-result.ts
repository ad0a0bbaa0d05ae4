import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const v = sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
  return Math.round(v * 1000) / 1000;
}

/** Writes test-results/bench/<name>.json as {"metrics": {...}, "env": {...}} and prints it. */
export function writeBenchResult(name: string, metrics: Record<string, number>, extra: Record<string, unknown> = {}): void {
  const dir = join(process.cwd(), 'test-results', 'bench');
  mkdirSync(dir, { recursive: true });
  const result = {
    metrics,
    env: { node: process.version, platform: process.platform, arch: process.arch, cpus: cpus().length, cpu: cpus()[0]?.model, date: new Date().toISOString(), ...extra },
  };
  writeFileSync(join(dir, `${name}.json`), `${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify({ name, ...result })}\n`);
}
