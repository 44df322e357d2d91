/**
 * The TypeScript compilers this project supports, installed side by side (npm aliases), and a runner that
 * returns their diagnostics in a stable, comparable form.
 */
import { execFile } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import path from "node:path";

export const root: string = fileURLToPath(new URL("..", import.meta.url));

export interface Compiler {
  /** Short name used in snapshot file names: `ts5.9`, `ts6.0`, `ts7.0`. */
  readonly name: string;
  readonly bin: string;
  /** Extra flags: TS 7 runs single-threaded so its output and counts are deterministic. */
  readonly flags: readonly string[];
}

export const compilers: readonly Compiler[] = [
  { name: "ts5.9", bin: path.join(root, "node_modules/typescript/bin/tsc"), flags: [] },
  { name: "ts6.0", bin: path.join(root, "node_modules/typescript-6/bin/tsc"), flags: [] },
  { name: "ts7.0", bin: path.join(root, "node_modules/typescript-7/bin/tsc"), flags: ["--singleThreaded"] },
];

/** One diagnostic: file relative to the project root, 1-based line and column, code, full chained text. */
export interface Diagnostic {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly code: string;
  readonly message: string;
}

/** A core's time a compile may take by default: 12× what the compile-fail project takes under TS 5.9 (≈ 10 s). */
const defaultWorkMs = 120_000;

/**
 * The wall clock a compile may take whatever the load (14 minutes): its work budget runs out long before on any
 * machine that gives it a fifteenth of a core. A hook awaiting compiles takes {@link compileTimeout}, one minute
 * more, so the compile's own error (naming the compiler and the load) is the one reported.
 */
const wallClockCapMs = 14 * 60_000;
export const compileTimeout: number = wallClockCapMs + 60_000;

const loadPerCore = (): number => Math.max(1, (loadavg()[0] ?? 0) / availableParallelism());

/**
 * Runs a compiler on a tsconfig with `--noEmit --pretty false` and parses what it prints. A compile that has had
 * `workMs` of a core's time (wall time counted at cores ÷ load while the machine is loaded, re-read every second: at
 * load 40 on 2 cores a compiler gets ≈ 1/20 of a core), or 14 minutes of wall clock, is killed, and the promise rejects naming the compiler, the project and the load; so does a compiler that crashed
 * or was killed (a signal, or a failing exit with no diagnostic printed): a failure is never read as "no diagnostics".
 */
export async function compile(
  compiler: Compiler,
  project: string,
  extra: readonly string[] = [],
  workMs: number = defaultWorkMs,
): Promise<{ diagnostics: Diagnostic[]; output: string }> {
  const args = [compiler.bin, "-p", project, "--noEmit", "--pretty", "false", ...compiler.flags, ...extra];
  const budget = new AbortController();
  const started = Date.now();
  let worked = 0;
  const meter = setInterval(() => {
    worked += 1_000 / loadPerCore();
    if (worked >= workMs || Date.now() - started >= wallClockCapMs) budget.abort();
  }, 1_000);
  try {
    const { stdout } = await promisify(execFile)(process.execPath, args, {
      cwd: root,
      maxBuffer: 64 * 1024 * 1024,
      signal: budget.signal,
    });
    return { diagnostics: parseDiagnostics(stdout), output: stdout };
  } catch (thrown) {
    const error = thrown as { stdout?: string; stderr?: string; code?: number | string; signal?: string | null };
    const what = `${compiler.name} on ${project}`;
    if (budget.signal.aborted)
      throw new Error(
        `${what}: no result after ${(worked / 1000).toFixed(0)} s of a core's time ` +
          `(${((Date.now() - started) / 1000).toFixed(0)} s wall clock, load ${(loadavg()[0] ?? 0).toFixed(1)} on ` +
          `${availableParallelism()} cores); killed`,
      );
    const output = error.stdout ?? "";
    const diagnostics = parseDiagnostics(output);
    if (typeof error.code !== "number" || error.signal || (diagnostics.length === 0 && !/error TS\d+/.test(output)))
      throw new Error(`${what} failed (exit ${String(error.code ?? error.signal)}): ${error.stderr || output}`);
    return { diagnostics, output };
  } finally {
    clearInterval(meter);
  }
}

const head = /^(.+?)\((\d+),(\d+)\): error (TS\d+): (.*)$/;

/** Parses `file(line,col): error TSxxxx: text` lines; indented lines continue the previous message. */
export function parseDiagnostics(output: string): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const line of output.split(/\r?\n/)) {
    const match = head.exec(line);
    if (match) {
      const [, file, row, column, code, message] = match as unknown as [string, string, string, string, string, string];
      diagnostics.push({
        file: path.relative(root, path.resolve(root, file)),
        line: Number(row),
        column: Number(column),
        code,
        message,
      });
    } else if (line.startsWith("  ") && diagnostics.length > 0) {
      const last = diagnostics.pop()!;
      diagnostics.push({ ...last, message: `${last.message}\n${line}` });
    }
  }
  return diagnostics;
}

/** The catalog code a message starts with (`[code] …`), or `uncatalogued`. */
export const catalogCode = (message: string): string => /^\[([\w.]+)\]/.exec(message)?.[1] ?? "uncatalogued";

/**
 * The catalog message inside a "… is not assignable to (parameter of) type '"[code] …"'" diagnostic, unescaped,
 * so it can be compared with the runtime's message. `undefined` when the diagnostic carries none. A failed overload
 * set (TS2769, "No overload matches this call.": the catch-all overloads) carries it further down its chain, in the
 * error of the overload whose `this` is the message: the last one's, the catch-all's, which TS 7 prints alone (an
 * exact signature before it may name another mistake where it could not infer the input: an outer scope's query
 * beside a `filter` callback is read there as a query of the table).
 */
export function catalogMessage(diagnostic: Diagnostic): string | undefined {
  const lines = diagnostic.message.split("\n");
  const candidates = diagnostic.code === "TS2769" ? lines.reverse() : lines.slice(0, 1);
  const match = candidates.map((line) => / type '("\[.*")'/.exec(line)).find((found) => found !== null);
  return match ? (JSON.parse(match[1]!) as string) : undefined;
}

/**
 * Compiles a generated probe under TypeScript 5.9 (or the compiler given: a matrix that must agree under each compiles
 * one probe per compiler, under distinct names): `text` goes to `.tmp/probes/<name>/probe.ts` with a tsconfig
 * extending the project's (so it imports the package as the tests do); returns the probe's path and the
 * diagnostics. The generated tests read the diagnostics line by line, then import the probe to run it.
 */
/** A compiled probe: its path, to import it, and its diagnostics by line. */
export interface CompiledProbe {
  readonly probe: string;
  /** The diagnostics on line `line` of the probe. */
  at(line: number): Diagnostic[];
  /** The diagnostics anywhere but on the given lines of the probe (a generated test's header must compile). */
  outside(lines: readonly number[]): Diagnostic[];
  /**
   * Each generated case's answer, from the diagnostics on its line and the probe's export named by its id (the probe
   * imported once, the cases run together).
   */
  answers<TCase extends { readonly id: string; readonly line: number }, TAnswer>(
    cases: readonly TCase[],
    answer: (found: Diagnostic[], run: () => unknown, generated: TCase) => Promise<TAnswer>,
  ): Promise<TAnswer[]>;
}

export async function compileProbe(
  name: string,
  text: string,
  compiler: Compiler = compilers[0]!,
): Promise<CompiledProbe> {
  const directory = path.join(root, ".tmp/probes", name);
  const probe = path.join(directory, "probe.ts");
  mkdirSync(directory, { recursive: true });
  writeFileSync(probe, text);
  writeFileSync(
    path.join(directory, "tsconfig.json"),
    JSON.stringify({
      extends: "../../../tsconfig.json",
      compilerOptions: { skipLibCheck: true, noUnusedLocals: false },
      include: ["./probe.ts"],
      exclude: [],
    }),
  );
  const project = path.relative(root, path.join(directory, "tsconfig.json"));
  const { diagnostics } = await compile(compiler, project);
  const file = path.relative(root, probe);
  const at = (line: number): Diagnostic[] => diagnostics.filter((d) => d.file === file && d.line === line);
  return {
    probe,
    at,
    outside: (lines) => diagnostics.filter((d) => d.file !== file || !lines.includes(d.line)),
    answers: async (cases, answer) => {
      const module = (await import(probe)) as Record<string, () => unknown>;
      return Promise.all(cases.map((generated) => answer(at(generated.line), module[generated.id]!, generated)));
    },
  };
}

/**
 * The runtime's catalog message for a generated case, or `ok`: nothing thrown, or not a catalog error (a query that
 * passed every check is sent, and the probe's client cannot send it: `[dynamodb.request]`).
 */
export async function runtimeCatalogMessage(run: () => unknown): Promise<string> {
  try {
    await run();
    return "ok";
  } catch (error) {
    const message = (error as Error).message;
    return message.startsWith("[") && !message.startsWith("[dynamodb.request]") ? message : "ok";
  }
}

/** A generated case: the probe's export running it (`case<N>`), on line `line` of the probe. */
export interface GeneratedCase {
  readonly id: string;
  readonly line: number;
}
/** A generated probe: its text, and its cases. */
export interface GeneratedProbe<TCase extends GeneratedCase> {
  readonly text: string;
  readonly cases: readonly TCase[];
}

/**
 * A generated matrix's probe under every compiler (one program per compiler, in `compilers`' order; or under the
 * compilers given), read line by line, and run from the first compiler's (TS 5.9's). Tests declare it through
 * `describeMatrix` (types-tests/matrix.ts), which compiles it in a `beforeAll`.
 */
export interface ProbeMatrix {
  /**
   * Compiles the probe under each compiler, the compilers at once (separate processes: the machine's cores share
   * them), then imports the first one's: a `beforeAll` hook (take {@link compileTimeout}).
   */
  compile(): Promise<void>;
  /** Each compiler's compiled probe (once compiled), in the order of the compilers. */
  readonly probes: readonly CompiledProbe[];
  /** The first compiler's: its diagnostics by line, its cases run. */
  readonly first: CompiledProbe;
  /** Each compiler's diagnostics anywhere but on the given lines (the header must compile: all `[]`). */
  outside(lines: readonly number[]): Diagnostic[][];
  /**
   * A case's answers: TS 5.9's on its line (`typed`: `ok`, the catalog message its diagnostic carries, or
   * `uncatalogued`, TypeScript's own words, which differ between the compilers), whether the other compilers give the
   * same, and the runtime's of the probe's export (a thunk, awaited): `ok`, or the message it threw (any, not only a
   * catalog one); a request sent to the probe's closed port (`[dynamodb.request]`) passed every check: `ok`.
   */
  answer(generated: GeneratedCase): Promise<MatrixAnswer>;
}
export interface MatrixAnswer {
  readonly typed: string;
  readonly compilersAgree: boolean;
  readonly runtime: string;
}

export function probeMatrix(name: string, text: string, under: readonly Compiler[] = compilers): ProbeMatrix {
  let compiled: readonly CompiledProbe[] = [];
  let module: Record<string, () => unknown> = {};
  const typed = (line: number) =>
    compiled.map((probe) => {
      const found = probe.at(line);
      return found.length === 0 ? "ok" : (catalogMessage(found[0]!) ?? "uncatalogued");
    });
  const run = async (id: string) => {
    try {
      await module[id]!();
      return "ok";
    } catch (error) {
      const message = (error as Error).message;
      return message.startsWith("[dynamodb.request]") ? "ok" : message;
    }
  };
  return {
    async compile() {
      compiled = await Promise.all(
        under.map((compiler) => compileProbe(under.length === 1 ? name : `${name}-${compiler.name}`, text, compiler)),
      );
      module = (await import(compiled[0]!.probe)) as Record<string, () => unknown>;
    },
    get probes() {
      return compiled;
    },
    get first() {
      return compiled[0]!;
    },
    outside: (lines) => compiled.map((probe) => probe.outside(lines)),
    async answer({ id, line }) {
      const found = typed(line);
      return { typed: found[0]!, compilersAgree: found.every((each) => each === found[0]), runtime: await run(id) };
    },
  };
}
