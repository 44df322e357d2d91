/**
 * Guards the type-check cost of an entity (scripts/type-cost.ts, on the bench's generated entities, TS 5.9).
 * Instantiation counts are deterministic, so these are budgets, not timings; each is the last measured figure
 * plus ~10% headroom: lower it when a change makes entities cheaper. History in docs/benchmarks-typecost.md.
 * - the DESIGN's budget shape, defineEntity + one keys() call: target ≤ 250 per entity (ElectroDB 3.9 ≈ 540);
 * - the bench's full shape, with a scoped get, put and query, as `npm run bench` compares it with ElectroDB
 *   (1,262 per entity with TS 5.9);
 * - the first entity of a program: what inference instantiates of the generic parameter type once per
 *   program, and once per keystroke in an editor.
 */
import { describe, expect, it } from "vitest";
import { firstEntityInstantiations, instantiationsPerEntity } from "./type-cost.js";

// 745 until an entity's `table:` took a defineTable() value (issue 15): its table type rides on the entity, so that
// scopes use the table's key names, +4 per entity (744 → 748 measured); full shape 1,084 → 1,089, first entity
// 2,875 → 2,881, within their budgets.
const budget = 750;
// 1,080 until defineIsolation (issue 13) met the rule table: its vocabulary parameter through every check costs
// +25 per entity (1,059 → 1,084 measured). To win back in issue 13.
const fullShapeBudget = 1_100;
// 2,380 before the rule table; the DynamoDB index-name check (3–255 of [A-Za-z0-9_.-], types and runtime
// alike) costs the first entity of a program 106 (2,289 → 2,395: the character union and the counter tuples are
// built once), then 1 per index.
// Raised by defineIsolation (issue 13): with the rule table, the generic vocabulary costs the first entity 2,875
// (2,395 before it). To win back.
const firstEntityBudget = 2_900;

describe("type-check cost per entity", () => {
  it(`stays within ${budget} instantiations for defineEntity + keys() under TS 5.9 (DESIGN target ≤ 250)`, async () => {
    expect(await instantiationsPerEntity("ts5.9", 51, "keys")).toBeLessThanOrEqual(budget);
  }, 120_000);

  it(`stays within ${fullShapeBudget} instantiations with get, put and query, under TS 5.9`, async () => {
    expect(await instantiationsPerEntity("ts5.9", 51, "full")).toBeLessThanOrEqual(fullShapeBudget);
  }, 120_000);

  it(`costs at most ${firstEntityBudget} instantiations for the first entity of a program, under TS 5.9`, async () => {
    expect(await firstEntityInstantiations("ts5.9")).toBeLessThanOrEqual(firstEntityBudget);
  }, 120_000);
});
