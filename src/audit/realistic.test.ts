/**
 * The audit on corpora in the shapes of real sources (src/audit/fixtures/corpora.ts): the SaaS corpus's five
 * genuine tenant gaps come out HIGH with no key-shaped value anywhere, data without tenancy has no HIGH and at most
 * one finding per event type, and the wrapped and stringified shapes of the same events give the same audit.
 */
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import * as vocabulary from "../../examples/patterns/isolation-vocabulary.js";
import { awsServiceCorpus, githubLikeCorpus, multiSourceCorpus, saasCorpus } from "./fixtures/corpora.js";
import {
  type AuditResult,
  auditInputs,
  declaredFor,
  declarationsOf,
  defaultInferenceOptions,
  noDeclarations,
  renderText,
  withHints,
} from "./index.js";

const audit = (events: readonly unknown[], maxDepth = 4): Promise<AuditResult> =>
  auditInputs(
    [
      {
        name: "corpus.ndjson",
        chunks: Readable.from([Buffer.from(events.map((event) => JSON.stringify(event)).join("\n"))]),
      },
    ],
    { read: { maxDepth, maxLineLength: 1 << 20 } },
  );

const serious = (result: AuditResult): string[] =>
  [
    ...new Set(
      result.findings
        .filter((finding) => finding.risk === "high" || finding.risk === "critical")
        .map((finding) => finding.eventType),
    ),
  ].sort();

function perType(result: AuditResult): Map<string, number> {
  const counts = new Map<string, number>();
  for (const finding of result.findings) counts.set(finding.eventType, (counts.get(finding.eventType) ?? 0) + 1);
  return counts;
}

describe("the audit on real shapes", () => {
  it("flags exactly the five genuine tenant gaps HIGH, learning the boundary by partition (no key labels)", async () => {
    const corpus = saasCorpus();
    const result = await audit(corpus.events);
    expect(serious(result)).toEqual([...corpus.gaps].sort());
    expect(result.findings.every((finding) => finding.risk === "high" && finding.field === "tenantId")).toBe(true);
    const boundary = result.invariants.find((invariant) => invariant.boundary !== undefined)?.boundary;
    expect(boundary).toMatchObject({ field: "tenantid", evidence: "partition" });
    expect(boundary?.partitions).toEqual(expect.arrayContaining(["userid", "docid", "subscriberid", "listid"]));
    expect(result.keyShapes).toEqual([]);
    expect(renderText(result, { color: false }).split("\n")[1]).toBe(
      "HIGH or worse in 5 event types: ExportFinished, EmailBounced, ListImportCompleted, deprovisionSuccess, offboardingResult",
    );
  });

  it("finds the same gaps whatever the seed", async () => {
    for (const seed of [11, 12, 13]) {
      const corpus = saasCorpus(seed, 40);
      expect(serious(await audit(corpus.events))).toEqual([...corpus.gaps].sort());
    }
  });

  it("learns each source's own boundary where sources disagree on the field, and flags exactly its gaps HIGH", async () => {
    for (const seed of [4, 5, 6, 7, 8]) {
      const corpus = multiSourceCorpus(seed, seed === 4 ? 40 : 25);
      const result = await audit(corpus.events);
      expect(serious(result), `seed ${seed}`).toEqual([...corpus.gaps].sort());
      // Every finding is judged within its own source: no source is held to another's fields.
      expect(result.findings.every((finding) => finding.support?.scope === finding.source)).toBe(true);
      // And no finding on any other type: the ids a boundary partitions (users, customers) are no invariants.
      expect(
        result.findings.filter((finding) => !corpus.gaps.includes(finding.eventType)),
        `seed ${seed}`,
      ).toEqual([]);
      const boundaries = result.invariants.flatMap((invariant) =>
        invariant.boundary === undefined ? [] : [[invariant.field, invariant.boundary.sources, invariant.scope]],
      );
      expect(boundaries).toEqual([
        ["org.id", ["//partner.example/hr"], "//partner.example/hr"],
        ["tenantid", ["app.projects"], "app.projects"],
        ["account", ["aws.partner/stripe.com/ed_test_61"], "aws.partner/stripe.com/ed_test_61"],
      ]);
    }
    const result = await audit(multiSourceCorpus().events);
    expect(result.findings.find((finding) => finding.eventType === "balance.available")?.message).toMatch(
      /^balance\.available lacks account, carried by 5 of 6 aws\.partner\/stripe\.com\/ed_test_61 event types \(83%\); account is an isolation boundary \(each value of .* goes with one value of it, across 5 event types of aws\.partner\/stripe\.com\/ed_test_61\)$/,
    );
  });

  it("reads an id's recurrence under another name: object.id is the customer or subscription other events name", async () => {
    // Seeds where none of `data.object.id`'s values recur in the field itself (seed 130 at 25 events a type, 18 of
    // 1,000 at 20): read per field name, nothing tied it to the account, and `balance.available lacks object.id`
    // came out MEDIUM. Its owned values are the `customer` and `subscription` ids of other events, each under one
    // account: counted there, it is an id the account owns, which no type lacks.
    for (const [seed, eventsPerType] of [
      [130, 25],
      [18, 20],
      [977, 20],
    ] as const) {
      const corpus = multiSourceCorpus(seed, eventsPerType);
      const result = await audit(corpus.events);
      expect(serious(result), `seed ${seed}`).toEqual([...corpus.gaps].sort());
      // `balance.available` is a gap (the platform's own balance, no connected account): its HIGH is its only finding.
      expect(result.findings.map(({ eventType, risk }) => `${eventType} ${risk}`).sort(), `seed ${seed}`).toEqual(
        corpus.gaps.map((gap) => `${gap} high`).sort(),
      );
      const account = result.invariants.find((invariant) => invariant.field === "account")?.boundary;
      expect(account?.partitions, `seed ${seed}`).toContain("object.id");
    }
  });

  it("holds a source to a corpus-wide field only if some of its types carry it, or it is too small to tell", async () => {
    // `id` (the partner's and the payment events' own) is carried by 12 of 20 types: a corpus-wide invariant, no
    // boundary. The app's seven types never carry it: no finding. A source of one type cannot show conventions of
    // its own: it is judged.
    const ping = { version: "0", "detail-type": "Ping", source: "tiny.svc", account: "1", region: "r", detail: {} };
    const result = await audit([...multiSourceCorpus().events, ...Array.from({ length: 10 }, () => ping)]);
    const onId = result.findings.filter((finding) => finding.fieldId === "id");
    expect(onId.map(({ eventType, risk, support }) => [eventType, risk, support?.scope])).toEqual([
      ["Ping", "medium", "*"],
    ]);
  });

  it("finds every fixture's gaps, and only those, in all the corpora together", async () => {
    const corpora = [saasCorpus(), multiSourceCorpus(), awsServiceCorpus(), githubLikeCorpus()];
    const result = await audit(corpora.flatMap((corpus) => corpus.events));
    expect(serious(result)).toEqual(corpora.flatMap((corpus) => corpus.gaps).sort());
    // tenantId, learned within the app's, the newsletter's and the documents' sources, is a boundary of the control
    // plane's too (one field, whatever source carries it), but nothing holds the GitHub-like or AWS events to it.
    const onTenant = result.findings.filter((finding) => finding.field === "tenantId");
    expect(onTenant.map((finding) => finding.risk)).toEqual(onTenant.map(() => "high"));
    // tenantId sits at three depths in four sources (tenantId, context.tenantId, meta.owner.tenantId): one field.
    const fields = new Set(result.invariants.map((invariant) => invariant.field));
    expect(fields.has("tenantid")).toBe(true);
    expect([...fields].filter((field) => field !== "tenantid" && field.endsWith("tenantid"))).toEqual([]);
  });

  it("keeps data without tenancy quiet: no HIGH, at most one finding per event type", async () => {
    // Seed 203 with 2 events a type: a sample so small that an owner seems to partition its repositories (each seen
    // twice with one owner) while the senders crossing owners are seen too seldom to be judged alone; their pool is.
    for (const corpus of [githubLikeCorpus(), githubLikeCorpus(5), awsServiceCorpus(), githubLikeCorpus(203, 2)]) {
      const result = await audit(corpus.events);
      expect(serious(result)).toEqual([]);
      expect(Math.max(0, ...perType(result).values())).toBeLessThanOrEqual(1);
    }
  });

  it("keeps installation.id apart from sender.id, +1 apart from -1, and one finding per absent object", async () => {
    const result = await audit(githubLikeCorpus().events);
    const names = result.invariants.map((invariant) => invariant.field);
    expect(names).toEqual(expect.arrayContaining(["sender.id", "repository.id"]));
    expect(result.findings.filter((finding) => finding.kind === "naming-drift")).toEqual([]);
    const text = renderText(result, { color: false });
    expect(text.split("\n")[1]).toBe("No isolation finding at HIGH or worse (7 lower-risk findings below)");
    expect(text).toMatch(/^  sender\.id {10}16\/16 event types/m);
    const ping = result.findings.filter((finding) => finding.eventType === "ping");
    expect(ping).toHaveLength(1);
    // Pinged with its repository two times in three (a repository's hook) and without it (an organization's), and
    // never with an action: one finding that says both.
    expect(ping[0]?.message).toMatch(
      /^ping lacks action, carried by \d+ of 16 event types \(\d+%\), and carries repository \(\d+ fields\) in only 67% of its 30 events$/,
    );
  });

  it("reads the same events wrapped in SQS, SNS, Kinesis and PutEvents, and with detail as a string, into the same findings", async () => {
    const corpus = saasCorpus();
    const direct = await audit(corpus.events);
    const wrapped = corpus.events.map((event, index) => {
      const { detail, ...envelope } = event as { detail: unknown };
      const stringified = { ...envelope, detail: JSON.stringify(detail) };
      if (index % 3 === 0) return { messageId: `m${index}`, receiptHandle: "r", body: JSON.stringify(stringified) };
      if (index % 3 === 1)
        return {
          Type: "Notification",
          MessageId: `m${index}`,
          TopicArn: "arn:aws:sns:::t",
          Message: JSON.stringify(event),
        };
      const source = (event as { source: string }).source;
      const type = (event as { "detail-type": string })["detail-type"];
      if (index % 4 === 2) {
        const data = Buffer.from(JSON.stringify(event)).toString("base64");
        return { Records: [{ eventSource: "aws:kinesis", kinesis: { partitionKey: "p", data } }] };
      }
      return { Entries: [{ Source: source, DetailType: type, Detail: JSON.stringify(detail), EventBusName: "bus" }] };
    });
    const result = await audit(wrapped);
    expect(result.summary.events).toBe(direct.summary.events);
    expect(serious(result)).toEqual(serious(direct));
    expect(renderText(result, { color: false })).toMatch(
      /^Unwrapped: \d+ SQS messages, \d+ SNS notifications, \d+ Kinesis records, \d+ PutEvents requests, \d+ batches$/m,
    );
  });

  it("reads a CloudEvents event's data given as a JSON string as the object, into the same audit", async () => {
    const corpus = multiSourceCorpus();
    const direct = await audit(corpus.events);
    const stringified = corpus.events.map((event) => {
      const { data, ...attributes } = event as { data?: unknown; specversion?: string };
      return attributes.specversion === undefined ? event : { ...attributes, data: JSON.stringify(data) };
    });
    const result = await audit(stringified);
    expect(result.findings).toEqual(direct.findings);
    expect(result.invariants).toEqual(direct.invariants);
    // A string that is not JSON, or JSON that is not an object, is refused as a detail string is, by name.
    const [first] = stringified.filter((event) => (event as { specversion?: string }).specversion !== undefined);
    const refused = await audit([
      ...stringified,
      { ...(first as object), data: "{" },
      { ...(first as object), data: "[]" },
    ]);
    expect(refused.summary.skipped.byReason).toMatchObject({ "invalid-detail": 2 });
    expect(renderText(refused, { color: false })).toContain(
      "an event whose detail (or CloudEvents data) is neither an object nor a JSON string of one",
    );
  });

  it("warns when --max-depth cuts fields, with the count and an example path", async () => {
    const result = await audit(saasCorpus().events, 2);
    expect(result.summary.depthCut.count).toBeGreaterThan(0);
    expect(renderText(result, { color: false })).toMatch(
      /⚠ --max-depth cut [\d,]+ field occurrences \(e\.g\. meta\.owner\.tenantId\)/,
    );
  });

  it("names valid JSON that is no event by what it looks like, and does not call it a bad line", async () => {
    const result = await audit([
      ...saasCorpus(1, 10).events,
      { messageId: "m", receiptHandle: "r", body: "plain text" },
      { Source: "s", DetailType: "A", Detail: "{" },
      { Records: [{ eventSource: "aws:kinesis", kinesis: { data: Buffer.from("not json").toString("base64") } }] },
      { Item: { pk: { S: "TENANT#t1" } } },
      { awslogs: { data: "H4sIAAAAAAAA" } },
    ]);
    expect(result.summary.notEvents).toBe(5);
    const text = renderText(result, { color: false });
    expect(text).toContain("· 0 bad lines · 5 values not events");
    expect(text).toContain("✖ an SQS record whose body is not an event");
    expect(text).toContain("✖ a PutEvents entry whose Detail is not a JSON object");
    expect(text).toContain("✖ a Kinesis record whose data is not an event (base64 of a JSON object)");
    expect(text).toContain("✖ a DynamoDB export item, not an event (audit it with capsule-entity audit-table)");
    expect(text).toContain("✖ CloudWatch Logs subscription data, not an event");
    expect(text).toContain("Unwrapped: 1 SQS message, 1 Kinesis record, 1 batch\n");
  });

  it("names wrappers nested past the depth it opens as such, not by the outer wrapper's name", async () => {
    const event = saasCorpus(1, 1).events[0];
    const sqs = (inner: unknown) => ({ messageId: "m", receiptHandle: "r", body: JSON.stringify(inner) });
    const sns = (inner: unknown) => ({ MessageId: "n", TopicArn: "arn:aws:sns:t", Message: JSON.stringify(inner) });
    const opened = await audit([...saasCorpus(1, 10).events, { Records: [sqs(sns(sqs(event)))] }]);
    expect(opened.summary.notEvents).toBe(0);
    const tooDeep = await audit([...saasCorpus(1, 10).events, { Records: [sqs(sns(sqs(sns(event))))] }]);
    expect(tooDeep.summary.notEvents).toBe(1);
    const text = renderText(tooDeep, { color: false });
    expect(text).toContain("✖ wrappers nested more than 4 deep (SNS in SQS in SNS in …): not opened");
    expect(text).not.toContain("an SQS record whose body is not an event");
  });

  it("uses what the definitions declare: opt-outs are no findings, a declared field the events lack is CRITICAL", async () => {
    const declarations = declarationsOf(await import("./fixtures/saas-definitions.js"));
    expect([...declarations.boundaries]).toEqual([["tenantId", "declared"]]);
    const corpus = saasCorpus();
    const result = await auditInputs(
      [
        {
          name: "saas.ndjson",
          chunks: Readable.from([Buffer.from(corpus.events.map((event) => JSON.stringify(event)).join("\n"))]),
        },
      ],
      { audit: { inference: defaultInferenceOptions, baseline: new Set(), declarations } },
    );
    const byType = new Map(result.findings.map((finding) => [finding.eventType, finding.risk]));
    expect(byType.get("offboardingResult")).toBeUndefined();
    expect(byType.get("EmailBounced")).toBe("critical");
    expect([...byType.keys()].sort()).toEqual([
      "EmailBounced",
      "ExportFinished",
      "ListImportCompleted",
      "deprovisionSuccess",
    ]);
  });

  it("reads a defineIsolation kit's definitions too: its level fields are boundaries, an org-level event opts out", async () => {
    const declarations = declarationsOf(vocabulary);
    expect([...declarations.boundaries]).toEqual([
      ["orgId", "declared"],
      ["workspaceId", "declared"],
    ]);
    expect(declaredFor(declarations.required, "WorkspaceArchived", "workspaces")).toEqual(["orgId", "workspaceId"]);
    // Events of the kit's types, one lacking the workspace it declares, and an org-level type of the same kit.
    const OrgRenamed = vocabulary.defineEvent({
      type: "OrgRenamed",
      source: "orgs",
      isolation: { level: "org", reason: "an org's name, above its workspaces" },
      detail: z.object({ orgId: vocabulary.ids.orgId(), name: z.string() }),
    });
    const withOrgLevel = declarationsOf({ ...vocabulary, OrgRenamed });
    expect(declaredFor(withOrgLevel.optOuts, "OrgRenamed", "orgs")).toEqual(["workspaceId"]);
    const events = Array.from({ length: 30 }, (_, index) => {
      const org = `org-${index % 3}`;
      const workspace = `ws-${index % 3}-${index % 2}`;
      return [
        {
          "detail-type": "DocumentCreated",
          source: "docs",
          detail: { orgId: org, workspaceId: workspace, docId: `d${index}` },
        },
        { "detail-type": "WorkspaceArchived", source: "workspaces", detail: { orgId: org, archivedBy: `u${index}` } },
        { "detail-type": "OrgRenamed", source: "orgs", detail: { orgId: org, name: `n${index}` } },
      ];
    }).flat();
    const result = await auditInputs(
      [
        {
          name: "kit.ndjson",
          chunks: Readable.from([Buffer.from(events.map((event) => JSON.stringify(event)).join("\n"))]),
        },
      ],
      { audit: { inference: defaultInferenceOptions, baseline: new Set(), declarations: withOrgLevel } },
    );
    expect(result.findings.map((finding) => [finding.eventType, finding.field, finding.risk])).toEqual([
      ["WorkspaceArchived", "workspaceId", "critical"],
    ]);
  });

  it("takes --boundary as a boundary where the corpus alone shows none", async () => {
    const events = githubLikeCorpus().events.map((event, index) =>
      (event as { type: string }).type === "ping"
        ? event
        : { ...(event as object), installation: { id: 70 + (index % 5) } },
    );
    const result = await auditInputs(
      [
        {
          name: "github.ndjson",
          chunks: Readable.from([Buffer.from(events.map((event) => JSON.stringify(event)).join("\n"))]),
        },
      ],
      {
        audit: {
          inference: defaultInferenceOptions,
          baseline: new Set(),
          declarations: withHints(noDeclarations, ["installation.id"]),
        },
      },
    );
    expect(serious(result)).toEqual(["ping"]);
    expect(result.findings.find((finding) => finding.risk === "high")?.message).toContain("named by --boundary");
  });
});
