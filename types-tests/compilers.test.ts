/**
 * The compile runner never reads a failure as "no diagnostics": a compile past its work budget is killed and
 * reported by compiler, project and load; a compiler that crashes or is killed rejects with its exit and output.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { compile, compilers, type Compiler } from "./compilers.js";

/** A stand-in compiler: a script run as `node <script> -p <project> …`, as a real tsc is. */
function stubCompiler(name: string, script: string): Compiler {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "compilers-")), `${name}.cjs`);
  writeFileSync(file, script);
  return { name, bin: file, flags: [] };
}

describe("compile", () => {
  it("kills a compile that has had its work budget, and names the compiler, the project and the load", async () => {
    const started = Date.now();
    await expect(compile(compilers[0]!, "types-tests/compile-fail/tsconfig.json", [], 1)).rejects.toThrow(
      /^ts5\.9 on types-tests\/compile-fail\/tsconfig\.json: no result after \d+ s of a core's time \(\d+ s wall clock, load [\d.]+ on \d+ cores\); killed$/,
    );
    // Killed on the first tick of the meter, not after the compile (≈ 10 s of a core) finished.
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it.each([
    {
      case: "a crash (an uncaught exception)",
      script: "throw new Error('compiler bug')",
      error: /failed \(exit 1\): [^]*compiler bug/,
    },
    { case: "a kill (a signal)", script: "process.kill(process.pid, 'SIGKILL')", error: /failed \(exit SIGKILL\)/ },
    { case: "a failing exit with nothing printed", script: "process.exit(2)", error: /failed \(exit 2\): $/ },
  ])("rejects on $case instead of reporting no diagnostics", async ({ script, error }) => {
    await expect(compile(stubCompiler("stub", script), "tsconfig.json")).rejects.toThrow(error);
  });

  it("reads a failing exit that printed diagnostics as those diagnostics", async () => {
    const printed = "src/a.ts(3,7): error TS2322: Type 'number' is not assignable to type 'string'.\n";
    const { diagnostics } = await compile(
      stubCompiler("stub", `process.stdout.write(${JSON.stringify(printed)}); process.exitCode = 2;`),
      "tsconfig.json",
    );
    expect(diagnostics).toEqual([
      {
        file: "src/a.ts",
        line: 3,
        column: 7,
        code: "TS2322",
        message: "Type 'number' is not assignable to type 'string'.",
      },
    ]);
  });
});
