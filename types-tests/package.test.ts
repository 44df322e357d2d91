/**
 * The package as npm publishes it. The library is built into a staging copy of the package (so this test never
 * races the tsd test's build of dist/), packed once with `npm pack`, and the tarball is:
 * - linted by publint (level suggestion, strict) and by @arethetypeswrong/cli (whose one expected finding,
 *   CommonJS resolving to ESM, is the package being ESM-only by design);
 * - installed, offline, into a copy of types-tests/consumer/, whose usage.ts is type-checked under TypeScript
 *   5.9, 6.0 and 7.0 with `skipLibCheck: false`.
 *
 * Tolerated, by name and only while its source is not in this tree: package.json declares `./dynamodb`
 * (src/dynamodb/index.ts, issue 3) and the `capsule-entity` bin (src/cli/main.ts, issue 5) ahead of their
 * code. Once the source exists, the built file must exist and nothing is tolerated.
 */
import { execFile } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { publint } from "publint";
import { formatMessage } from "publint/utils";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compile, compilers, root } from "./compilers.js";

const run = promisify(execFile);
const packageJson = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as {
  readonly files: readonly string[];
  readonly dependencies: Readonly<Record<string, string>>;
};

/** package.json paths declared ahead of their source: tolerated only while that source is absent. */
const pending = [
  {
    what: "exports ./dynamodb",
    source: "src/dynamodb/index.ts",
    publint: ["exports", "./dynamodb"],
    attw: "./dynamodb",
  },
  { what: "bin capsule-entity", source: "src/cli/main.ts", publint: ["bin"], attw: undefined },
].filter((entry) => !existsSync(path.join(root, entry.source)));

const work = mkdtempSync(path.join(tmpdir(), "capsule-entity-package-"));
const staged = path.join(work, "package");
const consumer = path.join(work, "consumer");
let tarball: string;

beforeAll(async () => {
  await run(
    process.execPath,
    [
      path.join(root, "node_modules/typescript/bin/tsc"),
      "-p",
      "tsconfig.build.json",
      "--outDir",
      path.join(staged, "dist"),
    ],
    { cwd: root },
  );
  for (const entry of ["package.json", ...packageJson.files.filter((file) => file !== "dist")]) {
    cpSync(path.join(root, entry), path.join(staged, entry), { recursive: true });
  }
  const { stdout } = await run("npm", ["pack", "--json", "--pack-destination", work], { cwd: staged });
  tarball = path.join(work, (JSON.parse(stdout) as { filename: string }[])[0]!.filename);
}, 120_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("the packed tarball", () => {
  it("is clean for publint, except the declared-ahead paths", async () => {
    const { messages, pkg } = await publint({ pkgDir: staged, pack: "npm", level: "suggestion", strict: true });
    const isPending = (messagePath: readonly string[]) =>
      pending.some((entry) => entry.publint.every((part, index) => messagePath[index] === part));
    const reported = messages
      .filter((message) => !isPending(message.path))
      .map((message) => formatMessage(message, pkg) ?? message.code);
    expect(reported).toEqual([]);
    for (const message of messages.filter((message) => isPending(message.path)))
      expect(message.code).toBe("FILE_DOES_NOT_EXIST");
  });

  // The package is ESM-only by design (Node >= 20), so a CommonJS consumer resolving it to ESM is expected.
  it("is clean for arethetypeswrong, except ESM-only by design and the declared-ahead entry point", async () => {
    const attw = path.join(root, "node_modules/@arethetypeswrong/cli/dist/index.js");
    const output = await run(process.execPath, [attw, tarball, "--format", "json", "--no-color"], { cwd: work }).then(
      ({ stdout }) => stdout,
      (error: { stdout?: string }) => error.stdout ?? String(error),
    );
    const { analysis } = JSON.parse(output) as {
      analysis: { problems: { kind: string; entrypoint: string; resolutionKind: string }[] };
    };
    const tolerated = new Set(pending.flatMap((entry) => (entry.attw === undefined ? [] : [entry.attw])));
    const problems = analysis.problems.filter(
      (problem) =>
        !(problem.kind === "CJSResolvesToESM" && problem.resolutionKind === "node16-cjs") &&
        !(problem.kind === "NoResolution" && tolerated.has(problem.entrypoint)),
    );
    expect(problems).toEqual([]);
  }, 60_000);

  it("ships every file its docs link to (relative links resolve inside the package)", () => {
    const shipped = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
        entry.isDirectory() ? shipped(path.join(dir, entry.name)) : [path.join(dir, entry.name)],
      );
    const documents = [...shipped(path.join(staged, "docs")), path.join(staged, "README.md")].filter((file) =>
      /\.(md|txt)$/.test(file),
    );
    const broken = documents.flatMap((file) =>
      [...readFileSync(file, "utf8").matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)]
        .map((match) => match[1]!)
        .filter((target) => !/^[a-z]+:/.test(target))
        .filter((target) => !existsSync(path.resolve(path.dirname(file), target)))
        .map((target) => `${path.relative(staged, file)} → ${target}`),
    );
    expect(broken).toEqual([]);
  });
});

describe("a consumer project (types-tests/consumer) installing the tarball", () => {
  const checks = new Map<string, Awaited<ReturnType<typeof compile>>>();

  beforeAll(async () => {
    cpSync(path.join(root, "types-tests/consumer"), consumer, { recursive: true });
    // Offline: zod by its registry tarball URL, which `npm ci` left in the cache (a version range would need
    // the registry's metadata, which `npm ci` does not cache).
    const { stdout: registry } = await run("npm", ["config", "get", "registry"], { cwd: root });
    const zod = `${registry.trim().replace(/\/$/, "")}/zod/-/zod-${packageJson.dependencies["zod"]}.tgz`;
    await run("npm", ["install", "--no-audit", "--no-fund", "--offline", zod, tarball], { cwd: consumer });
    await Promise.all(
      compilers.map(async (compiler) =>
        checks.set(compiler.name, await compile(compiler, path.join(consumer, "tsconfig.json"))),
      ),
    );
  }, 180_000);

  it("has the package and its zod installed", () => {
    expect(existsSync(path.join(consumer, "node_modules/capsule-entity/dist/index.d.ts"))).toBe(true);
    expect(JSON.parse(readFileSync(path.join(consumer, "node_modules/zod/package.json"), "utf8"))).toMatchObject({
      version: packageJson.dependencies["zod"],
    });
  });

  it.each(compilers.map((compiler) => compiler.name))(
    "type-checks under %s without skipLibCheck, the isolation rule holding",
    (name) => {
      const { diagnostics, output } = checks.get(name)!;
      expect(diagnostics, output).toEqual([]);
      expect(output.trim(), "no config errors either").toBe("");
    },
  );
});
