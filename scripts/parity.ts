/**
 * `npm run parity -- --cases N --seed S`: the parity run (types-tests/parity/parity.ts) on a larger sample, for
 * local hunting. Prints every disagreement and the figures; exits 1 when there is any.
 */
import { parseArgs } from "node:util";
import { describeOutcome, runParity } from "../types-tests/parity/parity.js";

const { values } = parseArgs({
  options: { cases: { type: "string", default: "500" }, seed: { type: "string", default: "1" } },
});
const sampled = Number(values.cases);
const seed = Number(values.seed);
if (!Number.isInteger(sampled) || sampled < 0 || !Number.isInteger(seed)) {
  console.error("usage: npm run parity -- --cases <sampled cases, ≥ 0> --seed <integer>");
  process.exit(2);
}
const started = performance.now();
const report = await runParity(sampled, seed);
for (const outcome of report.disagreements) console.log(describeOutcome(outcome));
const bySide = (side: string): number => report.outcomes.filter((outcome) => outcome.decidedBy === side).length;
const accepted = report.outcomes.filter((outcome) => outcome.runtime.accepted).length;
console.log(
  `${report.outcomes.length} cases (${sampled} sampled, seed ${seed}), ${report.forms} forms in ${report.positions} positions: ` +
    `${accepted} accepted, ${report.outcomes.length - accepted} refused, ${bySide("runtime")} decided by the runtime alone, ${bySide("types")} by the types alone; ` +
    `${report.disagreements.length} disagreements, ${report.unhandledRejections} unhandled rejections ` +
    `(${((performance.now() - started) / 1000).toFixed(1)} s)`,
);
process.exitCode = report.disagreements.length + report.unhandledRejections > 0 ? 1 : 0;
