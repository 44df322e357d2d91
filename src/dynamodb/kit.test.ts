/**
 * A custom two-level kit (org / workspace, `ORG#…#WS#…`) end to end on AWS's DynamoDB Local: scoped put, get,
 * query (table and index), update, delete and transactions from two orgs × two workspaces (`w1` and `w10`, so a
 * prefix match would show), each seeing only its own; a planted foreign item refused; events derived from the
 * stored items and validated; and the kit's LeadingKeys policy, evaluated by an IAM policy evaluator against the
 * keys actually stored.
 */
import { PutCommand, ScanCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { createEventValidator, defineIsolation, defineTable, IsolationError, type KitId } from "capsule-entity";
import { collect } from "../../scripts/collect.js";
import { decide } from "../../scripts/iam-simulation.js";
import { localTable, uniqueTableName } from "../../scripts/test-dynamodb.js";

const { defineEntity, defineEvent, ids, leadingKeysPolicy } = defineIsolation({
  levels: [
    { name: "org", field: "orgId", label: "ORG" },
    { name: "workspace", field: "workspaceId", label: "WS" },
  ],
});
const Doc = defineEntity({
  name: "Document",
  schema: z.object({
    orgId: ids.orgId(),
    workspaceId: ids.workspaceId(),
    docId: z.string(),
    title: z.string(),
    status: z.enum(["draft", "published"]),
    views: z.number().int().optional(),
  }),
  pk: "ORG#${orgId}#WS#${workspaceId}#DOCS",
  sk: "DOC#${docId}",
  indexes: { gsi1: { pk: "ORG#${orgId}#WS#${workspaceId}#STATUS#${status}", sk: "${docId}" } },
});
const OrgBilling = defineEntity({
  name: "OrgBilling",
  schema: z.object({ orgId: ids.orgId(), plan: z.string() }),
  pk: "ORG#${orgId}#BILLING",
  sk: "BILLING",
  isolation: { level: "org", reason: "one billing record per org, above its workspaces" },
});
const Table = defineTable({
  name: uniqueTableName("kit"),
  pk: "PK",
  sk: "SK",
  indexes: { gsi1: { pk: "GSI1PK", sk: "GSI1SK" } },
});

type Scope = { readonly orgId: KitId<"ORG#WS", "orgId">; readonly workspaceId: KitId<"ORG#WS", "workspaceId"> };
const scopes: readonly Scope[] = ["o1", "o2"].flatMap((org) =>
  ["w1", "w10"].map((workspace) => ({
    orgId: ids.orgId().parse(org),
    workspaceId: ids.workspaceId().parse(workspace),
  })),
);
const name = (scope: Scope) => `${scope.orgId}/${scope.workspaceId}`;

const dynamo = localTable(Table);

describe("a custom kit on DynamoDB Local", () => {
  it("puts, gets, queries, updates and deletes from two orgs × two workspaces, each seeing only its own", async () => {
    for (const scope of scopes) {
      const docs = dynamo.db.entity(Doc).scope(scope);
      await docs.put({ ...scope, docId: "d1", title: `Plan of ${name(scope)}`, status: "draft" });
      await docs.put({ ...scope, docId: "d2", title: `Notes of ${name(scope)}`, status: "published" });
    }
    for (const scope of scopes) {
      const docs = dynamo.db.entity(Doc).scope(scope);
      expect(await docs.get({ docId: "d1" })).toMatchObject({ ...scope, title: `Plan of ${name(scope)}` });
      const all = await collect(docs.query({ consistent: true }));
      expect(all.map((doc) => `${name(doc)} ${doc.docId}`)).toEqual([`${name(scope)} d1`, `${name(scope)} d2`]);
      const published = await collect(docs.query({ index: "gsi1", partition: { status: "published" } }));
      expect(published.map((doc) => `${name(doc)} ${doc.title}`)).toEqual([`${name(scope)} Notes of ${name(scope)}`]);
    }
    const [o1w1, o1w10] = [dynamo.db.entity(Doc).scope(scopes[0]!), dynamo.db.entity(Doc).scope(scopes[1]!)];
    expect(
      await o1w1.update({ docId: "d1" }, { status: "published", views: 3 }, { returnValues: "ALL_NEW" }),
    ).toMatchObject({ status: "published", views: 3 });
    // The index key moved with the status; w10's document did not change.
    expect((await collect(o1w1.query({ index: "gsi1", partition: { status: "published" } }))).length).toBe(2);
    expect(await o1w10.get({ docId: "d1" })).toMatchObject({ status: "draft" });
    await o1w1.delete({ docId: "d2" });
    expect(await o1w1.get({ docId: "d2" })).toBeUndefined();
    expect(await o1w10.get({ docId: "d2" })).toMatchObject({ workspaceId: "w10" });
  });

  it("an org-level entity is scoped by the org alone", async () => {
    await dynamo.db.entity(OrgBilling).scope({ orgId: scopes[0]!.orgId }).put({ orgId: scopes[0]!.orgId, plan: "pro" });
    expect(await dynamo.db.entity(OrgBilling).scope({ orgId: scopes[0]!.orgId }).get({})).toMatchObject({
      plan: "pro",
    });
    expect(await dynamo.db.entity(OrgBilling).scope({ orgId: scopes[2]!.orgId }).get({})).toBeUndefined();
  });

  it("refuses another workspace's ids in a write, before anything is sent", async () => {
    const o1w1 = dynamo.db.entity(Doc).scope(scopes[0]!);
    await expect(o1w1.put({ ...scopes[1]!, docId: "d9", title: "Into w10", status: "draft" })).rejects.toThrow(
      /^\[isolation\.foreign\] put is workspaceId "w10", not "w1", outside this scope's ORG#o1#WS#w1 \|/,
    );
  });

  it("refuses a planted foreign item in get and query: read-back checks the kit's ids and keys", async () => {
    // o2's document planted in o1/w1's partition, under o1/w1's keys.
    await dynamo.local.documents.send(
      new PutCommand({
        TableName: Table.name,
        Item: {
          PK: "ORG#o1#WS#w1#DOCS",
          SK: "DOC#planted",
          GSI1PK: "ORG#o1#WS#w1#STATUS#draft",
          GSI1SK: "planted",
          entityType: "Document",
          orgId: "o2",
          workspaceId: "w1",
          docId: "planted",
          title: "Planted",
          status: "draft",
        },
      }),
    );
    const o1w1 = dynamo.db.entity(Doc).scope(scopes[0]!);
    await expect(o1w1.get({ docId: "planted" })).rejects.toThrow(IsolationError);
    await expect(collect(o1w1.query({ consistent: true }))).rejects.toThrow(IsolationError);
    await expect(collect(o1w1.query({ index: "gsi1", partition: { status: "draft" } }))).rejects.toThrow(
      IsolationError,
    );
    // The other scopes never see it.
    for (const scope of scopes.slice(1))
      expect(
        (await collect(dynamo.db.entity(Doc).scope(scope).query({ consistent: true }))).map((doc) => doc.docId),
      ).not.toContain("planted");
    await o1w1.delete({ docId: "planted" }).then(
      () => {
        throw new Error("deleting a foreign item must be refused by its condition");
      },
      (error: unknown) => expect(error).toBeInstanceOf(Error),
    );
  });

  it("commits a transaction in one workspace, and refuses another workspace's item in it", async () => {
    const scope = scopes[3]!; // o2/w10
    const tx = dynamo.db.transaction(scope);
    tx.entity(Doc)
      .put({ ...scope, docId: "t1", title: "Transacted", status: "draft" })
      .update({ docId: "d1" }, { views: 7 });
    await tx.commit();
    const docs = dynamo.db.entity(Doc).scope(scope);
    expect(await docs.get({ docId: "t1" })).toMatchObject({ title: "Transacted" });
    expect(await docs.get({ docId: "d1" })).toMatchObject({ views: 7 });
    const foreign = dynamo.db.transaction(scope);
    expect(() => foreign.entity(Doc).put({ ...scopes[2]!, docId: "t2", title: "Into o2/w1", status: "draft" })).toThrow(
      /^\[isolation\.foreign\] put is workspaceId "w1", not "w10"/,
    );
    expect(await dynamo.db.entity(Doc).scope(scopes[2]!).get({ docId: "t2" })).toBeUndefined();
  });

  it("derives events from the stored items and validates them, keys included", async () => {
    const Published = Doc.event("Published", { source: "docs", detail: z.object({ publishedBy: z.string() }) });
    const Exported = defineEvent({
      type: "OrgExported",
      source: "docs",
      isolation: { level: "org", reason: "an export covers every workspace" },
      detail: z.object({ orgId: ids.orgId(), key: z.string() }),
    });
    const validator = createEventValidator({ events: [Published, Exported] });
    const stored = await dynamo.db.entity(Doc).scope(scopes[0]!).get({ docId: "d1" });
    const detail = { ...Published.detail.parse({ ...stored, publishedBy: "u1" }), key: Doc.keys(stored!).pk };
    expect(detail).toMatchObject({ orgId: "o1", workspaceId: "w1", docId: "d1", key: "ORG#o1#WS#w1#DOCS" });
    expect(validator.validate({ "detail-type": "DocumentPublished", source: "docs", detail }).ok).toBe(true);
    const leaking = { ...detail, key: Doc.keys({ ...stored!, workspaceId: scopes[1]!.workspaceId }).pk };
    expect(
      validator
        .validate({ "detail-type": "DocumentPublished", source: "docs", detail: leaking })
        .violations.map((found) => `${found.severity} ${found.code} ${found.path}`),
    ).toEqual(["critical event.keyMismatch detail.key"]);
    expect(
      validator.validate({ type: "OrgExported", source: "docs", detail: { orgId: "o1", key: "ORG#o2#BILLING" } })
        .violations[0]?.message,
    ).toMatch(/^\[event\.keyMismatch\] OrgExported detail\.key names ORG "o2", but detail\.orgId is "o1"/);
  });

  it("the kit's LeadingKeys policy allows each principal exactly the partitions its keys were stored under", async () => {
    const items = (await dynamo.local.documents.send(new ScanCommand({ TableName: Table.name, ConsistentRead: true })))
      .Items!;
    const partitions = [...new Set(items.flatMap((item) => [item["PK"], item["GSI1PK"]]))].filter(
      (key): key is string => typeof key === "string",
    );
    expect(partitions.length).toBeGreaterThan(8);
    const policy = leadingKeysPolicy({
      table: Table,
      region: "eu-west-1",
      accountId: "123456789012",
      orgId: { principalTag: "orgId" },
      workspaceId: { principalTag: "workspaceId" },
    });
    const arn = `arn:aws:dynamodb:eu-west-1:123456789012:table/${Table.name}`;
    for (const scope of scopes) {
      const own = (key: string) => key.startsWith(`ORG#${scope.orgId}#WS#${scope.workspaceId}#`);
      for (const key of partitions) {
        const decision = await decide({
          policies: [policy],
          resource: key.includes("#STATUS#") ? `${arn}/index/gsi1` : arn,
          leadingKeys: [key],
          principalTags: { orgId: scope.orgId, workspaceId: scope.workspaceId },
        });
        expect(`${name(scope)} ${key} ${decision}`).toBe(
          `${name(scope)} ${key} ${own(key) ? "Allowed" : "ImplicitlyDenied"}`,
        );
      }
    }
    // An org-wide principal reaches the org's billing record and its workspaces, no other org's.
    const orgWide = leadingKeysPolicy({ table: Table, region: "eu-west-1", accountId: "123456789012", orgId: "o1" });
    for (const key of partitions)
      expect(`${key} ${await decide({ policies: [orgWide], resource: arn, leadingKeys: [key] })}`).toBe(
        `${key} ${key.startsWith("ORG#o1#") ? "Allowed" : "ImplicitlyDenied"}`,
      );
  });
});
