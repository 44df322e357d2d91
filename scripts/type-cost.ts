/**
 * Type-checker cost per entity, in instantiations (deterministic; TS 7 runs `--singleThreaded`), measured on the
 * entities the bench generates (bench/typecost/generate.ts), so the budgets and `npm run bench` count the same
 * code:
 * - the DESIGN's budget shape ("keys"): `defineEntity(...)` + one `keys()` call (target ≤ 250; ElectroDB ≈ 540);
 * - the bench's full shape: the same plus a scoped get, put and query;
 * - the first entity of a program.
 * Per-entity figures are marginal — (N entities − 1) / (N − 1) — so the one-off cost of zod, the library and the
 * lib files cancels out.
 *
 * Usage: `npx tsx scripts/type-cost.ts [N]` (default N = 101). Results are recorded in docs/benchmarks-typecost.md.
 */
import { pathToFileURL } from "node:url";
import type { Shape } from "../bench/typecost/generate.js";
import { compilers, measureTypeCosts, type Compiler } from "../bench/typecost/measure.js";

/** Instantiations of capsule-entity cases of each of `counts` entities. */
async function instantiationsOf(compiler: Compiler, counts: readonly number[], shape: Shape): Promise<number[]> {
  return Promise.all(
    counts.map(
      async (count) =>
        (await measureTypeCosts(["capsule-entity"], count, compiler, { shape })).get("capsule-entity")!.instantiations,
    ),
  );
}

/** Instantiations per entity of a shape under one compiler: (N entities − 1 entity) / (N − 1). */
export async function instantiationsPerEntity(compiler: Compiler, count: number, shape: Shape): Promise<number> {
  const [one, many] = await instantiationsOf(compiler, [1, count], shape);
  return (many! - one!) / (count - 1);
}

/**
 * What the first entity of a program costs (budget shape): instantiations with one entity − with none. Beyond
 * the marginal cost, it includes the generic instantiations inference makes of `defineEntity`'s parameter type
 * once per program — once per keystroke in an editor, whose checker starts afresh after every edit.
 */
export async function firstEntityInstantiations(compiler: Compiler): Promise<number> {
  const [none, one] = await instantiationsOf(compiler, [0, 1], "keys");
  return one! - none!;
}

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 101);
  console.log(`instantiations per entity (N = ${count} vs 1) and of the first entity`);
  for (const compiler of compilers) {
    const [budget, full, first] = [
      await instantiationsPerEntity(compiler, count, "keys"),
      await instantiationsPerEntity(compiler, count, "full"),
      await firstEntityInstantiations(compiler),
    ];
    console.log(
      `  ${compiler}: defineEntity + keys() ${budget.toFixed(1)} (target ≤ 250), with get/put/query ${full.toFixed(1)}, first entity ${first}`,
    );
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await main();
