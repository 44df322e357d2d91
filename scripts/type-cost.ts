/**
 * Type-checker cost per entity, in instantiations (deterministic; TS 7 runs `--singleThreaded`), measured on the
 * entities the bench generates (bench/typecost/generate.ts), so the budgets and `npm run bench` count the same
 * code:
 * - the DESIGN's budget shape ("keys"): `defineEntity(...)` + one `keys()` call (target ≤ 250; ElectroDB ≈ 540);
 * - the bench's full shape: the same plus a scoped get, put and query;
 * - the first entity of a program;
 * each for the default kit and for the same entities declared through custom kits (`defineIsolation`) of one,
 * two and three levels, and each with the entities sharing their index's name (`gsi1`, the figures' history) and with
 * each entity naming its own (`by1Status`, …: what a name costs, paid per entity by descriptive names).
 * Per-entity figures are marginal — (N entities − 1) / (N − 1) — so the one-off cost of zod, the library and the
 * lib files cancels out.
 *
 * Usage: `npx tsx scripts/type-cost.ts [N]` (default N = 101). Results are recorded in docs/benchmarks-typecost.md.
 */
import { pathToFileURL } from "node:url";
import { indexNames, type IndexNames, type Shape } from "../bench/typecost/generate.js";
import { compilers, measureTypeCosts, type Compiler } from "../bench/typecost/measure.js";

/**
 * Which kit declares the entities: the default kit (`defineEntity` of the top-level exports), or a custom kit
 * (`defineIsolation`), which must add nothing per entity: two levels (orgId/ORG, workspaceId/WS; the budgets'), one
 * (orgId/ORG) or three (… envId/ENV). The entities are the same but for their isolation fields and prefixes.
 */
export type Kit = "default" | "custom" | "one-level" | "three-level";
const cases = {
  default: "capsule-entity",
  custom: "capsule-entity-kit",
  "one-level": "capsule-entity-kit1",
  "three-level": "capsule-entity-kit3",
} as const;

/**
 * Each program measured once per process (instantiations never vary): the case of one entity serves both the
 * per-entity figure and the first entity's, and a test may compare two counts without compiling a case twice.
 */
const measured = new Map<string, Promise<number>>();

/** Instantiations of capsule-entity cases of each of `counts` entities, the cases compiled at once. */
async function instantiationsOf(
  compiler: Compiler,
  counts: readonly number[],
  shape: Shape,
  kit: Kit,
  names: IndexNames,
): Promise<number[]> {
  const library = cases[kit];
  return Promise.all(
    counts.map((count) => {
      const key = [compiler, kit, count, shape, names].join(" ");
      if (!measured.has(key))
        measured.set(
          key,
          measureTypeCosts([library], count, compiler, { shape, names }).then(
            (costs) => costs.get(library)!.instantiations,
          ),
        );
      return measured.get(key)!;
    }),
  );
}

/** Instantiations per entity of a shape under one compiler: (N entities − 1 entity) / (N − 1). */
export async function instantiationsPerEntity(
  compiler: Compiler,
  count: number,
  shape: Shape,
  kit: Kit = "default",
  names: IndexNames = "shared",
): Promise<number> {
  const [one, many] = await instantiationsOf(compiler, [1, count], shape, kit, names);
  return (many! - one!) / (count - 1);
}

/**
 * What the first entity of a program costs (budget shape): instantiations with one entity − with none. Beyond
 * the marginal cost, it includes the generic instantiations inference makes of `defineEntity`'s parameter type
 * once per program — once per keystroke in an editor, whose checker starts afresh after every edit. For the
 * custom kit, "none" still declares the kit (its `defineIsolation` call and ids).
 */
export async function firstEntityInstantiations(
  compiler: Compiler,
  kit: Kit = "default",
  names: IndexNames = "shared",
): Promise<number> {
  const [none, one] = await instantiationsOf(compiler, [0, 1], "keys", kit, names);
  return one! - none!;
}

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 101);
  console.log(`instantiations per entity (N = ${count} vs 1) and of the first entity`);
  for (const compiler of compilers) {
    for (const kit of ["default", "custom", "one-level", "three-level"] as const) {
      for (const names of indexNames) {
        const [budget, full, first] = [
          await instantiationsPerEntity(compiler, count, "keys", kit, names),
          await instantiationsPerEntity(compiler, count, "full", kit, names),
          await firstEntityInstantiations(compiler, kit, names),
        ];
        console.log(
          `  ${compiler}, ${kit} kit, ${names} index names: defineEntity + keys() ${budget.toFixed(1)} (target ≤ 250), with get/put/query ${full.toFixed(1)}, first entity ${first}`,
        );
      }
    }
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await main();
