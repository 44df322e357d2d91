/**
 * Builds the package's declarations (dist/) and runs tsd on types-tests/tsd/: the library as a consumer's
 * compiler sees it, through package.json's `types` and `exports`.
 */
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { expect, it } from "vitest";
import { root } from "./compilers.js";

const run = (script: string, ...args: string[]) =>
  promisify(execFile)(process.execPath, [path.join(root, script), ...args], { cwd: root }).then(
    ({ stdout, stderr }) => ({ code: 0, output: stdout + stderr }),
    (error: { code?: number; stdout?: string; stderr?: string }) => ({
      code: error.code ?? 1,
      output: `${error.stdout ?? ""}${error.stderr ?? ""}`,
    }),
  );

it("the built declarations pass the tsd suite", async () => {
  const build = await run("node_modules/typescript/bin/tsc", "-p", "tsconfig.build.json");
  expect(build, build.output).toMatchObject({ code: 0 });
  const tsd = await run("node_modules/tsd/dist/cli.js");
  expect(tsd, tsd.output).toMatchObject({ code: 0 });
}, 180_000);
