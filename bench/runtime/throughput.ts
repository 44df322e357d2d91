/**
 * A small in-house timing loop. Contenders run in interleaved rounds (a, b, c, a, b, c, ...) so that a
 * slow phase of the machine hits all of them alike; each figure is the median of its rounds, and only
 * ratios within one run are meant to be compared.
 */
import { formatNumber, formatRatio, markdownTable, median } from "../report.js";

/**
 * Whose code a contender runs: the hand-written baseline, ours, a peer library's, or a hand-written floor
 * (the least any implementation with capsule-entity's guarantees must do, for reference).
 */
export type Role = "baseline" | "capsule-entity" | "peer" | "floor";

export interface Contender {
  readonly name: string;
  readonly role: Role;
  /** One operation on the `index`-th input; it must return its result, which is checked so the engine cannot drop the work. */
  readonly run: (index: number) => unknown;
}

export interface TimingOptions {
  readonly rounds: number;
  readonly roundMs: number;
  readonly warmupMs: number;
}

export const defaultTiming: TimingOptions = { rounds: 9, roundMs: 150, warmupMs: 300 };

const batch = 32;

/** Operations per second over one round of about `durationMs`. */
function round(contender: Contender, durationMs: number): number {
  let operations = 0;
  const started = performance.now();
  let elapsed = 0;
  while (elapsed < durationMs) {
    for (let index = 0; index < batch; index += 1) {
      if (contender.run(operations + index) === undefined) throw new Error(`${contender.name} returned nothing`);
    }
    operations += batch;
    elapsed = performance.now() - started;
  }
  return (operations / elapsed) * 1000;
}

/** Median operations per second of each contender, in the order given. */
export function measureThroughput(contenders: readonly Contender[], options: TimingOptions = defaultTiming): number[] {
  for (const contender of contenders) round(contender, options.warmupMs);
  const samples = contenders.map((): number[] => []);
  for (let index = 0; index < options.rounds; index += 1) {
    contenders.forEach((contender, position) => samples[position]!.push(round(contender, options.roundMs)));
  }
  return samples.map(median);
}

/**
 * One runtime comparison as Markdown: each contender's throughput, its ratio to the baseline, and
 * capsule-entity's throughput divided by it (> 1 means capsule-entity is faster).
 */
export function throughputTable(contenders: readonly Contender[], options: TimingOptions = defaultTiming): string {
  const opsPerSecond = measureThroughput(contenders, options);
  const figureOf = (role: Role): number | undefined =>
    opsPerSecond[contenders.findIndex((contender) => contender.role === role)];
  const baseline = figureOf("baseline");
  const ours = figureOf("capsule-entity");
  return markdownTable(
    ["contender", "ops/s", "µs/op", "throughput ÷ baseline", "capsule-entity throughput ÷ this"],
    contenders.map((contender, index) => {
      const figure = opsPerSecond[index]!;
      return [
        contender.name,
        formatNumber(figure),
        formatNumber(1e6 / figure),
        formatRatio(figure, baseline),
        formatRatio(ours, figure),
      ];
    }),
  );
}
