/**
 * Guards the type-check cost of an entity (scripts/type-cost.ts): defineEntity + one keys() call on the budget
 * shape, TS 5.9, marginal over 50 extra entities. Instantiation counts are deterministic, so this is a budget,
 * not a timing. DESIGN target: ≤ 250 per entity (ElectroDB 3.9 ≈ 540); figures in docs/benchmarks-typecost.md.
 */
import { describe, expect, it } from "vitest";
import { instantiationsPerEntity, measuredCompilers } from "./type-cost.js";

/** The measured figure plus ~10% headroom. Lower it when a change makes entities cheaper. */
const budget = 830;

describe("type-check cost per entity", () => {
  it(`stays within ${budget} instantiations under TS 5.9 (DESIGN target ≤ 250)`, async () => {
    const perEntity = await instantiationsPerEntity(measuredCompilers[0]!, 51);
    expect(perEntity).toBeLessThanOrEqual(budget);
  }, 120_000);
});
