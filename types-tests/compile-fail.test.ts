/**
 * The compile-fail harness. Every `// expect-error: <code>` comment in types-tests/compile-fail/*.ts and
 * examples/bad/*.ts names the one diagnostic the next line must get, under TypeScript 5.9, 6.0 and 7.0:
 * its catalog code, and (through the snapshot) its full text. No other line may get a diagnostic.
 * Each fixture export is a thunk calling `defineEntity`; calling it must throw the very message the
 * compiler printed (the runtime twin), unless the comment says `type-only`; with `async`, the promise it returns
 * must reject with that message.
 *
 * Snapshots: types-tests/compile-fail/__snapshots__/<fixture>.txt, with `<fixture>.<ts7.0>.txt` only where a
 * compiler's wording differs. `UPDATE_SNAPSHOTS=1 npx vitest run types-tests/compile-fail.test.ts` rewrites.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { catalogMessage, compile, compilers, compileTimeout, root, type Diagnostic } from "./compilers.js";

const project = "types-tests/compile-fail/tsconfig.json";
const snapshots = path.join(root, "types-tests/compile-fail/__snapshots__");
const fixtureDirectories = ["types-tests/compile-fail", "examples/bad"];

interface Expectation {
  readonly file: string;
  /** The line that must get the diagnostic (the line after the comment). */
  readonly line: number;
  readonly code: string;
  readonly typeOnly: boolean;
  /** `async`: the thunk returns a promise that must reject with the message (the DynamoDB adapter's operations). */
  readonly async: boolean;
}

const fixtures = fixtureDirectories.flatMap((directory) =>
  readdirSync(path.join(root, directory))
    .filter((name) => name.endsWith(".ts"))
    .map((name) => path.join(directory, name)),
);

function expectationsOf(file: string): Expectation[] {
  return readFileSync(path.join(root, file), "utf8")
    .split("\n")
    .flatMap((text, index) => {
      const match = /\/\/ expect-error: \[?([\w.]+)\]?( type-only| async)?/.exec(text);
      return match
        ? [
            {
              file,
              line: index + 2,
              code: match[1]!,
              typeOnly: match[2] === " type-only",
              async: match[2] === " async",
            },
          ]
        : [];
    });
}

const render = (diagnostics: readonly Diagnostic[]): string =>
  diagnostics.map((d) => `${d.line}:${d.column} ${d.code} ${d.message}`).join("\n\n") + "\n";

/**
 * The three compilers start at once, as separate processes, when this file is collected; each `describe` awaits its
 * own in its own hook, so a compiler that fails or runs out of work budget (see `compile`) fails its own tests with
 * its own error. A compile is bounded by its work (`compile`'s budget of a core's time, which stretches with the
 * machine's load: at load 30–45 on 2 cores the three compiles need 6–8 minutes of wall clock for ≈ 22 s of a core's
 * time), not by a fixed wall-clock timeout; the hooks' timeout is only the backstop beyond the compile's own.
 */
const runs = new Map(
  compilers.map((compiler) => {
    const run = compile(compiler, project).then(({ diagnostics }) => diagnostics);
    run.catch(() => {}); // awaited (and reported) by the compiler's own hook; a rejection before it is not unhandled
    return [compiler.name, run] as const;
  }),
);
const results = new Map<string, Diagnostic[]>();
const awaitCompiler = (name: string) => async () => {
  results.set(name, await runs.get(name)!);
};

describe.each(compilers.map((compiler) => compiler.name))("under %s", (compilerName) => {
  beforeAll(awaitCompiler(compilerName), compileTimeout);

  it.each(fixtures)("%s fails exactly where its expect-error comments say, with the catalog code", (file) => {
    const diagnostics = results.get(compilerName)!.filter((d) => d.file === file);
    const expected = expectationsOf(file);
    expect(expected.length).toBeGreaterThan(0);
    expect(diagnostics.map((d) => `${d.line} ${catalogMessage(d)?.match(/^\[([\w.]+)\]/)?.[1] ?? d.code}`)).toEqual(
      expected.map((e) => `${e.line} ${e.code}`),
    );
  });

  it.each(fixtures)("%s matches its diagnostics snapshot", (file) => {
    const actual = render(results.get(compilerName)!.filter((d) => d.file === file));
    const base = path.join(snapshots, path.basename(file, ".ts"));
    const own = `${base}.${compilerName}.txt`;
    const shared = `${base}.txt`;
    if (process.env["UPDATE_SNAPSHOTS"]) {
      mkdirSync(snapshots, { recursive: true });
      // The first compiler writes the shared snapshot; later ones keep their own only where they differ.
      if (compilerName === compilers[0]!.name || !existsSync(shared)) writeFileSync(shared, actual);
      else if (readFileSync(shared, "utf8") !== actual) writeFileSync(own, actual);
    }
    const expected = readFileSync(existsSync(own) ? own : shared, "utf8");
    expect(actual).toBe(expected);
  });
});

describe("runtime twins", () => {
  beforeAll(awaitCompiler(compilers[0]!.name), compileTimeout);

  it.each(fixtures.filter((file) => file.startsWith("types-tests/")))(
    "%s: each export throws the message the compiler printed",
    async (file) => {
      const module = (await import(path.join(root, file))) as Record<string, () => unknown>;
      const expected = expectationsOf(file);
      const exports = Object.values(module).filter((value) => typeof value === "function");
      expect(exports).toHaveLength(expected.length);
      const diagnostics = results.get(compilers[0]!.name)!.filter((d) => d.file === file);
      for (const [index, thunk] of exports.entries()) {
        const expectation = expected[index]!;
        const diagnostic = diagnostics.find((d) => d.line === expectation.line);
        const message = diagnostic && catalogMessage(diagnostic);
        expect(message, `${file}:${expectation.line}`).toMatch(/^\[/);
        if (expectation.typeOnly) expect(thunk).not.toThrow();
        // An asynchronous operation (the DynamoDB adapter's) rejects with the message instead of throwing it.
        else if (expectation.async) await expect(thunk()).rejects.toThrow(message);
        else expect(thunk).toThrow(message);
      }
    },
  );
});
