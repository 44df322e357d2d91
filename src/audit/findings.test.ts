import { readFileSync } from "node:fs";
import { Readable } from "node:stream";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type CorpusSpec, type NamingStyle, corpusText } from "../../examples/events/corpus-generator.js";
import { CLEAN_SPEC, WORKSPACE_PLANTED, WORKSPACE_SPEC } from "../../examples/events/unseen-specs.js";
import type { Finding } from "./findings.js";
import { type AuditResult, auditInputs, defaultInferenceOptions, noDeclarations, withHints } from "./index.js";

async function auditText(text: string): Promise<AuditResult> {
  return auditInputs([{ name: "corpus.ndjson", chunks: Readable.from([Buffer.from(text)]) }]);
}

const auditSpec = (spec: CorpusSpec): Promise<AuditResult> => auditText(corpusText(spec));

const typesAt = (findings: readonly Finding[], risk: Finding["risk"]): string[] =>
  [...new Set(findings.filter((finding) => finding.risk === risk).map((finding) => finding.eventType))].sort();

describe("findings on a corpus the audit was not tuned on (ORG/WORKSPACE, other services and proportions)", () => {
  it("treats a boundary field that is always null as missing (HIGH), not as carried", async () => {
    const lines = corpusText(CLEAN_SPEC).split("\n");
    const clean = await auditText(lines.join("\n"));
    const boundary = clean.invariants.find((invariant) => invariant.boundary !== undefined && invariant.scope === "*");
    expect(boundary).toBeDefined();
    // One event type sends the boundary field as null in every event and keeps no key that would show it.
    const target = JSON.parse(lines.find((line) => line.startsWith("{"))!) as Record<string, unknown>;
    const typeOf = (event: Record<string, unknown>): unknown =>
      event["detail-type"] ?? event["type"] ?? event["eventType"] ?? event["event_type"];
    const nulled = lines.map((line) => {
      if (!line.startsWith("{")) return line;
      const event = JSON.parse(line) as Record<string, unknown>;
      if (typeOf(event) !== typeOf(target)) return line;
      const nullify = (holder: Record<string, unknown>): void => {
        for (const key of Object.keys(holder)) {
          const value = holder[key];
          if (key.replace(/[^\p{L}\p{N}]+/gu, "").toLowerCase() === boundary!.field) holder[key] = null;
          else if (typeof value === "string" && /^[A-Z]+#/.test(value)) delete holder[key];
          else if (typeof value === "object" && value !== null && !Array.isArray(value))
            nullify(value as Record<string, unknown>);
        }
      };
      nullify(event);
      return JSON.stringify(event);
    });
    const result = await auditText(nulled.join("\n"));
    expect(
      result.findings.filter((finding) => finding.risk === "high").map(({ kind, eventType }) => `${kind} ${eventType}`),
    ).toContain(`missing-field ${typeOf(target)}`);
  });

  it("flags exactly the planted violators HIGH and the planted key mismatch CRITICAL", async () => {
    const result = await auditSpec(WORKSPACE_SPEC);
    expect(typesAt(result.findings, "high")).toEqual([...WORKSPACE_PLANTED.high].sort());
    expect(typesAt(result.findings, "critical")).toEqual([...WORKSPACE_PLANTED.critical]);
    expect(result.summary.skippedLines).toBe(2);
  });

  it("keeps them when the boundaries are named too (--boundary, --entities): a named field keeps its key label", async () => {
    const learned = await auditSpec(WORKSPACE_SPEC);
    const named = [...new Set(learned.invariants.flatMap((each) => (each.boundary === undefined ? [] : [each.name])))];
    expect(named.length).toBeGreaterThanOrEqual(2);
    const hinted = await auditInputs(
      [{ name: "corpus.ndjson", chunks: Readable.from([Buffer.from(corpusText(WORKSPACE_SPEC))]) }],
      {
        audit: {
          inference: defaultInferenceOptions,
          baseline: new Set(),
          declarations: withHints(noDeclarations, named),
        },
      },
    );
    // Before, a named boundary lost its label: its key segments were compared with nothing (the CRITICAL key mismatch
    // was gone) and a key lacking its label was MEDIUM.
    expect(typesAt(hinted.findings, "critical")).toEqual([...WORKSPACE_PLANTED.critical]);
    expect(typesAt(hinted.findings, "high")).toEqual([...WORKSPACE_PLANTED.high].sort());
    expect(hinted.findings.map((each) => [each.kind, each.risk, each.eventType, each.field])).toEqual(
      learned.findings.map((each) => [each.kind, each.risk, each.eventType, each.field]),
    );
  });

  it("learns the boundaries from key segments, whatever their words", async () => {
    const result = await auditSpec(WORKSPACE_SPEC);
    const boundaries = result.invariants
      .filter((invariant) => invariant.boundary !== undefined)
      .map((invariant) => [invariant.field, invariant.boundary?.label]);
    expect(boundaries).toEqual([
      ["orgid", "ORG"],
      ["workspaceid", "WORKSPACE"],
    ]);
  });

  it("explains each kind of finding with its evidence", async () => {
    const { findings } = await auditSpec(WORKSPACE_SPEC);
    const byKind = (kind: Finding["kind"], type: string): Finding | undefined =>
      findings.find((finding) => finding.kind === kind && finding.eventType === type);
    expect(byKind("missing-field", "WebhookRegistered")).toMatchObject({
      risk: "high",
      field: "WorkspaceID",
      support: { carriers: 15, types: 18 },
    });
    expect(byKind("key-missing-label", "InvoiceCreated")).toMatchObject({
      risk: "high",
      field: "pk",
      label: "WORKSPACE",
    });
    expect(byKind("intermittent-field", "ReportGenerated")?.rate).toBeLessThan(0.9);
    const mismatch = byKind("key-mismatch", "CouponRedeemed");
    expect(mismatch).toMatchObject({ risk: "critical", label: "ORG" });
    expect(mismatch?.message).toMatch(/line \d+: orgId is "o-[0-9a-f]+", the key says ORG#o-[0-9a-f]+/);
    expect(mismatch?.location.line).toBe(mismatch?.samples?.[0]?.line);
  });

  it("finds nothing in a clean corpus", async () => {
    const result = await auditSpec(CLEAN_SPEC);
    expect(result.findings).toEqual([]);
    expect(result.invariants.map((invariant) => invariant.name)).toContain("project_id");
  });

  it("still finds the violators when they are a quarter of the types with few events each", async () => {
    const spec: CorpusSpec = {
      ...CLEAN_SPEC,
      events: 100,
      minPerType: 5,
      services: [
        {
          ...(CLEAN_SPEC.services[0] as CorpusSpec["services"][number]),
          entities: [
            ...(CLEAN_SPEC.services[0]?.entities ?? []),
            {
              name: "Token",
              verbs: ["Minted", "Burned"],
              label: "TOK",
              idWords: ["token", "id"],
              weight: 1,
              isolated: false,
            },
          ],
        },
      ],
    };
    const result = await auditSpec(spec);
    expect(typesAt(result.findings, "high")).toEqual(["TokenBurned", "TokenMinted"]);
    expect(result.findings.filter((finding) => finding.risk !== "high")).toEqual([]);
  });
});

describe("findings on random corpora", () => {
  const words = ["org", "team", "realm", "zone", "fleet", "site", "unit", "cell", "region", "space"];
  const nouns = [
    "Widget",
    "Gadget",
    "Ticket",
    "Order",
    "Quote",
    "Asset",
    "Lease",
    "Badge",
    "Route",
    "Shift",
    "Batch",
    "Claim",
  ];
  const naming = fc.constantFrom<NamingStyle>("snake", "camel", "pascal");

  it("flags exactly the types planted without the inner boundary HIGH, whatever the words, services and proportions", async () => {
    const entity = fc.record({
      verbs: fc.integer({ min: 1, max: 3 }),
      weight: fc.integer({ min: 1, max: 6 }),
      nested: fc.boolean(),
      gappy: fc.boolean(),
    });
    const spec = fc.record({
      seed: fc.nat(),
      bounds: fc.uniqueArray(fc.constantFrom(...words), { minLength: 2, maxLength: 2 }),
      services: fc.array(
        fc.record({ naming, flat: fc.boolean(), entities: fc.array(entity, { minLength: 1, maxLength: 4 }) }),
        { minLength: 1, maxLength: 3 },
      ),
      violators: fc.integer({ min: 1, max: 3 }),
    });
    await fc.assert(
      fc.asyncProperty(spec, async ({ seed, bounds, services, violators }) => {
        let next = 0;
        const planted: string[] = [];
        const all: string[] = [];
        const corpus: CorpusSpec = {
          seed,
          events: 700,
          minPerType: 8,
          outer: bounds[0] as string,
          inner: bounds[1] as string,
          services: services.map((service, index) => ({
            source: `svc${index}`,
            format: service.flat ? "flat" : "eventbridge",
            naming: service.naming,
            entities: service.entities.map((shape) => {
              const name = nouns[next] as string;
              const isolated = next++ >= violators;
              const verbs = ["Opened", "Changed", "Closed"].slice(0, shape.verbs);
              for (const verb of verbs) (isolated ? all : planted).push(`${name}${verb}`);
              // A few events without the inner id (3%): at most MEDIUM, never HIGH.
              const noise = {
                ...(shape.nested ? { nestIn: "scope" } : {}),
                ...(shape.gappy && isolated ? { innerMissingRate: 0.03 } : {}),
              };
              return {
                name,
                verbs,
                label: name.toUpperCase(),
                idWords: [name.toLowerCase(), "id"],
                weight: shape.weight,
                isolated,
                ...noise,
              };
            }),
          })),
        };
        // The pattern must be the majority: violators at most 30% of the event types, 3 isolated types at least.
        fc.pre(all.length >= 3 && planted.length <= 0.3 * (planted.length + all.length));
        const result = await auditSpec(corpus);
        const structural = result.findings.filter((finding) => finding.kind !== "intermittent-field");
        expect(typesAt(structural, "high")).toEqual([...planted].sort());
        expect(typesAt(result.findings, "critical")).toEqual([]);
        // Nothing else is flagged: no MEDIUM or LOW noise either, but the planted gaps in `gappy` entities.
        expect(
          result.findings.filter(
            (finding) => !planted.includes(finding.eventType) && finding.kind !== "intermittent-field",
          ),
        ).toEqual([]);
        // The 3% gaps may, by chance, exceed 10% in a small type: HIGH then is the rule working, not noise.
        for (const finding of result.findings.filter(
          (item) => item.kind === "intermittent-field" && item.risk === "high",
        ))
          expect(finding.rate).toBeLessThan(0.9);
      }),
      // A fixed seed: the same corpora on every run, so CI cannot flake on a draw.
      { numRuns: 12, seed: 20_261_130 },
    );
  });
});

describe("findings on hand-made corpora", () => {
  const event = (type: string, detail: Record<string, unknown>): string =>
    JSON.stringify({ "detail-type": type, source: "svc", detail });
  const typed = (count: number, type: string, detail: (index: number) => Record<string, unknown>): string[] =>
    Array.from({ length: count }, (_, index) => event(type, detail(index)));

  it("rates a missing invariant that is not a boundary MEDIUM, and flags naming drift LOW", async () => {
    const lines = [
      ...["A", "B", "C", "D"].flatMap((type) =>
        typed(5, type, (index) => ({ region: "eu", requested_by: `u${index}` })),
      ),
      ...typed(5, "E", () => ({ region: "eu" })),
      ...typed(5, "F", (index) => ({ region: "eu", RequestedBy: `u${index}` })),
    ];
    const { findings } = await auditText(lines.join("\n"));
    expect(findings.map((finding) => [finding.kind, finding.risk, finding.eventType, finding.field])).toEqual([
      ["missing-field", "medium", "E", "requested_by"],
      ["naming-drift", "low", "F", "RequestedBy"],
    ]);
  });

  it("names what a type lacks as its own source writes it, not by another source's object", async () => {
    // The app writes `actor.userId`, the job runner a top-level `userId`; one job type lacks it.
    const lines: string[] = [];
    for (let event = 0; event < 20; event++) {
      for (const type of ["Created", "Updated", "Shared", "Deleted"])
        lines.push(
          JSON.stringify({ source: "app", "detail-type": type, detail: { actor: { userId: `u${event}` }, n: event } }),
        );
      for (const type of ["JobQueued", "JobStarted", "JobDone"])
        lines.push(
          JSON.stringify({ source: "jobs", "detail-type": type, detail: { userId: `u${event}`, job: `j${event}` } }),
        );
      lines.push(JSON.stringify({ source: "jobs", "detail-type": "JobFailed", detail: { job: `j${event}` } }));
    }
    const [finding, ...others] = (await auditText(lines.join("\n"))).findings;
    expect(others).toEqual([]);
    // Before: "JobFailed lacks actor (1 fields)", an object no job event has.
    expect(finding?.message).toMatch(/^JobFailed lacks userId, carried by /);
  });

  it("takes an item's own id, last in its keys, for neither a boundary nor an invariant", async () => {
    const lines = ["A", "B", "C", "D"].flatMap((type) =>
      typed(4, type, (index) => ({ org: "o1", id: `${type}${index}`, pk: `ORG#o1#${type}#${type}${index}` })),
    );
    const result = await auditText(lines.join("\n"));
    const invariants = new Map(result.invariants.map((invariant) => [invariant.field, invariant.boundary?.label]));
    expect(invariants).toEqual(
      new Map([
        ["org", "ORG"],
        ["pk", undefined],
      ]),
    );
  });

  it("does not hold a small source's busiest entity up as its pattern", async () => {
    const key = (org: string, label: string, id: string): string => `ORG#${org}#TEAM#t1#${label}#${id}`;
    const lines = [
      ...["OrderOpened", "OrderChanged", "OrderClosed"].flatMap((type) =>
        typed(5, type, (index) => ({
          org: "o1",
          team: "t1",
          order_id: `o${index}`,
          pk: key("o1", "ORDER", `o${index}`),
        })),
      ),
      ...typed(5, "QuoteOpened", (index) => ({
        org: "o1",
        team: "t1",
        quote_id: `q${index}`,
        pk: key("o1", "QUOTE", `q${index}`),
      })),
    ];
    const { findings } = await auditText(lines.join("\n"));
    expect(findings).toEqual([]);
  });

  it("gives every finding a fingerprint that does not depend on the corpus order or size", async () => {
    const first = await auditSpec(WORKSPACE_SPEC);
    const second = await auditSpec({ ...WORKSPACE_SPEC, seed: 8, events: 1200 });
    expect(second.findings.map((finding) => finding.fingerprint).sort()).toEqual(
      first.findings.map((finding) => finding.fingerprint).sort(),
    );
    expect(new Set(first.findings.map((finding) => finding.fingerprint)).size).toBe(first.findings.length);
  });
});

describe("inference knows no field or label by name", () => {
  it("has no tenant or capsule in the code that profiles and infers (comments and the product name aside)", () => {
    for (const file of [
      "field-name.ts",
      "key-shape.ts",
      "event.ts",
      "profile.ts",
      "type-view.ts",
      "infer.ts",
      "findings.ts",
      "result.ts",
    ]) {
      const code = readFileSync(new URL(`./${file}`, import.meta.url), "utf8")
        .replace(/\/\*[\s\S]*?\*\//g, "")
        .replace(/\/\/.*$/gm, "")
        .replace(/capsule-entity/g, "");
      expect(code, file).not.toMatch(/tenant|capsule/i);
    }
  });
});
