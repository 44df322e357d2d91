/**
 * Type-check cost: runs `tsc --noEmit --extendedDiagnostics` on the generated cases and derives the
 * marginal cost of one entity, (N=300 − N=1) / 299 and (N=100 − N=1) / 99, so that the fixed cost of
 * loading lib.d.ts and each library's declarations cancels out.
 */
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { formatNumber, formatRatio, markdownTable, median } from "../report.js";
import {
  buildCoreDeclarations,
  comparisons,
  coreAvailable,
  coreEntryPoint,
  coreMissingNote,
  displayName,
  hasDistinctNames,
  libraries,
  repoRoot,
  writeCase,
  type Case,
  type GeneratedCase,
  type IndexNames,
  type Library,
  type Shape,
} from "./generate.js";

const run = promisify(execFile);

export const compilers = ["ts5.9", "ts7"] as const;
export type Compiler = (typeof compilers)[number];

interface CompilerSetup {
  readonly packageDirectory: string;
  // TS 7 checks files in parallel by default; one thread makes its timings comparable with TS 5.9's.
  readonly extraArguments: readonly string[];
}

const compilerSetups: Record<Compiler, CompilerSetup> = {
  "ts5.9": { packageDirectory: join(repoRoot, "node_modules", "typescript"), extraArguments: [] },
  ts7: { packageDirectory: join(repoRoot, "node_modules", "typescript-7"), extraArguments: ["--singleThreaded"] },
};

/** The installed version of a compiler, e.g. `5.9.3`. */
export function compilerVersion(compiler: Compiler): string {
  const manifest = readFileSync(join(compilerSetups[compiler].packageDirectory, "package.json"), "utf8");
  return (JSON.parse(manifest) as { version: string }).version;
}

/** The figures of one compilation, as printed by `--extendedDiagnostics`. */
export interface TypeCost {
  readonly instantiations: number;
  readonly types: number;
  readonly checkTimeMs: number;
  readonly memoryKb: number;
}

const diagnosticLines = {
  instantiations: /^Instantiations:\s+(\d+)$/m,
  types: /^Types:\s+(\d+)$/m,
  checkTime: /^Check time:\s+([\d.]+)s$/m,
  memory: /^Memory used:\s+(\d+)K$/m,
} as const;

/** Reads the figures from `--extendedDiagnostics` output; both TS 5.9's and TS 7's layouts. */
export function parseExtendedDiagnostics(output: string): TypeCost {
  const read = (name: keyof typeof diagnosticLines): number => {
    const match = diagnosticLines[name].exec(output);
    if (match?.[1] === undefined) throw new Error(`--extendedDiagnostics output has no ${name} line:\n${output}`);
    return Number(match[1]);
  };
  return {
    instantiations: read("instantiations"),
    types: read("types"),
    checkTimeMs: read("checkTime") * 1000,
    memoryKb: read("memory"),
  };
}

/**
 * Runs `task` when fewer than one per core are running (a compiler process each): a test file measuring many cases at
 * once (scripts/type-cost.test.ts) queues them here instead of starting them all. Check times are medians of
 * compiles run one at a time (`measureTypeCosts`), which this never delays.
 */
export const oneCompilePerCore: <T>(task: () => Promise<T>) => Promise<T> = (() => {
  const slots = availableParallelism();
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    if (running < slots) running += 1;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await task();
    } finally {
      // A slot freed goes to the first task waiting, if any.
      const next = waiting.shift();
      if (next) next();
      else running -= 1;
    }
  };
})();

/** Type-checks a generated case once and returns its figures; a case with type errors throws, since its figures would mean nothing. */
async function compileOnce(tsconfig: string, compiler: Compiler): Promise<TypeCost> {
  const setup = compilerSetups[compiler];
  const tsc = join(setup.packageDirectory, "bin", "tsc");
  const args = [tsc, "-p", tsconfig, "--noEmit", "--extendedDiagnostics", "--pretty", "false", ...setup.extraArguments];
  const result = await oneCompilePerCore(() => run(process.execPath, args, { maxBuffer: 16 * 1024 * 1024 })).catch(
    (error: { stdout?: string; message: string }) => {
      throw new Error(`${compiler} failed on ${tsconfig}:\n${error.stdout ?? error.message}`.slice(0, 4000));
    },
  );
  return parseExtendedDiagnostics(result.stdout);
}

export interface MeasureOptions {
  /** Compilations to run; check time and memory are their medians (instantiations and types never vary). */
  readonly runs?: number;
  readonly shape?: Shape;
  /** Whether the entities share their index's name or each has its own ({@link IndexNames}; default shared). */
  readonly names?: IndexNames;
  /** capsule-entity's entry point: its sources (the default) or declarations from {@link buildCoreDeclarations}. */
  readonly coreEntry?: string;
}

/**
 * Type-checks each library's generated case of `count` entities `runs` times, the libraries taking turns run by
 * run (so that a slow spell of a shared machine lands on all of them, not on one), and returns each one's
 * figures: instantiations and types of the first run (they never vary), check time and memory as medians.
 */
export async function measureTypeCosts<TLibrary extends Case>(
  measured: readonly TLibrary[],
  count: number,
  compiler: Compiler,
  { runs = 1, shape = "full", coreEntry, names = "shared" }: MeasureOptions = {},
): Promise<Map<TLibrary, TypeCost>> {
  if (measured.some((library) => library.startsWith("capsule-entity")) && !coreAvailable())
    throw new Error(coreMissingNote);
  const cases = new Map<TLibrary, GeneratedCase>();
  try {
    for (const library of measured) cases.set(library, await writeCase(library, count, shape, coreEntry, names));
    const samples = new Map<TLibrary, TypeCost[]>(measured.map((library) => [library, []]));
    for (let index = 0; index < runs; index += 1) {
      for (const library of measured)
        samples.get(library)!.push(await compileOnce(cases.get(library)!.tsconfig, compiler));
    }
    return new Map(
      measured.map((library) => {
        const taken = samples.get(library)!;
        const first = taken[0]!;
        return [
          library,
          {
            instantiations: first.instantiations,
            types: first.types,
            checkTimeMs: median(taken.map((sample) => sample.checkTimeMs)),
            memoryKb: median(taken.map((sample) => sample.memoryKb)),
          },
        ];
      }),
    );
  } finally {
    for (const generated of cases.values()) await rm(generated.directory, { recursive: true, force: true });
  }
}

/**
 * Generates `count` entities with `library`, type-checks them with `compiler` and returns the figures.
 * Under TS 5.9, n = 1 takes about a second and n = 100 a few, so a budget test can afford both, e.g.
 * `(await measureTypeCost("capsule-entity", 100, "ts5.9", { shape: "keys" })).instantiations`.
 */
export async function measureTypeCost(
  library: Library,
  count: number,
  compiler: Compiler,
  options: MeasureOptions = {},
): Promise<TypeCost> {
  return (await measureTypeCosts([library], count, compiler, options)).get(library)!;
}

/** The cost of one more entity between two measurements of `smallCount` and `largeCount` entities. */
export function perEntity(small: TypeCost, large: TypeCost, smallCount: number, largeCount: number): TypeCost {
  const span = largeCount - smallCount;
  return {
    instantiations: (large.instantiations - small.instantiations) / span,
    types: (large.types - small.types) / span,
    checkTimeMs: (large.checkTimeMs - small.checkTimeMs) / span,
    memoryKb: (large.memoryKb - small.memoryKb) / span,
  };
}

export const entityCounts = [1, 100, 300] as const;

interface LibraryCost {
  readonly at300: TypeCost;
  readonly perEntity300: TypeCost;
  readonly perEntity100: TypeCost;
}

/** Every library at N = 1, 100 and 300; N = 100 contributes instantiations only, which need one run. */
async function measureLibraries(
  measured: readonly Library[],
  compiler: Compiler,
  runs: number,
  coreEntry: string,
): Promise<Map<Library, LibraryCost>> {
  const at1 = await measureTypeCosts(measured, 1, compiler, { runs, coreEntry });
  const at100 = await measureTypeCosts(measured, 100, compiler, { coreEntry });
  const at300 = await measureTypeCosts(measured, 300, compiler, { runs, coreEntry });
  return new Map(
    measured.map((library) => {
      const [one, hundred, many] = [at1.get(library)!, at100.get(library)!, at300.get(library)!];
      return [
        library,
        { at300: many, perEntity300: perEntity(one, many, 1, 300), perEntity100: perEntity(one, hundred, 1, 100) },
      ];
    }),
  );
}

const costColumns = ["instantiations", "types", "check ms", "memory KB"] as const;

const costFigures = (cost: TypeCost): number[] => [cost.instantiations, cost.types, cost.checkTimeMs, cost.memoryKb];

function compilerSection(compiler: Compiler, costs: ReadonlyMap<Library, LibraryCost>): string {
  const measured = libraries.filter((library) => costs.has(library));
  const figures = markdownTable(
    [
      "library",
      ...costColumns.map((column) => `${column} / entity (300)`),
      "instantiations / entity (100)",
      "check s (N=300)",
      "memory MB (N=300)",
    ],
    measured.map((library) => {
      const cost = costs.get(library)!;
      return [
        displayName(library),
        ...costFigures(cost.perEntity300).map(formatNumber),
        formatNumber(cost.perEntity100.instantiations),
        formatNumber(cost.at300.checkTimeMs / 1000),
        formatNumber(cost.at300.memoryKb / 1024),
      ];
    }),
  );
  const ratios = markdownTable(
    ["ratio", ...costColumns.map((column) => `${column} / entity`), "check time (N=300)"],
    comparisons(measured).map(([ours, theirs]) => {
      const [ourCost, theirCost] = [costs.get(ours)!, costs.get(theirs)!];
      const theirFigures = costFigures(theirCost.perEntity300);
      return [
        `${displayName(ours)} ÷ ${displayName(theirs)}`,
        ...costFigures(ourCost.perEntity300).map((figure, index) => formatRatio(figure, theirFigures[index])),
        formatRatio(ourCost.at300.checkTimeMs, theirCost.at300.checkTimeMs),
      ];
    }),
  );
  return [`### TypeScript ${compilerVersion(compiler)}`, "", figures, "", ratios].join("\n");
}

// DESIGN.md's "Performance targets": the budget for capsule-entity, the anchors measured for the peers.
const designFigures: Record<Library, string> = {
  "hand-written": "—",
  "hand-written-zod": "—",
  "capsule-entity": "≤ 250 (budget)",
  electrodb: "≈ 540",
  "dynamodb-toolbox": "≈ 1,130",
};

/** DESIGN.md's budget shape (declaration + one key-building call) under TS 5.9, beside its figures. */
function budgetShapeSection(measured: readonly Library[], budgetShape: ReadonlyMap<Library, number>): string {
  const rows = measured.map((library) => [
    displayName(library),
    formatNumber(budgetShape.get(library)!),
    designFigures[library],
  ]);
  return [
    `### Budget shape, TypeScript ${compilerVersion("ts5.9")}`,
    "",
    "Each entity's declaration and its key-building call only (capsule-entity and both hand-written baselines `keys()`, " +
      "ElectroDB `get().params()`, dynamodb-toolbox `GetItemCommand` `.params()`), as DESIGN.md's budget is stated; " +
      "(N=100 − N=1) / 99.",
    "",
    markdownTable(["library", "instantiations / entity", "DESIGN.md"], rows),
  ].join("\n");
}

/** Instantiations per entity of a shape under TS 5.9, (N=100 − N=1) / 99 (deterministic: one run each). */
async function instantiationsPerEntity(
  measured: readonly Library[],
  shape: Shape,
  names: IndexNames,
  coreEntry: string,
): Promise<Map<Library, number>> {
  const at1 = await measureTypeCosts(measured, 1, "ts5.9", { shape, names, coreEntry });
  const at100 = await measureTypeCosts(measured, 100, "ts5.9", { shape, names, coreEntry });
  return new Map(
    measured.map((library) => [library, perEntity(at1.get(library)!, at100.get(library)!, 1, 100).instantiations]),
  );
}

/**
 * The budget and full shapes again under TS 5.9, each entity naming its own index (`by1Status`, …: {@link IndexNames}),
 * beside the shared `gsi1` of the sections above (`shared`: the budget shape's and the full shape's (100) figures):
 * what a distinct index name costs per entity. dynamodb-toolbox declares its indexes on the shared table, so it has no
 * row here.
 */
async function distinctNamesSection(
  measured: readonly Library[],
  shared: Readonly<Record<Shape, ReadonlyMap<Library, number>>>,
  coreEntry: string,
): Promise<string> {
  const named = measured.filter(hasDistinctNames);
  const columns = [
    ["budget shape, shared", shared.keys],
    ["budget shape, distinct", await instantiationsPerEntity(named, "keys", "distinct", coreEntry)],
    ["full shape, shared", shared.full],
    ["full shape, distinct", await instantiationsPerEntity(named, "full", "distinct", coreEntry)],
  ] as const;
  const figures = markdownTable(
    ["library", ...columns.map(([title]) => `${title} / entity`)],
    named.map((library) => [displayName(library), ...columns.map(([, costs]) => formatNumber(costs.get(library)!))]),
  );
  const ratios = markdownTable(
    ["ratio", ...columns.map(([title]) => title)],
    comparisons(named).map(([ours, theirs]) => [
      `${displayName(ours)} ÷ ${displayName(theirs)}`,
      ...columns.map(([, costs]) => formatRatio(costs.get(ours), costs.get(theirs))),
    ]),
  );
  return [
    `### Distinct index names, TypeScript ${compilerVersion("ts5.9")}`,
    "",
    "The same entities with each one's index named apart (`by1Status`, `by2Status`, …; ElectroDB's access pattern so " +
      "named, its physical index still `gsi1`), beside the shared `gsi1` (ElectroDB `byStatus`): what a team with " +
      "descriptive index names pays. Instantiations per entity, (N=100 − N=1) / 99; dynamodb-toolbox declares its " +
      "indexes on the shared table and has no row.",
    "",
    figures,
    "",
    ratios,
  ].join("\n");
}

/**
 * The type-cost section of docs/benchmarks.md: every library at N = 1, 100, 300 under each compiler.
 * Check time and memory are medians of `runs` compilations.
 */
export async function typeCostSection(runs = 5): Promise<string> {
  const measured = libraries.filter((library) => library !== "capsule-entity" || coreAvailable());
  const parts = [
    "## Type-check cost",
    "",
    "Each entity: five attributes, a capsule-prefixed primary key, one GSI, and one get, put and query call " +
      "(capsule-entity and the hand-written baselines also one `keys()` call), made in a function of the entity's own, as " +
      "application code makes them (as top-level statements, each reference to the ids declared at the top of the file " +
      "walked the control flow back through every statement above it: a cost quadratic in N, which the marginal figures " +
      "counted per entity; docs/benchmarks-typecost.md, session s14). Per-entity figures are (N=300 − N=1) / 299 unless marked (100): " +
      `(N=100 − N=1) / 99. TS 7 runs with \`--singleThreaded\`. Check time and memory: median of ${runs} runs at N=1 and N=300, the libraries taking turns run by run. ` +
      "Every library is compiled from its declarations with `skipLibCheck`, as a user's project compiles it: capsule-entity's " +
      "are built from this checkout first, so that its sources are not type-checked along with each case.",
    "",
    "Two baselines: *hand-written* is plain TypeScript (an attributes type, typed functions returning template-literal keys); " +
      "*hand-written + zod* is the same functions with each entity's attributes type inferred from its own zod schema " +
      "(`z.infer`, capsule-entity's schema with `tenantId()` and `capsuleId()`), as code typed from zod schemas is usually " +
      "written. The latter is the practical floor of a library whose entities are declared with zod schemas (not a strict " +
      "one: a type that reads the schema's shape through one mapped type costs fewer instantiations than `z.infer`). " +
      "capsule-entity ÷ hand-written + zod is what capsule-entity adds to that floor; electrodb ÷ hand-written + zod is " +
      "where ElectroDB, which has no zod, stands against it: a target of capsule-entity ÷ electrodb ≤ r on a figure is " +
      "below that floor wherever electrodb ÷ hand-written + zod is under 1/r (2× for the issue's ≤ 0.5× ElectroDB).",
  ];
  if (!coreAvailable()) parts.push("", `${coreMissingNote}: skipped.`);
  const coreEntry = coreAvailable() ? await buildCoreDeclarations() : coreEntryPoint;
  const fullShape = new Map<Library, number>();
  for (const compiler of compilers) {
    const costs = await measureLibraries(measured, compiler, runs, coreEntry);
    if (compiler === "ts5.9")
      for (const [library, cost] of costs) fullShape.set(library, cost.perEntity100.instantiations);
    parts.push("", compilerSection(compiler, costs));
  }
  const budgetShape = await instantiationsPerEntity(measured, "keys", "shared", coreEntry);
  parts.push("", budgetShapeSection(measured, budgetShape));
  parts.push("", await distinctNamesSection(measured, { keys: budgetShape, full: fullShape }, coreEntry));
  return parts.join("\n");
}
