/**
 * The parity test in two kits' words (types-tests/parity/cases.ts `inKit`): every schema form in every position
 * of the default kit's cases, translated into a two-level kit and a three-level kit with odd fields (`_`, `$`,
 * digits) and labels (a digit, `_`, a label that starts another), compiled under TypeScript 5.9 and 7.0 and run
 * through the kit's runtime. Types and runtime agree on every case as they do for the default kit, every accepted
 * case round-trips, and no message either side gives speaks the default kit's words.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { describeOutcome, runParity, type ParityReport } from "./parity.js";
import type { ParityLevel } from "./cases.js";

const kits: Readonly<Record<string, readonly ParityLevel[]>> = {
  "two levels": [
    { name: "account", field: "acct_id", label: "ACCT" },
    { name: "project", field: "prj$", label: "P_1" },
  ],
  "three levels": [
    { name: "org", field: "orgId", label: "O" },
    { name: "team", field: "team_2", label: "ORG" },
    { name: "env", field: "env$", label: "E_NV" },
  ],
};

const reports = new Map<string, ParityReport>();
beforeAll(async () => {
  // Base cases only (no sample): the default kit's parity test draws the random combinations.
  for (const [name, levels] of Object.entries(kits)) reports.set(name, await runParity(0, 20261207, levels));
}, 300_000);

describe.each(Object.keys(kits))("parity of the types and the runtime in a kit's words (%s)", (name) => {
  it("covers every form in every position, with cases on both sides of each rule", () => {
    const report = reports.get(name)!;
    expect(report.outcomes.length).toBeGreaterThan(250);
    expect(report.outcomes.filter((outcome) => outcome.runtime.accepted).length).toBeGreaterThan(80);
    expect(report.outcomes.filter((outcome) => !outcome.runtime.accepted).length).toBeGreaterThan(80);
  });

  it("has no disagreement between TS 5.9, TS 7.0 and the runtime", () => {
    expect(reports.get(name)!.disagreements.map(describeOutcome)).toEqual([]);
  });

  it("speaks the kit's words in every refusal, on both sides", () => {
    const details = reports
      .get(name)!
      .outcomes.flatMap((outcome) => [outcome.runtime.detail, ...Object.values(outcome.types).map((v) => v.detail)]);
    expect(details.filter((detail) => /tenant|capsule/i.test(detail))).toEqual([]);
  });

  it("leaves no unhandled rejection behind", () => {
    expect(reports.get(name)!.unhandledRejections).toBe(0);
  });
});
