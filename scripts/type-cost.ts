/**
 * Type-checker cost of `defineEntity(...)` + one `keys()` call, in instantiations per entity: the DESIGN's
 * "type-check cost per entity" target (≤ 250; ElectroDB 3.9 ≈ 540 on the same shape).
 *
 * The budget shape: 5 attributes, pk, sk, one index with pk and sk, and one `keys()` call. The cost is
 * marginal — (instantiations with N entities − with 1) / (N − 1) — so the one-off cost of zod, the library
 * and the lib files cancels out. Instantiation counts are deterministic (TS 7 runs `--singleThreaded`).
 *
 * Usage: `npx tsx scripts/type-cost.ts [N]` (default N = 101). Results are recorded in docs/benchmarks-typecost.md.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { compile, compilers, root, type Compiler } from "../types-tests/compilers.js";

/** The source of `count` entities of the budget shape, each with its own names so nothing is shared by accident. */
export function budgetShapeSource(count: number): string {
  const lines = [
    'import { z } from "zod";',
    'import { capsuleId, defineEntity, tenantId } from "capsule-entity";',
    // Exported, so that a project of no entities (the first entity's baseline) has nothing unused.
    'export const t = tenantId().parse("t");',
    'export const c = capsuleId().parse("c");',
    "export { defineEntity, z };",
  ];
  for (let i = 0; i < count; i++) {
    lines.push(`export const E${i} = defineEntity({
  name: "E${i}",
  schema: z.object({ tenantId: tenantId(), capsuleId: capsuleId(), id${i}: z.string(), name: z.string(), count: z.number() }),
  pk: "TENANT#\${tenantId}#CAPSULE#\${capsuleId}#E${i}#\${id${i}}",
  sk: "META#\${count}",
  indexes: { gsi1: { pk: "TENANT#\${tenantId}#CAPSULE#\${capsuleId}#BYNAME${i}#\${name}", sk: "\${id${i}}" } },
});
export const k${i} = E${i}.keys({ tenantId: t, capsuleId: c, id${i}: "x", name: "n", count: 1 });`);
  }
  return `${lines.join("\n")}\n`;
}

/**
 * Writes a project of `count` entities under `directory`. It extends the repository's tsconfig (same strict
 * options); `skipLibCheck` and no ambient `types` only drop the fixed cost of checking .d.ts files, which the
 * marginal figure subtracts anyway, and keep a run short.
 */
function writeProject(directory: string, count: number): string {
  mkdirSync(directory, { recursive: true });
  writeFileSync(path.join(directory, "entities.ts"), budgetShapeSource(count));
  const tsconfig = {
    extends: path.relative(directory, path.join(root, "tsconfig.json")),
    include: ["entities.ts"],
    compilerOptions: { skipLibCheck: true, types: ["node"], paths: { "capsule-entity": [path.relative(directory, path.join(root, "src/index.ts"))] } },
  };
  writeFileSync(path.join(directory, "tsconfig.json"), JSON.stringify(tsconfig, null, 2));
  return path.relative(root, path.join(directory, "tsconfig.json"));
}

/** Total instantiations of one compiler run, from `--extendedDiagnostics`; throws on any diagnostic. */
async function instantiations(compiler: Compiler, project: string): Promise<number> {
  const { diagnostics, output } = await compile(compiler, project, ["--extendedDiagnostics"]);
  if (diagnostics.length > 0) throw new Error(`${compiler.name}: the budget shape does not type-check:\n${output}`);
  const match = /^Instantiations:\s+([\d,]+)/m.exec(output);
  if (!match) throw new Error(`${compiler.name}: no instantiation count in:\n${output}`);
  return Number(match[1]!.replaceAll(",", ""));
}

/** Total instantiations of projects of each of `counts` entities, compiled side by side in a scratch directory. */
async function instantiationsOf(compiler: Compiler, counts: readonly number[]): Promise<number[]> {
  // Inside the repository (gitignored) so that `zod` resolves from its node_modules as it does for users.
  const scratch = path.join(root, ".tmp");
  mkdirSync(scratch, { recursive: true });
  const directory = mkdtempSync(path.join(scratch, "type-cost-"));
  try {
    return await Promise.all(counts.map((count) => instantiations(compiler, writeProject(path.join(directory, `n${count}`), count))));
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

/** Instantiations per entity under one compiler: (N entities − 1 entity) / (N − 1). */
export async function instantiationsPerEntity(compiler: Compiler, count: number): Promise<number> {
  const [one, many] = await instantiationsOf(compiler, [1, count]);
  return (many! - one!) / (count - 1);
}

/**
 * What the first entity of a program costs: instantiations with one entity − with none. Beyond the marginal
 * cost, it includes the generic instantiations inference makes of `defineEntity`'s parameter type once per
 * program — once per keystroke in an editor, whose checker starts afresh after every edit.
 */
export async function firstEntityInstantiations(compiler: Compiler): Promise<number> {
  const [none, one] = await instantiationsOf(compiler, [0, 1]);
  return one! - none!;
}

/** The TS 5.9 and TS 7 compilers (TS 6.0 counts like 5.9: same checker). */
export const measuredCompilers: readonly Compiler[] = compilers.filter((compiler) => compiler.name !== "ts6.0");

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 101);
  console.log(`instantiations per entity (defineEntity + keys(), budget shape; N = ${count} vs 1; target ≤ 250)`);
  for (const compiler of measuredCompilers) {
    console.log(`  ${compiler.name}: ${(await instantiationsPerEntity(compiler, count)).toFixed(1)}`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await main();
