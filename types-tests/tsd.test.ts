/**
 * Builds the package's declarations (dist/) and runs tsd on types-tests/tsd/: the library as a consumer's
 * compiler sees it, through package.json's `types` and `exports`.
 */
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { expect, it } from "vitest";
import { root } from "./compilers.js";

/** Runs a script with node; the child is killed when `signal` aborts (the test timed out or the run was cancelled). */
const run = (signal: AbortSignal, script: string, ...args: string[]) =>
  promisify(execFile)(process.execPath, [path.join(root, script), ...args], { cwd: root, signal }).then(
    ({ stdout, stderr }) => ({ code: 0, output: stdout + stderr }),
    (error: { code?: number; stdout?: string; stderr?: string }) => ({
      code: error.code ?? 1,
      output: `${error.stdout ?? ""}${error.stderr ?? ""}`,
    }),
  );

it("the built declarations pass the tsd suite", async ({ signal }) => {
  const build = await run(signal, "node_modules/typescript/bin/tsc", "-p", "tsconfig.build.json");
  expect(build, build.output).toMatchObject({ code: 0 });
  const tsd = await run(signal, "node_modules/tsd/dist/cli.js");
  expect(tsd, tsd.output).toMatchObject({ code: 0 });
}, 180_000);
