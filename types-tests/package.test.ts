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
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import { publint } from "publint";
import { formatMessage } from "publint/utils";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defineEntity, tenantId } from "capsule-entity";
import { z } from "zod";
import { compile, compilers, compileTimeout, root } from "./compilers.js";
import { runInProcess } from "../scripts/cli-in-process.js";
import { saasCorpus } from "../src/audit/fixtures/corpora.js";
import { runAudit } from "../src/cli/audit-command.js";
import { runAuditTable } from "../src/cli/audit-table-command.js";

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
    { cwd: root, timeout: compileTimeout }, // killed, not left running, when the hook gives up
  );
  for (const entry of ["package.json", ...packageJson.files.filter((file) => file !== "dist")]) {
    cpSync(path.join(root, entry), path.join(staged, entry), { recursive: true });
  }
  const { stdout } = await run("npm", ["pack", "--json", "--pack-destination", work], { cwd: staged });
  tarball = path.join(work, (JSON.parse(stdout) as { filename: string }[])[0]!.filename);
}, compileTimeout);

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
  it("is clean for arethetypeswrong, except ESM-only by design and the declared-ahead entry point", async ({
    signal,
  }) => {
    const attw = path.join(root, "node_modules/@arethetypeswrong/cli/dist/index.js");
    const output = await run(process.execPath, [attw, tarball, "--format", "json", "--no-color"], {
      cwd: work,
      signal,
    }).then(
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
    writeCliInputs();
  }, compileTimeout);

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
  /**
   * The CLI as users run it: the installed bin (dist/cli/main.js of the tarball) and its worker threads
   * (dist/audit/profile-worker.js), where every other CLI test runs src/ in-process. Each report is compared byte for
   * byte with the same command run from src/ in this process on one thread.
   */
  describe("its capsule-entity bin (the built CLI and workers)", () => {
    const bin = (): string => path.join(consumer, "node_modules/.bin/capsule-entity");
    const built = async (argv: readonly string[]): Promise<string> => {
      const { stdout } = await run(bin(), argv, { cwd: consumer, maxBuffer: 64 << 20 });
      return stdout;
    };
    const json = ["--format", "json", "--fail-on", "none"];

    it("audits a corpus on 1 and 2 threads as src/ does on one", { timeout: 120_000 }, async () => {
      const corpus = path.join(consumer, "corpus.ndjson");
      const reference = await runInProcess(runAudit, [corpus, "--workers", "1", ...json]);
      expect(reference.code).toBe(0);
      expect(await built(["audit", corpus, "--workers", "1", ...json])).toBe(reference.stdout);
      // Over twice the 4 MiB a range holds: two threads each read a range of it, one in a worker.
      expect(await built(["audit", corpus, "--workers", "2", ...json])).toBe(reference.stdout);
      // A gzip stream is cut into 4 MiB batches, the first profiled by a worker.
      const gzip = path.join(consumer, "corpus.ndjson.gz");
      const fromGzip = await runInProcess(runAudit, [gzip, "--workers", "1", ...json]);
      expect(await built(["audit", gzip, "--workers", "2", ...json])).toBe(fromGzip.stdout);
    });

    it("saves shard profiles and merges them as src/ does", { timeout: 60_000 }, async () => {
      for (const [who, directory] of [
        ["built", path.join(consumer, "profiles-built")],
        ["src", path.join(consumer, "profiles-src")],
      ] as const) {
        mkdirSync(directory);
        for (const shard of [0, 1, 2]) {
          const argv = [
            shardPath(shard),
            "--save-profile",
            path.join(directory, `p${shard}.profile.json`),
            "--fail-on",
            "none",
          ];
          if (who === "built") await built(["audit", ...argv]);
          else expect((await runInProcess(runAudit, argv)).code).toBe(0);
        }
      }
      for (const shard of [0, 1, 2]) {
        const name = `p${shard}.profile.json`;
        expect(readFileSync(path.join(consumer, "profiles-built", name), "utf8")).toBe(
          readFileSync(path.join(consumer, "profiles-src", name), "utf8"),
        );
      }
      for (const format of ["text", "json"]) {
        const argv = ["merge", path.join(consumer, "profiles-built"), "--format", format, "--fail-on", "none"];
        const reference = await runInProcess(runAudit, argv);
        expect(reference.stdout).toContain(format === "json" ? '"findings"' : "HIGH or worse in 5 event types");
        expect(await built(["audit", ...argv])).toBe(reference.stdout);
      }
      // Profiles made with different settings are refused, and an input counts once (src/cli/audit-merge.test.ts).
      const shallow = path.join(consumer, "shallow.profile.json");
      await built(["audit", shardPath(0), "--max-depth", "2", "--save-profile", shallow, "--fail-on", "none"]);
      const mixed = ["merge", shallow, path.join(consumer, "profiles-built", "p1.profile.json")];
      const refused = await runInProcess(runAudit, mixed);
      expect(refused.stderr).toContain("profiles merge only when made with the same settings");
      await expect(built(["audit", ...mixed])).rejects.toMatchObject({ code: 2, stderr: refused.stderr });
      const again = [shardPath(0), "--profile", path.join(consumer, "profiles-built", "p0.profile.json"), ...json];
      expect(await built(["audit", ...again])).toBe(await built(["audit", shardPath(0), ...json]));
    });

    it("audits a DynamoDB export, with and without definitions, on 2 threads as src/ does on one", async () => {
      const data = path.join(consumer, "export", "data");
      const entities = ["--entities", path.join(consumer, "entities.js")];
      const reports: string[] = [];
      for (const options of [json, [...entities, ...json], [...entities, "--fail-on", "none"]]) {
        const reference = await runInProcess(runAuditTable, [data, "--workers", "1", ...options]);
        expect(reference.stderr).toBe("");
        expect(await built(["audit-table", data, "--workers", "2", ...options])).toBe(reference.stdout);
        reports.push(reference.stdout);
      }
      const checked = JSON.parse(reports[1]!) as { findings: { kind: string }[] };
      expect(checked.findings.map((finding) => finding.kind).sort()).toEqual([
        "id-disagrees-with-key",
        "unknown-entity-type",
      ]);
    });
  });
});

/** The audit corpus: the SaaS fixture, over 8 MiB (two 4 MiB ranges), plain and gzip, and three shards of it. */
const corpusLines = saasCorpus(31, 1400).events.map((event) => JSON.stringify(event));
const shardPath = (shard: number): string => path.join(consumer, `shard-${shard}.ndjson`);

/**
 * The definitions module the built CLI and src/ both import (`capsule-entity` resolves to the installed package for
 * the one, to src/ for the other), and a DynamoDB export of its items in two data files (DynamoDB JSON lines, gzip).
 */
const entitiesModule = `import { z } from "zod";
import { defineEntity, tenantId } from "capsule-entity";
export const Member = defineEntity({
  name: "Member",
  isolation: { level: "tenant", reason: "a member belongs to the tenant" },
  schema: z.object({ tenantId: tenantId(), memberId: z.string(), email: z.string() }),
  pk: "TENANT#\${tenantId}#MEMBERS",
  sk: "MEMBER#\${memberId}",
});
`;
const Member = defineEntity({
  name: "Member",
  isolation: { level: "tenant", reason: "a member belongs to the tenant" },
  schema: z.object({ tenantId: tenantId(), memberId: z.string(), email: z.string() }),
  pk: "TENANT#${tenantId}#MEMBERS",
  sk: "MEMBER#${memberId}",
});

function writeCliInputs(): void {
  const text = `${corpusLines.join("\n")}\n`;
  writeFileSync(path.join(consumer, "corpus.ndjson"), text);
  writeFileSync(path.join(consumer, "corpus.ndjson.gz"), gzipSync(text));
  // The shards are the corpus's first 6,000 lines: merging needs no more.
  const third = 2000;
  for (const shard of [0, 1, 2])
    writeFileSync(shardPath(shard), `${corpusLines.slice(shard * third, (shard + 1) * third).join("\n")}\n`);
  writeFileSync(path.join(consumer, "entities.js"), entitiesModule);
  const items: Record<string, string>[] = [];
  for (const tenant of ["t1", "t2", "t3"])
    for (const member of ["m1", "m2", "m3", "m4"])
      items.push(Member.toItem({ tenantId: tenant, memberId: member, email: `${member}@${tenant}.example` } as never));
  // An item whose memberId disagrees with its sort key, and one of no declared entity.
  items.push({ ...items[0]!, memberId: "m9" });
  items.push({ pk: "TENANT#t1#AUDIT", sk: "LOG#1", entityType: "AuditLog", tenantId: "t1" });
  const dynamoJson = (item: Record<string, string>) =>
    JSON.stringify({ Item: Object.fromEntries(Object.entries(item).map(([name, value]) => [name, { S: value }])) });
  const data = path.join(consumer, "export", "data");
  mkdirSync(data, { recursive: true });
  const half = Math.ceil(items.length / 2);
  for (const [name, part] of [
    ["a1.json.gz", items.slice(0, half)],
    ["b2.json.gz", items.slice(half)],
  ] as const)
    writeFileSync(path.join(data, name), gzipSync(`${part.map(dynamoJson).join("\n")}\n`));
}
