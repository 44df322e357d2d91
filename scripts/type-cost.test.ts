/**
 * Guards the type-check cost of an entity. Instantiation counts are deterministic, so these are budgets, not
 * timings; each is the last measured figure plus ~10% headroom: lower it when a change makes entities cheaper.
 * - the DESIGN's budget shape (scripts/type-cost.ts): defineEntity + one keys() call, TS 5.9, marginal over 50
 *   extra entities. DESIGN target ≤ 250 per entity (ElectroDB 3.9 ≈ 540); history in docs/benchmarks-typecost.md.
 * - the bench's full shape (bench/typecost): defineEntity, keys() and a scoped get, put and query per entity,
 *   as `npm run bench` measures it against ElectroDB (1,262 per entity with TS 5.9).
 * - the first entity of a program (budget shape, no entity vs one): what inference instantiates of the generic
 *   parameter type once per program, and once per keystroke in an editor.
 */
import { describe, expect, it } from "vitest";
import { measureTypeCost } from "../bench/typecost/measure.js";
import { firstEntityInstantiations, instantiationsPerEntity, measuredCompilers } from "./type-cost.js";

const budget = 830;
const fullShapeBudget = 1_300;
const firstEntityBudget = 2_300;

describe("type-check cost per entity", () => {
  it(`stays within ${budget} instantiations under TS 5.9 (DESIGN target ≤ 250)`, async () => {
    const perEntity = await instantiationsPerEntity(measuredCompilers[0]!, 51);
    expect(perEntity).toBeLessThanOrEqual(budget);
  }, 120_000);

  it(`stays within ${fullShapeBudget} instantiations with get, put and query, under TS 5.9`, async () => {
    const [one, many] = await Promise.all([measureTypeCost("capsule-entity", 1, "ts5.9"), measureTypeCost("capsule-entity", 51, "ts5.9")]);
    expect((many.instantiations - one.instantiations) / 50).toBeLessThanOrEqual(fullShapeBudget);
  }, 120_000);

  it(`costs at most ${firstEntityBudget} instantiations for the first entity of a program, under TS 5.9`, async () => {
    expect(await firstEntityInstantiations(measuredCompilers[0]!)).toBeLessThanOrEqual(firstEntityBudget);
  }, 120_000);
});
