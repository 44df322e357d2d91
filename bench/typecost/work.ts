/**
 * Check work of two capsule-entity trees, A and B, against the hand-written + zod floor, counted rather than timed: a
 * copy of TS 5.9's `lib/typescript.js` whose every function declaration (`function name(…) {` on a line of its own,
 * ≈ 11,000 of them, the checker's included) counts its calls, and each entity's file checked in turn as
 * bench/typecost/ab.ts checks it (one file per entity, full shape, shared index name, entities 11–N; the first 10 pay
 * for the library's generic types). The count is deterministic: one run, any load, a few entities suffice.
 *
 * A proxy, not a timing: a call counts as much as any other, whatever it does, and allocation (garbage collection)
 * is not counted. On main `32d7781` it puts capsule-entity at 1.137× the floor where the quiet bench's check time says
 * 1.16× (TS 5.9); per call, and where it and the clock part, see docs/benchmarks-typecost.md, session s20. Use it to
 * choose among variants at a load where ab.ts cannot tell 5 % from noise, then confirm the one kept with ab.ts.
 *
 * TS 7 spends about a third of its CPU in Go's garbage collector, so its figure is what it allocates: its native
 * compiler (`--singleThreaded --extendedDiagnostics`) on whole programs of N and of 10 entities, per entity the
 * difference of its "Memory allocs" (heap objects allocated; the same to ± 50 from run to run) and of the types it made.
 *
 * Usage: `npx tsx bench/typecost/work.ts <tree A> <tree B> [entities = 40]`, each tree a checkout of this repository
 * (its declarations built as ab.ts builds them).
 */
import { copyFile, mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type ts from "typescript";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { buildDeclarations, programOf, tsgo, writeSplitCase } from "./ab.js";
import { repoRoot } from "./generate.js";

const skipped = 10;

/** The counting compiler, written once into `.tmp/work-typescript/lib/` (the default libraries beside it). */
async function countingCompiler(): Promise<{ compiler: typeof ts; calls: () => number }> {
  const source = join(repoRoot, "node_modules", "typescript", "lib");
  const target = join(repoRoot, ".tmp", "work-typescript", "lib");
  await mkdir(target, { recursive: true });
  for (const name of await readdir(source))
    if (/^lib\..*\.d\.ts$/.test(name)) await copyFile(join(source, name), join(target, name));
  const original = await readFile(join(source, "typescript.js"), "utf8");
  // One counter on globalThis, incremented first thing in each function declared on a line of its own.
  const counted = original.replace(/^(\s*function [\w$]*\(.*\) \{)$/gm, "$1 globalThis.__workCalls++;");
  await writeFile(join(target, "typescript.js"), `globalThis.__workCalls = 0;\n${counted}`);
  const compiler = createRequire(import.meta.url)(join(target, "typescript.js")) as typeof ts;
  return { compiler, calls: () => (globalThis as { __workCalls?: number }).__workCalls ?? 0 };
}

/** Function calls per entity (thousands) of checking a case's entity files 11–N, each after the ones before it. */
async function workPerEntity(
  counting: Awaited<ReturnType<typeof countingCompiler>>,
  library: "capsule-entity" | "hand-written-zod",
  count: number,
  entry: string | undefined,
): Promise<number> {
  const { compiler, calls } = counting;
  const { directory } = await writeSplitCase(library, count, entry);
  try {
    const { program, files } = programOf(directory, compiler);
    let total = 0;
    files.forEach((file, index) => {
      const before = calls();
      const diagnostics = program.getSemanticDiagnostics(file);
      if (diagnostics.length > 0)
        throw new Error(
          `${file.fileName}: ${compiler.flattenDiagnosticMessageText(diagnostics[0]!.messageText, "\n")}`,
        );
      if (index >= skipped) total += calls() - before;
    });
    return total / (count - skipped) / 1000;
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

/** TS 7's allocations and types of a whole program, from its `--extendedDiagnostics`. */
async function nativeWork(directory: string): Promise<{ allocations: number; types: number }> {
  const { stdout } = await promisify(execFile)(tsgo, [
    "-p",
    directory,
    "--noEmit",
    "--singleThreaded",
    "--extendedDiagnostics",
  ]);
  const figure = (label: string): number => {
    const found = new RegExp(`^${label}:\\s+(\\d+)`, "m").exec(stdout)?.[1];
    if (found === undefined) throw new Error(`${directory}: no "${label}" in ${stdout}`);
    return Number(found);
  };
  return { allocations: figure("Memory allocs"), types: figure("Types") };
}

/** TS 7's allocations and types per entity: programs of `count` and of 10 entities, their difference. */
async function nativeWorkPerEntity(
  library: "capsule-entity" | "hand-written-zod",
  count: number,
  entry: string | undefined,
): Promise<{ allocations: number; types: number }> {
  const [large, small] = [await writeSplitCase(library, count, entry), await writeSplitCase(library, skipped, entry)];
  try {
    const [many, few] = [await nativeWork(large.directory), await nativeWork(small.directory)];
    return {
      allocations: (many.allocations - few.allocations) / (count - skipped),
      types: (many.types - few.types) / (count - skipped),
    };
  } finally {
    for (const { directory } of [large, small]) await rm(directory, { recursive: true, force: true });
  }
}

async function main([treeA, treeB, count = "40"]: readonly string[]): Promise<void> {
  if (treeA === undefined || treeB === undefined)
    throw new Error("usage: tsx bench/typecost/work.ts <tree A> <tree B> [entities]");
  const entries = [await buildDeclarations(resolve(treeA), "A"), await buildDeclarations(resolve(treeB), "B")];
  const counting = await countingCompiler();
  const [a, b, floor] = [
    await workPerEntity(counting, "capsule-entity", Number(count), entries[0]),
    await workPerEntity(counting, "capsule-entity", Number(count), entries[1]),
    await workPerEntity(counting, "hand-written-zod", Number(count), undefined),
  ];
  console.log(`TS 5.9 function calls per entity (thousands), entities ${skipped + 1}–${count}:`);
  console.log(`  A ${a.toFixed(1)}, B ${b.toFixed(1)}, hand-written + zod ${floor.toFixed(1)}`);
  console.log(
    `  B ÷ A ${(b / a).toFixed(3)}, A ÷ floor ${(a / floor).toFixed(3)}, B ÷ floor ${(b / floor).toFixed(3)}`,
  );
  const [nativeA, nativeB, nativeFloor] = [
    await nativeWorkPerEntity("capsule-entity", Number(count), entries[0]),
    await nativeWorkPerEntity("capsule-entity", Number(count), entries[1]),
    await nativeWorkPerEntity("hand-written-zod", Number(count), undefined),
  ];
  for (const figure of ["allocations", "types"] as const) {
    const [x, y, z] = [nativeA[figure], nativeB[figure], nativeFloor[figure]];
    console.log(`TS 7 ${figure} per entity, entities ${skipped + 1}–${count}:`);
    console.log(`  A ${x.toFixed(1)}, B ${y.toFixed(1)}, hand-written + zod ${z.toFixed(1)}`);
    console.log(`  B ÷ A ${(y / x).toFixed(3)}, A ÷ floor ${(x / z).toFixed(3)}, B ÷ floor ${(y / z).toFixed(3)}`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) await main(process.argv.slice(2));
