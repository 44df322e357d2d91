/**
 * `npm run docs` builds the API reference from src/index.ts with typedoc; this test builds it into a temporary
 * directory and fails on any warning (typedoc.json validates links, exports and TSDoc on every exported
 * function, class, interface, type and variable), except the ones listed here by their exact text.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, expect, it } from "vitest";
import { root } from "../types-tests/compilers.js";

const out = mkdtempSync(path.join(tmpdir(), "capsule-entity-api-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

it("the API reference builds with no warnings", async ({ signal }) => {
  const typedoc = path.join(root, "node_modules/typedoc/bin/typedoc");
  const output = await promisify(execFile)(process.execPath, [typedoc, "--out", out], {
    cwd: root,
    env: { ...process.env, NO_COLOR: "1" },
    signal, // typedoc is stopped when the test times out
  }).then(
    ({ stdout, stderr }) => stdout + stderr,
    (error: { stdout?: string; stderr?: string }) => `${error.stdout ?? ""}${error.stderr ?? String(error)}`,
  );
  const problems = output
    .split("\n")
    .map((line) => /^\[(?:warning|error)\] (.*)$/.exec(line)?.[1])
    .filter((text): text is string => text !== undefined && !/^Found \d+ errors and \d+ warnings$/.test(text));
  expect(problems, output).toEqual([]);
  expect(existsSync(path.join(out, "functions/defineEntity.html")), output).toBe(true);
}, 120_000);
