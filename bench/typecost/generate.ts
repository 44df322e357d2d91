/**
 * Generates the same N entities for each library compared by the type-cost and editor benches: five
 * attributes (tenantId, capsuleId, id, status, updatedAt), a primary key under the capsule prefix, one GSI
 * by status, and one get, put and query call each, in a function of the entity's own. Every entity has its own
 * name and key labels, so the compiler cannot reuse one entity's types for the next, as in a real code base. The
 * baseline, "hand-written", is the same in plain TypeScript: typed functions returning template-literal keys.
 * "hand-written-zod" ("hand-written + zod") is that baseline with each entity's attribute type inferred from
 * the zod schema capsule-entity's entity declares (`z.infer`, as zod users write it): the practical floor of a
 * library built on zod schemas (not a strict one: reading the schema's shape through one mapped type costs
 * fewer instantiations than `z.infer`).
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import ts from "typescript";

const run = promisify(execFile);

export const libraries = [
  "hand-written",
  "hand-written-zod",
  "capsule-entity",
  "electrodb",
  "dynamodb-toolbox",
] as const;
export type Library = (typeof libraries)[number];

/** How a report names a library: its identifier, but for the zod floor. */
export const displayName = (library: Library): string =>
  library === "hand-written-zod" ? "hand-written + zod" : library;

/**
 * The ratios a report shows among the measured libraries: capsule-entity against each other library, every
 * other library against the hand-written baseline, and ElectroDB (the issue's target is set against it)
 * against the zod floor, "hand-written + zod", the least a zod-based library pays.
 */
export function comparisons<TLibrary extends Library>(
  measured: readonly TLibrary[],
): (readonly [TLibrary, TLibrary])[] {
  const pairs: (readonly [TLibrary, TLibrary])[] = [];
  const has = (library: Library): library is TLibrary => measured.some((candidate) => candidate === library);
  const compare = (ours: Library, theirs: Library): void => {
    const known = pairs.some(([left, right]) => left === ours && right === theirs);
    if (ours !== theirs && has(ours) && has(theirs) && !known) pairs.push([ours, theirs]);
  };
  for (const theirs of measured) compare("capsule-entity", theirs);
  for (const ours of measured) compare(ours, "hand-written");
  compare("electrodb", "hand-written-zod");
  return pairs;
}

/** The repository root: the generated cases resolve the peers from its node_modules and capsule-entity from its src/. */
export const repoRoot: string = fileURLToPath(new URL("../../", import.meta.url));
export const coreEntryPoint: string = join(repoRoot, "src", "index.ts");

/** Whether the core library exists yet; until it does the benches skip capsule-entity and say why. */
export const coreAvailable = (): boolean => existsSync(coreEntryPoint);
export const coreMissingNote = "capsule-entity: src/index.ts not found";

/** Name of the i-th entity; zero-padded so that names sort and differ in the same place. */
export const entityName = (index: number): string => `E${String(index).padStart(4, "0")}`;

/**
 * How the generated entities name their status index: "shared", every entity `gsi1` (one table whose entities share
 * its indexes: what a compiler caches per index name is paid once per program), or "distinct", each its own
 * descriptive name (`by1Status`, `by2Status`, …; a team naming its indexes `byStatus`, `byOwner`, or with one table
 * per entity: what a name costs is paid per entity).
 */
export type IndexNames = "shared" | "distinct";
export const indexNames = ["shared", "distinct"] as const satisfies readonly IndexNames[];

/** The status index's name of the i-th entity. */
export const indexNameOf = (index: number, names: IndexNames): string =>
  names === "shared" ? "gsi1" : `by${index}Status`;

// `${` written out so that the generator's own template literals stay readable.
const placeholder = (field: string): string => "${" + field + "}";

/** The isolation levels of a generated entity: their id fields and key labels, outermost first. */
type LevelWords = readonly { readonly field: string; readonly label: string }[];
const defaultWords: LevelWords = [
  { field: "tenantId", label: "TENANT" },
  { field: "capsuleId", label: "CAPSULE" },
];
/**
 * The levels of the custom kits' cases, in the issue's words: "capsule-entity-kit" declares the first two
 * (orgId/ORG, workspaceId/WS), "capsule-entity-kit1" the first, "capsule-entity-kit3" all three (envId/ENV).
 */
const kitLevels = [
  { name: "org", field: "orgId", label: "ORG" },
  { name: "workspace", field: "workspaceId", label: "WS" },
  { name: "env", field: "envId", label: "ENV" },
] as const;
const prefixOf = (words: LevelWords): string =>
  words.map(({ field, label }) => `${label}#${placeholder(field)}`).join("#");
const primaryPk = (name: string, words: LevelWords = defaultWords): string =>
  `${prefixOf(words)}#${name}#${placeholder("id")}`;
const gsiPk = (name: string, words: LevelWords = defaultWords): string =>
  `${prefixOf(words)}#${name}_BY_STATUS#${placeholder("status")}`;
const gsiSk = placeholder("updatedAt");

// dynamodb-toolbox and the baseline compute keys in functions, so their templates are real template literals in the output.
const asTemplateLiteral = (template: string): string => "`" + template + "`";

/** The schema of every zod-based contender: capsule-entity's, and the hand-written + zod floor's. */
const zodSchema = `z.object({ tenantId: tenantId(), capsuleId: capsuleId(), id: z.string(), status: z.string(), updatedAt: z.number() })`;
// Branded ids, which the zod-based contenders' keys and calls require.
const brandedIds = [`const t = tenantId().parse("t1");`, `const c = capsuleId().parse("c1");`];

/** The type names the hand-written functions take their parameters by. */
interface HandWrittenTypes {
  readonly attributes: string;
  readonly key: string;
  readonly statusKey: string;
}

/**
 * The baselines' entity: typed functions returning the keys and the DocumentClient inputs, as one writes them by
 * hand; the index's key attributes are named after it (`<index>pk`, `<index>sk`), as capsule-entity names them.
 */
const handWrittenDeclaration = (
  name: string,
  index: string,
  { attributes, key, statusKey }: HandWrittenTypes,
): string[] => [
  `export const ${name} = {`,
  `  keys: ({ tenantId, capsuleId, id, status, updatedAt }: ${attributes}) => ({`,
  `    pk: ${asTemplateLiteral(primaryPk(name))} as const,`,
  `    sk: "METADATA" as const,`,
  `    ${index}pk: ${asTemplateLiteral(gsiPk(name))} as const,`,
  `    ${index}sk: ${asTemplateLiteral(gsiSk)} as const,`,
  `  }),`,
  `  get: ({ tenantId, capsuleId, id }: ${key}) => ({ TableName: "platform_data", Key: { pk: ${asTemplateLiteral(primaryPk(name))}, sk: "METADATA" } }),`,
  `  put: (attributes: ${attributes}) => ({ TableName: "platform_data", Item: { ...attributes, ...${name}.keys(attributes) } }),`,
  `  query: ({ tenantId, capsuleId, status }: ${statusKey}) => ({`,
  `    TableName: "platform_data",`,
  `    IndexName: "${index}",`,
  `    KeyConditionExpression: "${index}pk = :pk",`,
  `    ExpressionAttributeValues: { ":pk": ${asTemplateLiteral(gsiPk(name))} },`,
  `  }),`,
  `};`,
];

/** The baselines' calls, with `tenant` and `capsule` as the ids' expressions. */
const handWrittenCalls = (name: string, tenant: string, capsule: string): string[] => [
  `${name}.keys({ tenantId: ${tenant}, capsuleId: ${capsule}, id: "i1", status: "open", updatedAt: 1 });`,
  `${name}.get({ tenantId: ${tenant}, capsuleId: ${capsule}, id: "i1" });`,
  `${name}.put({ tenantId: ${tenant}, capsuleId: ${capsule}, id: "i1", status: "open", updatedAt: 1 });`,
  `${name}.query({ tenantId: ${tenant}, capsuleId: ${capsule}, status: "open" });`,
];

const handWritten = {
  header: [
    `type Attributes = { tenantId: string; capsuleId: string; id: string; status: string; updatedAt: number };`,
    `type Key = Pick<Attributes, "tenantId" | "capsuleId" | "id">;`,
    `type StatusKey = Pick<Attributes, "tenantId" | "capsuleId" | "status">;`,
  ],
  declaration: (name: string, index: string): string[] =>
    handWrittenDeclaration(name, index, { attributes: "Attributes", key: "Key", statusKey: "StatusKey" }),
  calls: (name: string): string[] => handWrittenCalls(name, `"t1"`, `"c1"`),
};

/**
 * The practical floor of a zod-based library: the hand-written baseline with each entity's attribute type
 * inferred from its own zod schema (capsule-entity's), so that the calls pass branded ids.
 */
const handWrittenZod = {
  header: [`import { z } from "zod";`, `import { capsuleId, tenantId } from "capsule-entity";`, ``, ...brandedIds],
  declaration: (name: string, index: string): string[] => {
    const attributes = `${name}Attributes`;
    return [
      `const ${name}Schema = ${zodSchema};`,
      `type ${attributes} = z.infer<typeof ${name}Schema>;`,
      ...handWrittenDeclaration(name, index, {
        attributes,
        key: `Pick<${attributes}, "tenantId" | "capsuleId" | "id">`,
        statusKey: `Pick<${attributes}, "tenantId" | "capsuleId" | "status">`,
      }),
    ];
  },
  calls: (name: string): string[] => handWrittenCalls(name, "t", "c"),
};

/**
 * capsule-entity's entities, declared with the kit whose `defineEntity` the header brings into scope and whose
 * levels are `words` (`idCall` spells a level's id schema: `tenantId()` or `ids.orgId()`).
 */
const capsuleEntityWith = (
  header: readonly string[],
  words: LevelWords,
  idCall: (field: string) => string,
): Generator => {
  // The ids' variables, one per level, as the header declares them.
  const ids = words.map(({ field }, index) => `${field}: ${idVariables[index]}`).join(", ");
  const fields = words.map(({ field }) => `${field}: ${idCall(field)}`).join(", ");
  return {
    header,
    declaration: (name: string, index: string): string[] => [
      `export const ${name} = defineEntity({`,
      `  name: "${name}",`,
      `  table: "platform_data",`,
      `  schema: z.object({ ${fields}, id: z.string(), status: z.string(), updatedAt: z.number() }),`,
      `  pk: "${primaryPk(name, words)}",`,
      `  sk: "METADATA",`,
      `  indexes: { ${index}: { pk: "${gsiPk(name, words)}", sk: "${gsiSk}" } },`,
      `});`,
    ],
    calls: (name: string, index: string): string[] => [
      `${name}.keys({ ${ids}, id: "i1", status: "open", updatedAt: 1 });`,
      `${name}.scope({ ${ids} }).get({ id: "i1" });`,
      `${name}.scope({ ${ids} }).put({ ${ids}, id: "i1", status: "open", updatedAt: 1 });`,
      `${name}.scope({ ${ids} }).query({ index: "${index}", partition: { status: "open" } });`,
    ],
  };
};
const idVariables = ["t", "c", "e"] as const;

const capsuleEntity = capsuleEntityWith(
  [
    `import { z } from "zod";`,
    `import { capsuleId, defineEntity, tenantId } from "capsule-entity";`,
    ``,
    ...brandedIds,
  ],
  defaultWords,
  (field) => `${field}()`,
);

/**
 * The same entities declared through a custom kit (`defineIsolation`) of the first `depth` of `kitLevels`: what
 * scripts/type-cost.ts compares with the default kit's, as a kit must add nothing per entity.
 */
const capsuleEntityKit = (depth: 1 | 2 | 3): Generator => {
  const levels = kitLevels.slice(0, depth);
  return capsuleEntityWith(
    [
      `import { z } from "zod";`,
      `import { defineIsolation } from "capsule-entity";`,
      ``,
      `const { defineEntity, ids } = defineIsolation({`,
      `  levels: [${levels.map(({ name, field, label }) => `{ name: "${name}", field: "${field}", label: "${label}" }`).join(", ")}],`,
      `});`,
      ...levels.map(
        ({ field }, index) => `const ${idVariables[index]} = ids.${field}().parse("${idVariables[index]}1");`,
      ),
    ],
    levels,
    (field) => `ids.${field}()`,
  );
};

/**
 * ElectroDB's entities: the access pattern is the index's name in its calls (`query.byStatus`), so with distinct
 * names it is the entity's own (`by1Status`, …), while the physical index stays `gsi1`, as its docs write it.
 */
const electrodb = {
  header: [`import { Entity } from "electrodb";`, ``, `const table = "platform_data";`],
  declaration: (name: string, index: string): string[] => [
    `export const ${name} = new Entity(`,
    `  {`,
    `    model: { entity: "${name}", version: "1", service: "bench" },`,
    `    attributes: {`,
    `      tenantId: { type: "string", required: true },`,
    `      capsuleId: { type: "string", required: true },`,
    `      id: { type: "string", required: true },`,
    `      status: { type: "string", required: true },`,
    `      updatedAt: { type: "number", required: true },`,
    `    },`,
    `    indexes: {`,
    `      primary: {`,
    `        pk: { field: "pk", casing: "none", composite: ["tenantId", "capsuleId", "id"], template: "${primaryPk(name)}" },`,
    `        sk: { field: "sk", casing: "none", composite: [], template: "METADATA" },`,
    `      },`,
    `      ${accessPattern(index)}: {`,
    `        index: "gsi1",`,
    `        pk: { field: "gsi1pk", casing: "none", composite: ["tenantId", "capsuleId", "status"], template: "${gsiPk(name)}" },`,
    `        sk: { field: "gsi1sk", casing: "none", composite: ["updatedAt"], template: "${gsiSk}" },`,
    `      },`,
    `    },`,
    `  },`,
    `  { table },`,
    `);`,
  ],
  calls: (name: string, index: string): string[] => [
    `${name}.get({ tenantId: "t1", capsuleId: "c1", id: "i1" }).params();`,
    `${name}.put({ tenantId: "t1", capsuleId: "c1", id: "i1", status: "open", updatedAt: 1 }).params();`,
    `${name}.query.${accessPattern(index)}({ tenantId: "t1", capsuleId: "c1", status: "open" }).params();`,
  ],
};
/** ElectroDB's access-pattern name for an index: `byStatus` for the shared `gsi1` (the rows before distinct names). */
const accessPattern = (index: string): string => (index === "gsi1" ? "byStatus" : index);

const dynamodbToolbox = {
  header: [
    `import { Entity } from "dynamodb-toolbox/entity";`,
    `import { GetItemCommand } from "dynamodb-toolbox/entity/actions/get";`,
    `import { PutItemCommand } from "dynamodb-toolbox/entity/actions/put";`,
    `import { item } from "dynamodb-toolbox/schema/item";`,
    `import { number } from "dynamodb-toolbox/schema/number";`,
    `import { string } from "dynamodb-toolbox/schema/string";`,
    `import { Table } from "dynamodb-toolbox/table";`,
    `import { QueryCommand } from "dynamodb-toolbox/table/actions/query";`,
    ``,
    `const table = new Table({`,
    `  name: "platform_data",`,
    `  partitionKey: { name: "pk", type: "string" },`,
    `  sortKey: { name: "sk", type: "string" },`,
    `  indexes: { gsi1: { type: "global", partitionKey: { name: "gsi1pk", type: "string" }, sortKey: { name: "gsi1sk", type: "string" } } },`,
    `});`,
  ],
  declaration: (name: string): string[] => [
    `export const ${name} = new Entity({`,
    `  name: "${name}",`,
    `  table,`,
    `  schema: item({`,
    `    tenantId: string().key(),`,
    `    capsuleId: string().key(),`,
    `    id: string().key(),`,
    `    status: string(),`,
    `    updatedAt: number(),`,
    `  }).and((schema) => ({`,
    `    gsi1pk: string().link<typeof schema>(({ tenantId, capsuleId, status }) => ${asTemplateLiteral(gsiPk(name))}),`,
    `    gsi1sk: string().link<typeof schema>(({ updatedAt }) => ${asTemplateLiteral(gsiSk)}),`,
    `  })),`,
    `  computeKey: ({ tenantId, capsuleId, id }) => ({ pk: ${asTemplateLiteral(primaryPk(name))}, sk: "METADATA" }),`,
    `});`,
  ],
  calls: (name: string): string[] => [
    `${name}.build(GetItemCommand).key({ tenantId: "t1", capsuleId: "c1", id: "i1" }).params();`,
    `${name}.build(PutItemCommand).item({ tenantId: "t1", capsuleId: "c1", id: "i1", status: "open", updatedAt: 1 }).params();`,
    `table.build(QueryCommand).entities(${name}).query({ index: "gsi1", partition: "TENANT#t1#CAPSULE#c1#${name}_BY_STATUS#open" }).params();`,
  ],
};

/** A library's source for the entities: `name` is the entity's, `index` its status index's name. */
interface Generator {
  readonly header: readonly string[];
  readonly declaration: (name: string, index: string) => readonly string[];
  /** The calls made on each entity; the first builds its primary key (the budget shape keeps only that one). */
  readonly calls: (name: string, index: string) => readonly string[];
  /** `false` when its entities cannot each name their index (dynamodb-toolbox declares indexes on the shared table). */
  readonly distinctNames?: false;
}

/**
 * What a case can generate: a compared library, or capsule-entity's entities declared through a custom kit
 * (scripts/type-cost.ts; not a library of the reports).
 */
export type Case = Library | "capsule-entity-kit" | "capsule-entity-kit1" | "capsule-entity-kit3";

const generators: Record<Case, Generator> = {
  "hand-written": handWritten,
  "hand-written-zod": handWrittenZod,
  "capsule-entity": capsuleEntity,
  "capsule-entity-kit": capsuleEntityKit(2),
  "capsule-entity-kit1": capsuleEntityKit(1),
  "capsule-entity-kit3": capsuleEntityKit(3),
  electrodb,
  "dynamodb-toolbox": { ...dynamodbToolbox, distinctNames: false },
};

/**
 * What follows each declaration: "full" is the issue's shape (get, put and query, plus `keys()` where the
 * library has it); "keys" is DESIGN.md's budget shape, the declaration and its key-building call only.
 */
export type Shape = "full" | "keys";

/** Whether a case can generate entities that each name their index ({@link IndexNames}). */
export const hasDistinctNames = (library: Case): boolean => generators[library].distinctNames !== false;

/**
 * An entity's calls in a function declaration of their own, as application code makes them (in a handler), not as
 * top-level statements: the control-flow analysis of a reference to a top-level constant (the ids `t` and `c`) walks
 * back through every statement above it to the declaration, and stops at the start of a function declaration. As
 * top-level statements, the calls of the k-th entity walked O(k) flow nodes, O(N²) for the file, which the marginal
 * check time per entity counted (a third of hand-written + zod's check time at N = 300, 5% of capsule-entity's;
 * docs/benchmarks-typecost.md, session s14). Instantiations are the same either way.
 */
const inFunction = (name: string, calls: readonly string[]): string[] => [
  `export function ${name}(): void {`,
  ...calls.map((call) => `  ${call}`),
  `}`,
];

/** The source of one module declaring `count` entities with `library`, each followed by its calls. */
export function entitiesSource(
  library: Case,
  count: number,
  shape: Shape = "full",
  names: IndexNames = "shared",
): string {
  if (names === "distinct" && !hasDistinctNames(library))
    throw new Error(`${library} declares its indexes on the shared table: it has no distinct-names case`);
  const { header, declaration, calls } = generators[library];
  const lines = [...header];
  for (let index = 1; index <= count; index += 1) {
    const [name, indexName] = [entityName(index), indexNameOf(index, names)];
    const made = calls(name, indexName);
    const shaped = shape === "full" ? made : made.slice(0, 1);
    lines.push("", ...declaration(name, indexName), ...inFunction(`use${name}`, shaped));
  }
  return lines.join("\n") + "\n";
}

/**
 * Compiler options of every generated case: the project's own (tsconfig.json: target, lib, strictness),
 * except that the peers' declarations are not checked (dynamodb-toolbox's fail under
 * exactOptionalPropertyTypes), only Node's types are loaded (capsule-entity's sources use Buffer and console), unused imports are allowed (the budget shape leaves
 * some), and capsule-entity resolves to this checkout's src/.
 */
export const caseCompilerOptions: Readonly<Record<string, unknown>> = {
  ...(ts.readConfigFile(join(repoRoot, "tsconfig.json"), ts.sys.readFile).config as { compilerOptions: object })
    .compilerOptions,
  types: ["node"],
  skipLibCheck: true,
  noUnusedLocals: false,
  noUnusedParameters: false,
  noEmit: true,
  paths: { "capsule-entity": [coreEntryPoint] },
};

/**
 * Builds capsule-entity's declarations from this checkout into a scratch directory and returns their entry
 * point: what the type-cost cases compile against, as users' projects do (with skipLibCheck, like the peers'
 * declarations), rather than type-checking the library's sources along with each case.
 */
export async function buildCoreDeclarations(): Promise<string> {
  const outDir = join(repoRoot, ".tmp", "bench-declarations");
  const tsc = join(repoRoot, "node_modules", "typescript", "bin", "tsc");
  await run(process.execPath, [
    tsc,
    "-p",
    join(repoRoot, "tsconfig.build.json"),
    "--emitDeclarationOnly",
    "--outDir",
    outDir,
  ]);
  return join(outDir, "index.d.ts");
}

export interface GeneratedCase {
  readonly directory: string;
  readonly tsconfig: string;
}

/**
 * Writes `entities.ts`, a tsconfig and an ESM package.json into a fresh temporary directory whose
 * node_modules links to the repository's, so that the case resolves packages exactly as the project does.
 */
export async function writeCase(
  library: Case,
  count: number,
  shape: Shape = "full",
  coreEntry: string = coreEntryPoint,
  names: IndexNames = "shared",
): Promise<GeneratedCase> {
  const directory = await mkdtemp(join(tmpdir(), `typecost-${library}-${count}-${shape}-${names}-`));
  await symlink(join(repoRoot, "node_modules"), join(directory, "node_modules"), "dir");
  await writeFile(join(directory, "package.json"), JSON.stringify({ type: "module" }) + "\n");
  await writeFile(join(directory, "entities.ts"), entitiesSource(library, count, shape, names));
  const tsconfig = join(directory, "tsconfig.json");
  const config = {
    compilerOptions: { ...caseCompilerOptions, paths: { "capsule-entity": [coreEntry] } },
    files: ["entities.ts"],
  };
  await writeFile(tsconfig, JSON.stringify(config, null, 2) + "\n");
  return { directory, tsconfig };
}

/** Usage of the command line below, which writes one case to profile by hand (`tsc --generateTrace`, `node --cpu-prof`). */
const usage = `usage: tsx bench/typecost/generate.ts <${libraries.join("|")}> <count> [full|keys]`;

async function main(args: readonly string[]): Promise<void> {
  const [library, count, shape = "full"] = args;
  const known = libraries.find((candidate) => candidate === library);
  if (known === undefined || !/^[1-9]\d*$/.test(count ?? "") || (shape !== "full" && shape !== "keys")) {
    process.stderr.write(`${usage}\n`);
    process.exitCode = 2;
    return;
  }
  const generated = await writeCase(known, Number(count), shape);
  process.stdout.write(`${generated.tsconfig}\n`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main(process.argv.slice(2));
