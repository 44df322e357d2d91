/**
 * Check time of two capsule-entity trees, A and B, against the hand-written + zod floor, on the bench's own entities
 * (bench/typecost/generate.ts, full shape, shared index name), for a change's effect on check time, which instantiation
 * counts do not show (docs/benchmarks-typecost.md, session s16).
 *
 * On a shared machine a whole `tsc` run of 300 entities is too coarse to pair: the load changes within seconds, and the
 * per-entity CPU time of the same case moved 2.7–10 ms from one run to the next (session s16). So each case's entities
 * are written one per file (with the ids in a file of their own, and the headers' imports), the three programs (A, B,
 * hand-written + zod) are built in this process with TS 5.9 (parsing and binding not timed), and their files are checked
 * in turn, entity by entity (`getSemanticDiagnostics` of entity k in A, then in B, then in the floor, the order rotated
 * each entity), each timed by the process's CPU time: a slow spell lands on the three alike. The first 10 entities of a
 * round are not counted (a program's first entity pays for the library's generic types), nor the first round (the
 * compiler's own code is still being optimized). Ratios are per round, reported as medians with their range.
 *
 * TS 7 (`ts7` as the last argument) cannot be driven file by file from here: each round runs its native compiler
 * (`--singleThreaded`) on each program of 300 and of 10 entities, timed by `/usr/bin/time` (user + system), and per
 * entity is (300 − 10) / 290: coarser, so give it more rounds.
 *
 * Usage: `npx tsx bench/typecost/ab.ts <tree A> <tree B> [rounds = 5] [entities = 300] [ts5.9|ts7] [shared|distinct]`
 * (the last: whether the entities share their index's name, the default, or each names its own; TS 5.9 only), each
 * tree a checkout of this repository (`git worktree add`, or `git archive` unpacked with node_modules linked); its
 * declarations are built as `npm run bench` builds them.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import ts from "typescript";
import { median } from "../report.js";
import { caseCompilerOptions, entitiesSource, entityName, repoRoot, type Case, type IndexNames } from "./generate.js";

const run = promisify(execFile);
const skipped = 10;

/**
 * Builds a tree's declarations into its `.tmp/ab-declarations-<side>` and returns their entry point: one directory per
 * side, so the same tree given as A and B (or A's build still in use) is not overwritten by the other's.
 */
export async function buildDeclarations(tree: string, side: "A" | "B"): Promise<string> {
  const outDir = join(tree, ".tmp", `ab-declarations-${side}`);
  await rm(outDir, { recursive: true, force: true });
  const tsc = join(tree, "node_modules", "typescript", "bin", "tsc");
  await run(process.execPath, [
    tsc,
    "-p",
    join(tree, "tsconfig.build.json"),
    "--emitDeclarationOnly",
    "--outDir",
    outDir,
  ]);
  return join(outDir, "index.d.ts");
}

/**
 * The bench's module of `count` entities written as one file per entity: the header's imports in each, the ids
 * (`const t = …`) in ids.ts, exported. Returns the directory and the entity files in order.
 */
export async function writeSplitCase(
  library: Case,
  count: number,
  coreEntry: string | undefined,
  names: IndexNames = "shared",
): Promise<{ directory: string; files: string[] }> {
  const lines = entitiesSource(library, count, "full", names).split("\n");
  const first = lines.findIndex((line) => line.includes(entityName(1)));
  const header = lines.slice(0, first);
  const imports = header.filter((line) => line.startsWith("import "));
  const ids = header.filter((line) => line.startsWith("const "));
  const idNames = ids.map((line) => /^const (\w+)/.exec(line)![1]!);
  const directory = await mkdtemp(join(tmpdir(), `typecost-ab-${library}-`));
  await symlink(join(repoRoot, "node_modules"), join(directory, "node_modules"), "dir");
  await writeFile(join(directory, "package.json"), JSON.stringify({ type: "module" }) + "\n");
  await writeFile(join(directory, "ids.ts"), [...imports, ...ids.map((line) => `export ${line}`)].join("\n") + "\n");
  const body = lines.slice(first).join("\n");
  const blocks = body.split(/\n(?=(?:export )?(?:const|type) E\d{4}(?:Schema)? =)/);
  const entities = new Map<number, string[]>();
  for (const block of blocks) {
    const index = Number(/E(\d{4})/.exec(block)![1]);
    entities.set(index, [...(entities.get(index) ?? []), block]);
  }
  const files: string[] = [];
  for (let index = 1; index <= count; index += 1) {
    const file = join(directory, `${entityName(index)}.ts`);
    const text = [...imports, `import { ${idNames.join(", ")} } from "./ids.js";`, "", ...entities.get(index)!];
    await writeFile(file, text.join("\n") + "\n");
    files.push(file);
  }
  const options = {
    ...caseCompilerOptions,
    ...(coreEntry === undefined ? {} : { paths: { "capsule-entity": [coreEntry] } }),
  };
  await writeFile(
    join(directory, "tsconfig.json"),
    JSON.stringify({ compilerOptions: options, files: ["ids.ts", ...files] }, null, 2) + "\n",
  );
  return { directory, files };
}

/**
 * A case's program, built afresh (parsing and binding happen here, untimed), by this TypeScript or another copy of it
 * (bench/typecost/work.ts passes its counting one).
 */
export function programOf(
  directory: string,
  compiler: typeof ts = ts,
): { program: ts.Program; files: ts.SourceFile[] } {
  const parsed = compiler.getParsedCommandLineOfConfigFile(
    join(directory, "tsconfig.json"),
    {},
    {
      ...compiler.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(compiler.flattenDiagnosticMessageText(diagnostic.messageText, "\n"));
      },
    },
  )!;
  const program = compiler.createProgram(parsed.fileNames, parsed.options);
  program.getTypeChecker();
  const files = program.getSourceFiles().filter((file) => /E\d{4}\.ts$/.test(file.fileName));
  files.sort((left, right) => left.fileName.localeCompare(right.fileName));
  return { program, files };
}

/** The CPU time of checking one file, in ms; a file with type errors throws, as its figure would mean nothing. */
function checkFile(program: ts.Program, file: ts.SourceFile): number {
  const started = process.cpuUsage();
  const diagnostics = program.getSemanticDiagnostics(file);
  const used = process.cpuUsage(started);
  if (diagnostics.length > 0)
    throw new Error(
      `${file.fileName}: ${ts.flattenDiagnosticMessageText(diagnostics[0]!.messageText, "\n").slice(0, 400)}`,
    );
  return (used.user + used.system) / 1000;
}

/** TS 7's native compiler (the platform package's binary, without the Node launcher). */
export const tsgo = join(repoRoot, "node_modules", "@typescript", "typescript-linux-x64", "lib", "tsc");

/** TS 7's native compiler on a whole program: its CPU time in ms (user + system, `/usr/bin/time`). */
async function nativeCheck(directory: string): Promise<number> {
  const { stderr } = await run("/usr/bin/time", [
    "-f",
    "cpu %U %S",
    tsgo,
    "-p",
    directory,
    "--noEmit",
    "--singleThreaded",
  ]);
  const [, user, system] = /cpu ([\d.]+) ([\d.]+)/.exec(stderr) ?? [];
  if (user === undefined || system === undefined) throw new Error(`${directory}: no CPU time in ${stderr}`);
  return (Number(user) + Number(system)) * 1000;
}

/** TS 7: whole programs of `count` and of 10 entities, per entity their difference. */
async function mainNative(treeEntries: readonly string[], rounds: number, count: number): Promise<void> {
  const small = skipped;
  const cases = [];
  for (const entry of [...treeEntries, undefined])
    cases.push({
      large: await writeSplitCase(entry === undefined ? "hand-written-zod" : "capsule-entity", count, entry),
      small: await writeSplitCase(entry === undefined ? "hand-written-zod" : "capsule-entity", small, entry),
    });
  try {
    const perRound: number[][] = [];
    for (let round = 0; round < rounds; round += 1) {
      const entity = [0, 0, 0];
      for (let step = 0; step < cases.length; step += 1) {
        const which = (round + step) % cases.length;
        const large = await nativeCheck(cases[which]!.large.directory);
        const few = await nativeCheck(cases[which]!.small.directory);
        entity[which] = (large - few) / (count - small);
      }
      perRound.push(entity);
      console.log(
        `round ${round + 1}: CPU ms per entity A ${entity[0]!.toFixed(3)}, B ${entity[1]!.toFixed(3)}, hand-written + zod ${entity[2]!.toFixed(3)}`,
      );
    }
    const ratio = (ours: number, theirs: number): string => {
      const ratios = perRound.map((row) => row[ours]! / row[theirs]!);
      return `${median(ratios).toFixed(3)}× (${Math.min(...ratios).toFixed(3)}–${Math.max(...ratios).toFixed(3)})`;
    };
    console.log(
      `\nTS 7 (native, --singleThreaded), ${rounds} rounds, (${count} − ${small}) / ${count - small} entities:`,
    );
    ["A", "B", "zod"].forEach((label, index) =>
      console.log(`  ${label}: ${median(perRound.map((row) => row[index]!)).toFixed(3)}`),
    );
    console.log(`  B ÷ A: ${ratio(1, 0)}`);
    console.log(`  A ÷ hand-written + zod: ${ratio(0, 2)}`);
    console.log(`  B ÷ hand-written + zod: ${ratio(1, 2)}`);
  } finally {
    for (const { large, small: few } of cases)
      for (const { directory } of [large, few]) await rm(directory, { recursive: true, force: true });
  }
}

async function main([
  treeA,
  treeB,
  rounds = "5",
  count = "300",
  compiler = "ts5.9",
  names = "shared",
]: readonly string[]): Promise<void> {
  if (treeA === undefined || treeB === undefined)
    throw new Error("usage: tsx bench/typecost/ab.ts <tree A> <tree B> [rounds] [entities]");
  const trees = [resolve(treeA), resolve(treeB)];
  for (const tree of trees) if (!existsSync(join(tree, "src", "index.ts"))) throw new Error(`${tree}: no src/index.ts`);
  const entries = [await buildDeclarations(trees[0]!, "A"), await buildDeclarations(trees[1]!, "B")];
  if (names !== "shared" && names !== "distinct") throw new Error(`${names}: index names are shared or distinct`);
  if (compiler === "ts7") return mainNative(entries, Number(rounds), Number(count));
  const labels = ["A", "B", "zod"] as const;
  const cases = [
    await writeSplitCase("capsule-entity", Number(count), entries[0], names),
    await writeSplitCase("capsule-entity", Number(count), entries[1], names),
    await writeSplitCase("hand-written-zod", Number(count), undefined, names),
  ];
  try {
    const perRound: Record<(typeof labels)[number], number>[] = [];
    for (let round = -1; round < Number(rounds); round += 1) {
      const programs = cases.map(({ directory }) => programOf(directory));
      const totals = [0, 0, 0];
      for (let index = 0; index < Number(count); index += 1) {
        for (let step = 0; step < programs.length; step += 1) {
          const which = (index + step) % programs.length;
          const { program, files } = programs[which]!;
          const spent = checkFile(program, files[index]!);
          if (index >= skipped) totals[which]! += spent;
        }
      }
      if (round < 0) continue; // warm-up
      const entity = totals.map((total) => total / (Number(count) - skipped));
      perRound.push({ A: entity[0]!, B: entity[1]!, zod: entity[2]! });
      console.log(
        `round ${round + 1}: CPU ms per entity A ${entity[0]!.toFixed(3)}, B ${entity[1]!.toFixed(3)}, ` +
          `hand-written + zod ${entity[2]!.toFixed(3)}`,
      );
    }
    const ratio = (ours: (typeof labels)[number], theirs: (typeof labels)[number]): string => {
      const ratios = perRound.map((row) => row[ours] / row[theirs]);
      return `${median(ratios).toFixed(3)}× (${Math.min(...ratios).toFixed(3)}–${Math.max(...ratios).toFixed(3)})`;
    };
    console.log(`\nTS ${ts.version}, ${rounds} rounds, entities ${skipped + 1}–${count}, CPU ms per entity (medians):`);
    for (const label of labels) console.log(`  ${label}: ${median(perRound.map((row) => row[label])).toFixed(3)}`);
    console.log(`  B ÷ A: ${ratio("B", "A")}`);
    console.log(`  A ÷ hand-written + zod: ${ratio("A", "zod")}`);
    console.log(`  B ÷ hand-written + zod: ${ratio("B", "zod")}`);
  } finally {
    for (const { directory } of cases) await rm(directory, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) await main(process.argv.slice(2));
