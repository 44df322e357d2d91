import { spawnSync } from "node:child_process";
import { mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { corpusLines, corpusText } from "../../examples/events/corpus-generator.js";
import { SAMPLE_PATH } from "../../examples/events/generate.js";
import { CLEAN_SPEC, WORKSPACE_PLANTED, WORKSPACE_SPEC } from "../../examples/events/unseen-specs.js";
import { saasCorpus } from "../audit/fixtures/corpora.js";
import { type CliIo, parseAuditArguments, runAudit } from "./audit-command.js";

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function run(argv: readonly string[], stdin: Buffer | undefined = undefined): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const io: CliIo = {
    stdin: Readable.from(stdin === undefined ? [] : [stdin]),
    stdinIsTTY: stdin === undefined,
    stdout: { write: (text: string) => (stdout += text) },
    stdoutIsTTY: false,
    stderr: { write: (text: string) => (stderr += text) },
    stderrIsTTY: false,
    env: {},
  };
  const code = await runAudit(argv, io);
  return { code, stdout, stderr };
}

interface JsonReport {
  summary: {
    events: number;
    eventTypes: number;
    skippedLines: number;
    skipped: { samples: { line: number; reason: string }[] };
    baselined: number;
  };
  findings: {
    kind: string;
    risk: string;
    eventType: string;
    source: string;
    field: string;
    fieldId: string;
    fingerprint: string;
    message: string;
  }[];
}

const json = (result: Run): JsonReport => JSON.parse(result.stdout) as JsonReport;
const comparable = (report: JsonReport) =>
  report.findings.map(({ kind, risk, eventType, source, field, fingerprint }) => ({
    kind,
    risk,
    eventType,
    source,
    field,
    fingerprint,
  }));

let directory: string;
const file = (name: string): string => join(directory, name);

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), "audit-cli-"));
  await writeFile(file("workspace.ndjson"), corpusText(WORKSPACE_SPEC));
  await writeFile(file("clean.ndjson"), corpusText(CLEAN_SPEC));
});

afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe("capsule-entity audit: exit codes", () => {
  it("exits 1 on findings at or above --fail-on (default high), 0 below it or with none", async () => {
    expect((await run([file("workspace.ndjson")])).code).toBe(1);
    expect((await run([file("workspace.ndjson"), "--fail-on", "critical"])).code).toBe(1);
    expect((await run([file("workspace.ndjson"), "--fail-on=none"])).code).toBe(0);
    expect((await run([SAMPLE_PATH, "--fail-on", "none"])).code).toBe(0);
  });

  it("exits 0 with no findings on a clean corpus, even at --fail-on low", async () => {
    const result = await run([file("clean.ndjson"), "--fail-on", "low", "--format", "json"]);
    expect(result.code).toBe(0);
    expect(json(result).findings).toEqual([]);
  });

  it("exits 2 with a ✖ message on usage errors", async () => {
    const cases: [string[], RegExp][] = [
      [["--format", "xml"], /--format expects one of text, json, sarif, html, received "xml"/],
      [["--fail-on", "severe"], /--fail-on expects critical, high, medium, low or none/],
      [["--min-share", "2"], /--min-share expects a share in \(0, 1\], received "2"/],
      [["--min-support", "1.5"], /--min-support expects a whole number/],
      [["--out"], /--out expects FILE, but none was given: give --out FILE/],
      [["--profile"], /--profile expects FILE\.\.\., but none was given/],
      [["--format", "json", "--format", "text"], /--format is given twice/],
      [["--verbose"], /unknown option --verbose/],
      [[], /no input: give event files, or pipe events to stdin/],
    ];
    for (const [argv, message] of cases) {
      const result = await run(argv);
      expect(result.code, argv.join(" ")).toBe(2);
      expect(result.stderr).toMatch(/^✖ /);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).toContain("→ run capsule-entity audit --help");
    }
  });

  it("exits 2 on input it cannot use at all", async () => {
    await writeFile(file("only-bad.ndjson"), "nope\n[1]\n");
    await writeFile(file("one-bad.ndjson"), "nope\n");
    await writeFile(file("not-a-profile.json"), '{"format":"x"}');
    await writeFile(file("no-definitions.mjs"), 'export const table = { name: "t" };\nexport default {};\n');
    // What PowerShell's `>` writes: UTF-16 with a byte order mark.
    const event = '{"detail-type":"A","source":"s","detail":{}}\r\n';
    await writeFile(
      file("utf16.ndjson"),
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(event.repeat(2), "utf16le")]),
    );
    const cases: [string[], RegExp][] = [
      [[file("missing.ndjson")], /cannot read .*missing\.ndjson: ENOENT/],
      [
        [file("utf16.ndjson")],
        /no events in the input \(3 values skipped, the first at .*utf16\.ndjson:1: binary data or invalid UTF-8; .*utf16\.ndjson is UTF-16 text: save it as UTF-8 \(iconv -f UTF-16 -t UTF-8\)\)/,
      ],
      [
        [directory],
        /cannot read .*: a directory \(give the event files in it, e\.g\. .*\/\*\.ndjson; audit merge reads directories of profiles\)/,
      ],
      [
        [file("only-bad.ndjson")],
        /no events in the input \(2 values skipped, the first at .*only-bad\.ndjson:1: invalid JSON\)/,
      ],
      [
        [file("one-bad.ndjson")],
        /no events in the input \(1 value skipped, the first at .*one-bad\.ndjson:1: invalid JSON\)/,
      ],
      [["--profile", file("not-a-profile.json")], /is not a capsule-entity-audit-profile v4 document/],
      [
        [file("clean.ndjson"), "--out", join(directory, "no-such-dir", "report.txt")],
        /cannot write the report to .*report\.txt: ENOENT/,
      ],
      [[file("clean.ndjson"), "--baseline", file("clean.ndjson")], /is not a JSON or SARIF audit report/],
      [[file("clean.ndjson"), "--entities", file("no-such-module.js")], /cannot load --entities .*no-such-module\.js/],
      // A module that loads but declares nothing (the wrong file) is refused, not read as no declarations.
      [
        [file("clean.ndjson"), "--entities", file("no-definitions.mjs")],
        /--entities .*no-definitions\.mjs exports no entity or event definition \(defineEntity, defineEvent\)/,
      ],
    ];
    for (const [argv, message] of cases) {
      const result = await run(argv);
      expect(result.code, argv.join(" ")).toBe(2);
      expect(result.stderr).toMatch(message);
    }
  });

  it("prints its help", async () => {
    const result = await run(["--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: capsule-entity audit \[files\|-\] \[options\]/);
    expect(result.stdout).toContain("--fail-on LEVEL");
  });
});

describe("capsule-entity audit: inputs and outputs", () => {
  it("reads stdin, gzip and JSON arrays alike", async () => {
    const whole = json(await run([file("workspace.ndjson"), "--format", "json"]));
    const lines = [...corpusLines(WORKSPACE_SPEC)].filter((line) => line.startsWith('{"'));
    const fromStdin = json(await run(["-", "--format", "json"], Buffer.from(corpusText(WORKSPACE_SPEC))));
    const gzipped = json(await run(["--format", "json"], gzipSync(corpusText(WORKSPACE_SPEC))));
    await writeFile(file("array.json"), `[\n${lines.join(",\n")}\n]\n`);
    const array = json(await run([file("array.json"), "--format", "json"]));
    for (const report of [fromStdin, gzipped, array]) expect(comparable(report)).toEqual(comparable(whole));
    expect(fromStdin.summary.skippedLines).toBe(2);
    expect(array.summary.events).toBe(whole.summary.events);
  });

  it("reads a file named twice once (same path, another path, a link), and says so", async () => {
    const whole = await run([file("workspace.ndjson"), "--format", "json"]);
    await symlink(file("workspace.ndjson"), file("link.ndjson"));
    const twice = await run([
      file("workspace.ndjson"),
      file("workspace.ndjson"),
      file("link.ndjson"),
      "--format",
      "json",
    ]);
    expect(comparable(json(twice))).toEqual(comparable(json(whole)));
    expect(json(twice).summary.events).toBe(json(whole).summary.events);
    expect(twice.stderr).toContain(
      `note: ${file("link.ndjson")} is the same input as ${file("workspace.ndjson")}: read once`,
    );
    expect(twice.stderr.match(/read once/g)).toHaveLength(2);
  });

  it("takes every argument after -- as an input, even one that starts with a dash", () => {
    expect(parseAuditArguments(["--format", "json", "--", "-events.ndjson", "--fail-on"]).inputs).toEqual([
      "-events.ndjson",
      "--fail-on",
    ]);
  });

  it("writes the report to --out, in every format", async () => {
    for (const format of ["text", "json", "sarif", "html"]) {
      const out = file(`report.${format}`);
      const result = await run([file("workspace.ndjson"), "--format", format, "--out", out]);
      expect(result.stdout).toBe("");
      const written = await readFile(out, "utf8");
      expect(written.length).toBeGreaterThan(1000);
      expect(written).toContain("CouponRedeemed");
    }
  });

  it("merges saved shard profiles into the same audit as the whole corpus", async () => {
    const lines = [...corpusLines(WORKSPACE_SPEC)];
    const half = Math.floor(lines.length / 2);
    await writeFile(file("shard-1.ndjson"), `${lines.slice(0, half).join("\n")}\n`);
    await writeFile(file("shard-2.ndjson"), `${lines.slice(half).join("\n")}\n`);
    expect((await run([file("shard-1.ndjson"), "--save-profile", file("p1.json"), "--fail-on", "none"])).code).toBe(0);
    expect((await run([file("shard-2.ndjson"), "--save-profile", file("p2.json"), "--fail-on", "none"])).code).toBe(0);
    const merged = json(await run(["--profile", file("p1.json"), file("p2.json"), "--format", "json"]));
    const whole = json(await run([file("workspace.ndjson"), "--format", "json"]));
    expect(comparable(merged)).toEqual(comparable(whole));
    expect(merged.summary.events).toBe(whole.summary.events);
    const mixed = json(await run([file("shard-2.ndjson"), "--profile", file("p1.json"), "--format", "json"]));
    expect(comparable(mixed)).toEqual(comparable(whole));
  });

  it("reports only new findings against a --baseline (JSON or SARIF report)", async () => {
    const before = await run([file("workspace.ndjson"), "--format", "json", "--out", file("baseline.json")]);
    expect(before.code).toBe(1);
    await run([file("workspace.ndjson"), "--format", "sarif", "--out", file("baseline.sarif")]);
    for (const baseline of ["baseline.json", "baseline.sarif"]) {
      const again = await run([file("workspace.ndjson"), "--format", "json", "--baseline", file(baseline)]);
      expect(again.code).toBe(0);
      expect(json(again).findings).toEqual([]);
      expect(json(again).summary.baselined).toBe(8);
    }
    const grown = corpusText({
      ...WORKSPACE_SPEC,
      services: WORKSPACE_SPEC.services.map((service) =>
        service.source === "analytics"
          ? {
              ...service,
              entities: [
                ...service.entities,
                {
                  name: "Alert",
                  verbs: ["Fired"],
                  label: "ALERT",
                  idWords: ["alert", "id"],
                  weight: 1,
                  isolated: false,
                },
              ],
            }
          : service,
      ),
    });
    const after = await run(["-", "--format", "json", "--baseline", file("baseline.json")], Buffer.from(grown));
    expect(after.code).toBe(1);
    expect([...new Set(json(after).findings.map((finding) => finding.eventType))]).toEqual(["AlertFired"]);
  });

  it("reports a baselined finding again when its risk has risen (MEDIUM in the baseline, HIGH now)", async () => {
    // One type drops a boundary field in 5% of its events (MEDIUM), later in 40% (HIGH): same fingerprint.
    const corpus = (dropped: number): string => {
      const lines: string[] = [];
      for (const [source, entities] of [
        ["billing", ["Invoice", "Payment", "Refund", "Ledger"]],
        ["shipping", ["Parcel", "Route", "Depot", "Carrier"]],
      ] as const) {
        for (const entity of entities) {
          for (let index = 0; index < 100; index++) {
            const [org, space, id] = [`o${index % 5}`, `w${index % 20}`, `x${index}`];
            const detail: Record<string, string> = {
              org_id: org,
              workspace_id: space,
              [`${entity.toLowerCase()}_id`]: id,
              pk: `ORG#${org}#WORKSPACE#${space}#${entity.toUpperCase()}#${id}`,
            };
            if (entity === "Refund" && index < dropped) delete detail["workspace_id"];
            lines.push(JSON.stringify({ source, "detail-type": `${entity}Done`, detail }));
          }
        }
      }
      return `${lines.join("\n")}\n`;
    };
    const before = await run(["-", "--format", "json", "--out", file("rising.json")], Buffer.from(corpus(5)));
    expect(before.code).toBe(0);
    expect(
      JSON.parse(await readFile(file("rising.json"), "utf8")).findings.map(
        (finding: { risk: string; kind: string }) => `${finding.risk} ${finding.kind}`,
      ),
    ).toEqual(["medium intermittent-field"]);
    await run(["-", "--format", "sarif", "--out", file("rising.sarif")], Buffer.from(corpus(5)));
    for (const baseline of ["rising.json", "rising.sarif"]) {
      const after = await run(["-", "--format", "json", "--baseline", file(baseline)], Buffer.from(corpus(40)));
      expect(json(after).findings.map((finding) => `${finding.risk} ${finding.kind} ${finding.eventType}`)).toEqual([
        "high intermittent-field RefundDone",
      ]);
      expect(after.code).toBe(1);
      // The same risk stays baselined.
      expect((await run(["-", "--format", "json", "--baseline", file(baseline)], Buffer.from(corpus(5)))).code).toBe(0);
    }
  });

  it("survives hostile input: binary, a huge line, BOM, CRLF, invalid JSON, non-objects, __proto__ keys", async () => {
    const good = [...corpusLines(CLEAN_SPEC)].filter((line) => line.startsWith('{"'));
    const hostile = Buffer.concat([
      Buffer.from(`\uFEFF${good.slice(0, 100).join("\r\n")}\r\n`),
      Buffer.from([0x00, 0xff, 0xfe, 0x89, 0x50, 0x4e, 0x47, 0x0a]),
      Buffer.from(`{"type":"X","blob":"${"A".repeat(3_000_000)}"}\n`),
      Buffer.from(
        '{"detail-type":"JobQueued","source":"builds","detail":{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"polluted":1}}}}\n',
      ),
      Buffer.from('{"unterminated": \n42\n"text"\nnull\n[{"type":"InArray"}]\n'),
      Buffer.from(`${good.slice(100).join("\n")}\n`),
    ]);
    const result = await run(["-", "--format", "json", "--fail-on", "none"], hostile);
    expect(result.code).toBe(0);
    const report = json(result);
    // The __proto__ event, and the event in a one-line array (a batch).
    expect(report.summary.events).toBe(good.length + 2);
    expect(report.summary.skipped.samples.map((sample) => [sample.line, sample.reason])).toEqual([
      [101, "binary"],
      [102, "line-too-long"],
      [104, "invalid-json"],
      [105, "not-an-object"],
      [106, "not-an-object"],
      [107, "not-an-object"],
    ]);
    expect(({} as Record<string, unknown>)["isAdmin"]).toBeUndefined();
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
    // Only the event read from the one-line array is HIGH: it carries none of its siblings' boundaries.
    const serious = report.findings.filter((finding) => finding.risk === "high" || finding.risk === "critical");
    expect(serious.map((finding) => [finding.eventType, finding.field])).toEqual([
      ["InArray", "acct_id"],
      ["InArray", "project_id"],
    ]);
  });

  it("finds the planted violators of an unseen corpus in its text report", async () => {
    const result = await run([file("workspace.ndjson")]);
    for (const type of [...WORKSPACE_PLANTED.high, ...WORKSPACE_PLANTED.critical])
      expect(result.stdout).toMatch(new RegExp(`^${type} event \\(`, "m"));
  });
});

describe("the capsule-entity command as a process", () => {
  const main = fileURLToPath(new URL("./main.ts", import.meta.url));
  const spawn = (argv: readonly string[], input: string | undefined = undefined) =>
    spawnSync(process.execPath, ["--import", "tsx", main, ...argv], {
      input,
      encoding: "utf8",
      env: { ...process.env, NO_COLOR: "1" },
      // A synchronous child cannot be stopped by the test's timeout: a hung CLI is killed here instead.
      timeout: 5 * 60_000,
    });

  it("dispatches audit, reads piped stdin and sets the exit code", () => {
    const result = spawn(["audit", "--format", "json"], corpusText(WORKSPACE_SPEC));
    expect(result.status).toBe(1);
    expect(JSON.parse(result.stdout).summary.events).toBe(1600);
    expect(result.stderr).toBe("");
  });

  it("rejects an unknown command with exit code 2 and the list of commands", () => {
    const result = spawn(["audti"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^✖ unknown command audti\n {2}→ at argument 1\n/);
    expect(result.stderr).toContain("audit         infer the isolation pattern");
  });
});

describe("capsule-entity audit: what you declared", () => {
  it("reads --entities and --boundary into the audit", async () => {
    const directory = await mkdtemp(join(tmpdir(), "audit-declared-"));
    const corpus = join(directory, "saas.ndjson");
    await writeFile(
      corpus,
      saasCorpus()
        .events.map((event) => JSON.stringify(event))
        .join("\n"),
    );
    const definitions = fileURLToPath(new URL("../audit/fixtures/saas-definitions.ts", import.meta.url));
    const withDefinitions = await run([corpus, "--format", "json", "--entities", definitions]);
    // Every type the definitions declare has events: no note.
    expect(withDefinitions.stderr).toBe("");
    const declared = json(withDefinitions);
    expect(declared.findings.map((finding) => [finding.eventType, finding.risk]).sort()).toEqual([
      ["EmailBounced", "critical"],
      ["ExportFinished", "high"],
      ["ListImportCompleted", "high"],
      ["deprovisionSuccess", "high"],
    ]);
    // A corpus without the declared types' events: the definitions apply to nothing, and the run says so.
    expect((await run([file("clean.ndjson"), "--format", "json", "--entities", definitions])).stderr).toBe(
      "note: 3 event types declared by --entities have no event in the corpus (saas.control-plane › tenantUserCreated, saas.control-plane › offboardingResult, newsletter.app › EmailBounced): their declarations apply to nothing\n",
    );
    // A definition that names its source speaks for that source's events: another source's EmailBounced is not it.
    const moved = join(directory, "moved.ndjson");
    await writeFile(
      moved,
      saasCorpus()
        .events.map((event) => {
          const envelope = event as { source: string; "detail-type": string };
          return JSON.stringify(
            envelope["detail-type"] === "EmailBounced" ? { ...envelope, source: `${envelope.source}.v2` } : envelope,
          );
        })
        .join("\n"),
    );
    const other = await run([moved, "--format", "json", "--entities", definitions]);
    expect(other.stderr).toBe(
      "note: 1 event type declared by --entities has no event in the corpus (newsletter.app › EmailBounced): its declaration applies to nothing\n",
    );
    expect(json(other).findings.filter((finding) => finding.risk === "critical")).toEqual([]);
    // A hint that names no field of the corpus (a typo) bounds nothing, and the run says so; an empty one is refused.
    const typo = await run([corpus, "--format", "json", "--boundary", "tenantld,context.tenantId"]);
    expect(typo.stderr).toBe(
      "note: --boundary tenantld names no field of the corpus: it bounds nothing (check its spelling)\n",
    );
    expect(json(typo).findings).toHaveLength(5);
    // The envelope's account, a name at any depth and a path's end are fields of the corpus: no note. A hint is
    // resolved as the audit resolves it: `other.tenantId` is tenantId (one field at any depth), `url` is nothing
    // here (no event has a url but under an array, whose fields keep their whole path).
    expect(
      (await run([corpus, "--fail-on", "none", "--boundary", "account,tenantId,owner.tenantId,other.tenantId"])).stderr,
    ).toBe("");
    const arrays = join(directory, "arrays.ndjson");
    await writeFile(arrays, '{"detail-type":"A","source":"s","detail":{"links":[{"url":"u"}],"tenantId":"t"}}\n');
    expect((await run([arrays, "--fail-on", "none", "--boundary", "url,links[].url"])).stderr).toBe(
      "note: --boundary url names no field of the corpus: it bounds nothing (check its spelling)\n",
    );
    for (const [empty, message] of [
      ["", "--boundary expects FIELD[,FIELD], received an empty value: give --boundary FIELD[,FIELD]"],
      [" , ", '--boundary expects field names (tenantId, installation.id), received " , "'],
    ]) {
      const refused = await run([corpus, "--boundary", empty as string]);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toBe(`✖ ${message}\n  → run capsule-entity audit --help for the usage\n`);
    }
    const hinted = json(await run([corpus, "--format", "json", "--boundary", "tenantId"]));
    expect(hinted.findings).toHaveLength(5);
    for (const finding of hinted.findings)
      expect(finding.message).toContain("tenantId is an isolation boundary (named by --boundary)");
    await rm(directory, { recursive: true, force: true });
  });
});
