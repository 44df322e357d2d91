/**
 * Type-checker cost of the DynamoDB adapter's types per entity, in instantiations (deterministic): for each of N
 * entities, `db.entity(E).scope(ids).query({ index })` through a connection, as an application reads. Three shapes:
 * - "plain": an entity whose indexes all carry the capsule (the common case: it should pay nothing for opt-outs);
 * - "opted-out": the same entity with one more index opted out to the tenant level, queried from its capsule scope;
 * - "tenant": that entity's tenant scope (`scope({ tenantId })`) querying the opted-out index.
 * And one shape of the command builder's, which no other probe reaches:
 * - "builder-tenant": the "tenant" shape through the builder, `E.scope({ tenantId }).query({ index: "byTenant" })`
 *   (the scope's outer-level overload, `OuterEntityScope`), with no connection.
 * Each shape with its indexes named alike in every entity (`gsi1`, `byTenant`: "shared") or each entity's own
 * (`by1Status`, `by1Tenant`, …: "distinct", as bench/typecost/generate.ts's `IndexNames`), where what a compiler caches
 * per index name is paid per entity. Per-entity figures are marginal, (N entities − 1) / (N − 1), so the library's
 * one-off cost cancels out.
 *
 * Usage: `npx tsx scripts/adapter-type-cost.ts [N] [shapes] [shared|distinct]` (default N = 11, every shape, shared
 * names). Budgets in scripts/type-cost.test.ts.
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { caseCompilerOptions, entityName, indexNameOf, repoRoot, type IndexNames } from "../bench/typecost/generate.js";
import { oneCompilePerCore, parseExtendedDiagnostics } from "../bench/typecost/measure.js";

/** Which entities and calls a probe declares (see the module comment). */
export type AdapterShape = "plain" | "opted-out" | "tenant" | "builder-tenant";
export const adapterShapes: readonly AdapterShape[] = ["plain", "opted-out", "tenant", "builder-tenant"];

const placeholder = (field: string): string => "${" + field + "}";
const prefix = `TENANT#${placeholder("tenantId")}#CAPSULE#${placeholder("capsuleId")}`;

/** One entity (the `index`-th) and its adapter call. */
function entitySource(index: number, shape: AdapterShape, names: IndexNames): string[] {
  const name = entityName(index);
  const status = indexNameOf(index, names);
  const byTenant = names === "shared" ? "byTenant" : `by${index}Tenant`;
  const optedOut =
    shape === "plain"
      ? ""
      : `, ${byTenant}: { pk: "TENANT#${placeholder("tenantId")}#${name}_ALL", sk: "${placeholder("capsuleId")}#${placeholder("id")}", isolation: { level: "tenant", reason: "tenant admins list every capsule" } }`;
  const tenantQuery = `scope({ tenantId: t }).query({ index: "${byTenant}" });`;
  const call =
    shape === "tenant"
      ? `db.entity(${name}).${tenantQuery}`
      : shape === "builder-tenant"
        ? `${name}.${tenantQuery}`
        : `db.entity(${name}).scope({ tenantId: t, capsuleId: c }).query({ index: "${status}", partition: { status: "open" } });`;
  return [
    `export const ${name} = defineEntity({`,
    `  name: "${name}",`,
    `  table: "platform_data",`,
    `  schema: z.object({ tenantId: tenantId(), capsuleId: capsuleId(), id: z.string(), status: z.string(), updatedAt: z.number() }),`,
    `  pk: "${prefix}#${name}#${placeholder("id")}",`,
    `  sk: "METADATA",`,
    `  indexes: { ${status}: { pk: "${prefix}#${name}_BY_STATUS#${placeholder("status")}", sk: "${placeholder("updatedAt")}" }${optedOut} },`,
    `});`,
    call,
  ];
}

/** The probe module of `count` entities. */
export function adapterSource(count: number, shape: AdapterShape, names: IndexNames = "shared"): string {
  const lines = [
    `import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";`,
    `import { z } from "zod";`,
    `import { capsuleId, defineEntity, tenantId } from "capsule-entity";`,
    `import { connect } from "capsule-entity/dynamodb";`,
    `const db = connect({} as DynamoDBDocumentClient);`,
    `const t = tenantId().parse("t1");`,
    `const c = capsuleId().parse("c1");`,
  ];
  for (let index = 1; index <= count; index += 1) lines.push("", ...entitySource(index, shape, names));
  return lines.join("\n") + "\n";
}

/** Instantiations of a probe of `count` entities under TS 5.9 (a probe with type errors throws). */
async function instantiations(count: number, shape: AdapterShape, names: IndexNames): Promise<number> {
  const directory = await mkdtemp(join(tmpdir(), `adapter-typecost-${shape}-${names}-${count}-`));
  try {
    await symlink(join(repoRoot, "node_modules"), join(directory, "node_modules"), "dir");
    await writeFile(join(directory, "package.json"), JSON.stringify({ type: "module" }) + "\n");
    await writeFile(join(directory, "entities.ts"), adapterSource(count, shape, names));
    const paths = {
      "capsule-entity": [join(repoRoot, "src/index.ts")],
      "capsule-entity/dynamodb": [join(repoRoot, "src/dynamodb/index.ts")],
    };
    const config = { compilerOptions: { ...caseCompilerOptions, paths }, files: ["entities.ts"] };
    await writeFile(join(directory, "tsconfig.json"), JSON.stringify(config, null, 2) + "\n");
    const tsc = join(repoRoot, "node_modules/typescript/bin/tsc");
    const args = [
      tsc,
      "-p",
      join(directory, "tsconfig.json"),
      "--noEmit",
      "--extendedDiagnostics",
      "--pretty",
      "false",
    ];
    const { stdout } = await oneCompilePerCore(() =>
      promisify(execFile)(process.execPath, args, { maxBuffer: 16 * 1024 * 1024 }),
    ).catch((error: { stdout?: string; message: string }) => {
      throw new Error(`the ${shape} probe does not compile:\n${(error.stdout ?? error.message).slice(0, 4000)}`);
    });
    return parseExtendedDiagnostics(stdout).instantiations;
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

/** Instantiations per entity of a shape: (N entities − 1 entity) / (N − 1), TS 5.9. */
export async function adapterInstantiationsPerEntity(
  shape: AdapterShape,
  count: number = 11,
  names: IndexNames = "shared",
): Promise<number> {
  const [one, many] = await Promise.all([instantiations(1, shape, names), instantiations(count, shape, names)]);
  return (many - one) / (count - 1);
}

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 11);
  const names = (process.argv[4] ?? "shared") as IndexNames;
  for (const shape of (process.argv[3] ?? adapterShapes.join(",")).split(",") as AdapterShape[])
    console.log(
      `${shape} (${names} index names): ${(await adapterInstantiationsPerEntity(shape, count, names)).toFixed(1)} instantiations per entity`,
    );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await main();
