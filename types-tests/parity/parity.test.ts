/**
 * The parity test (types-tests/parity/parity.ts): every schema form in every position, plus a seeded sample of
 * combinations, compiled as one program under TypeScript 5.9 and 7.0 and run through the runtime. No case may be
 * accepted by one side and refused by the other (beyond the few each side alone can decide, which that side must
 * refuse), every accepted case must round-trip, and no definition may leave a rejected promise behind.
 * A larger sample: `npm run parity -- --cases 2000 --seed 7`.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { describeOutcome, runParity, type ParityReport } from "./parity.js";

let report: ParityReport;
beforeAll(async () => {
  report = await runParity(40, 20261206);
}, 240_000);

describe("parity of the types and the runtime", () => {
  it("covers every form in every position, with cases on both sides of each rule", () => {
    expect(report.outcomes.length).toBeGreaterThan(250);
    expect(report.forms).toBeGreaterThan(120);
    expect(report.outcomes.filter((outcome) => outcome.runtime.accepted).length).toBeGreaterThan(80);
    expect(report.outcomes.filter((outcome) => !outcome.runtime.accepted).length).toBeGreaterThan(80);
  });

  it("has no disagreement between TS 5.9, TS 7.0 and the runtime", () => {
    expect(report.disagreements.map(describeOutcome)).toEqual([]);
  });

  it("leaves no unhandled rejection behind", () => {
    expect(report.unhandledRejections).toBe(0);
  });
});
