/**
 * Scoped command inputs, without a database: what each command says, and what each refuses. Each refusal is
 * asserted at the type level (`@ts-expect-error` with the reason) and at runtime.
 */
import { describe, expect, expectTypeOf, it } from "vitest";
import { z } from "zod";
import {
  capsuleId,
  defineEntity,
  IsolationError,
  ItemValidationError,
  KeyValueError,
  tenantId,
  type TenantId,
} from "capsule-entity";
import { builderQueryOptionMessage, notAQueryOption } from "../messages.js";
import type { QueryCommandInput, QueryFilter } from "./scope.js";

const Note = defineEntity({
  name: "Note",
  table: "platform_data",
  schema: z.object({
    tenantId: tenantId(),
    capsuleId: capsuleId(),
    noteId: z.string(),
    version: z.number(),
    title: z.string(),
    tag: z.string(),
    rank: z.number(),
    body: z.string().optional(),
  }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#NOTES",
  sk: "NOTE#${noteId}#V#${version}",
  indexes: { gsi1: { pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#TAG#${tag}", sk: "${title}#${rank}" } },
});

const t1 = tenantId().parse("t1");
const c1 = capsuleId().parse("c1");
const c10 = capsuleId().parse("c10");
const scope = Note.scope({ tenantId: t1, capsuleId: c1 });
const note = { tenantId: t1, capsuleId: c1, noteId: "n1", version: 2, title: "Hello", tag: "red", rank: 1 };

describe("get, put, delete", () => {
  it("build keys from the scope's ids and guard writes by entity type", () => {
    expect(scope.get({ noteId: "n1", version: 2 })).toEqual({
      TableName: "platform_data",
      Key: { pk: "TENANT#t1#CAPSULE#c1#NOTES", sk: "NOTE#n1#V#2" },
    });
    expect(scope.get({ noteId: "n1", version: 2 }, { consistent: true })).toMatchObject({ ConsistentRead: true });
    expect(scope.delete({ noteId: "n1", version: 2 })).toEqual({
      TableName: "platform_data",
      Key: { pk: "TENANT#t1#CAPSULE#c1#NOTES", sk: "NOTE#n1#V#2" },
      ConditionExpression: "attribute_not_exists(#pk) OR (#entityType = :entityType AND #i00 = :i0 AND #i10 = :i1)",
      ExpressionAttributeNames: { "#pk": "pk", "#entityType": "entityType", "#i00": "tenantId", "#i10": "capsuleId" },
      ExpressionAttributeValues: { ":entityType": "Note", ":i0": "t1", ":i1": "c1" },
    });
    expect(scope.put(note)).toMatchObject({
      Item: { ...note, gsi1pk: "TENANT#t1#CAPSULE#c1#TAG#red", gsi1sk: "Hello#1", entityType: "Note" },
      ConditionExpression: "attribute_not_exists(#pk) OR (#entityType = :entityType AND #i00 = :i0 AND #i10 = :i1)",
      ExpressionAttributeNames: { "#pk": "pk", "#entityType": "entityType", "#i00": "tenantId", "#i10": "capsuleId" },
      ExpressionAttributeValues: { ":entityType": "Note", ":i0": "t1", ":i1": "c1" },
    });
    expect(scope.put(note, { ifNotExists: true })).toMatchObject({
      ConditionExpression: "attribute_not_exists(#pk)",
      ExpressionAttributeNames: { "#pk": "pk" },
    });
    expect(scope.put(note, { ifNotExists: true })).not.toHaveProperty("ExpressionAttributeValues");
  });

  it("refuse another capsule's ids, c10 in a c1 scope included", () => {
    expect(() => scope.put({ ...note, capsuleId: c10 })).toThrow(IsolationError);
    // @ts-expect-error the scope supplies the isolation ids: a get names none
    expect(() => scope.get({ noteId: "n1", version: 2, capsuleId: c10 })).toThrow(
      /\[isolation\.foreign\] capsuleId is "c10", outside this scope's "c1"/,
    );
  });

  it('refuse a get whose consistent is not a boolean (a request\'s "true" was read as false)', () => {
    const refused: readonly (string | number | null | object)[] = ["true", "false", 1, 0, null, {}];
    for (const consistent of refused) {
      // @ts-expect-error consistent is true or false
      expect(() => scope.get({ noteId: "n1", version: 2 }, { consistent })).toThrow(
        /^\[get\.invalidOption\] Note get consistent is .+ \| consistent is true or false/,
      );
    }
    expect(scope.get({ noteId: "n1", version: 2 }, { consistent: false })).not.toHaveProperty("ConsistentRead");
    expect(scope.get({ noteId: "n1", version: 2 }, {})).not.toHaveProperty("ConsistentRead");
  });
});

describe("update", () => {
  it("sets, removes, and rebuilds the index keys built from what changes", () => {
    const command = scope.update({ noteId: "n1", version: 2 }, { title: "Renamed", rank: 3, body: undefined });
    expect(command).toMatchObject({
      Key: { pk: "TENANT#t1#CAPSULE#c1#NOTES", sk: "NOTE#n1#V#2" },
      UpdateExpression: "SET #u0 = :u0, #u1 = :u1, #u2 = :u2 REMOVE #r0",
      ConditionExpression: "attribute_exists(#pk) AND #entityType = :entityType AND #i00 = :i0 AND #i10 = :i1",
      ExpressionAttributeNames: {
        "#u0": "title",
        "#u1": "rank",
        "#u2": "gsi1sk",
        "#r0": "body",
        "#i00": "tenantId",
        "#i10": "capsuleId",
      },
      ExpressionAttributeValues: {
        ":u0": "Renamed",
        ":u1": 3,
        ":u2": "Renamed#3",
        ":entityType": "Note",
        ":i0": "t1",
        ":i1": "c1",
      },
      ReturnValues: "ALL_NEW",
    });
    // tag alone rebuilds gsi1pk only; gsi1sk does not depend on it.
    const retagged = scope.update({ noteId: "n1", version: 2 }, { tag: "blue" });
    expect(retagged.ExpressionAttributeNames).toMatchObject({ "#u0": "tag", "#u1": "gsi1pk" });
    expect(Object.keys(retagged.ExpressionAttributeNames)).toHaveLength(6);
    expect(retagged.ExpressionAttributeValues).toMatchObject({ ":u1": "TENANT#t1#CAPSULE#c1#TAG#blue" });
  });

  it("refuses key fields, isolation ids, unknown fields, invalid values and empty updates", () => {
    // @ts-expect-error noteId builds the sort key: it cannot change in place
    expect(() => scope.update({ noteId: "n1", version: 2 }, { noteId: "n2" })).toThrow(
      /^\[update\.keyField\] Note cannot update noteId/,
    );
    // @ts-expect-error the isolation ids never change
    expect(() => scope.update({ noteId: "n1", version: 2 }, { capsuleId: c10 })).toThrow(
      /^\[update\.keyField\] Note cannot update capsuleId/,
    );
    // @ts-expect-error no such field
    expect(() => scope.update({ noteId: "n1", version: 2 }, { titel: "x" })).toThrow(
      /^\[update\.unknownField\] Note has no attribute "titel"/,
    );
    // __proto__ is no field either, even as an own key (JSON.parse makes it one)
    expect(() => scope.update({ noteId: "n1", version: 2 }, JSON.parse('{"__proto__": {"polluted": true}}'))).toThrow(
      /update\.unknownField/,
    );
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
    // @ts-expect-error title is required: it cannot be removed
    expect(() => scope.update({ noteId: "n1", version: 2 }, { title: undefined })).toThrow(ItemValidationError);
    // @ts-expect-error no change at all (types-tests/compile-fail/update-key-fields.ts has the message)
    expect(() => scope.update({ noteId: "n1", version: 2 }, {})).toThrow(/^\[update\.nothing\]/);
    expect(() => scope.update({ noteId: "n1", version: 2 }, { title: "only the title" })).toThrow(
      /^\[update\.partialIndexKey\] Note index key gsi1sk is built from title and rank, and only title is in the update/,
    );
    expect(() => scope.update({ noteId: "n1", version: 2 }, { tag: "a#b" })).toThrow(KeyValueError);
  });

  it("refuses a key or isolation field of an entity that has no other field (its changes were {}, which took any)", () => {
    const Link = defineEntity({
      name: "Link",
      table: "platform_data",
      schema: z.object({ tenantId: tenantId(), capsuleId: capsuleId(), linkId: z.string() }),
      pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#LINK#${linkId}",
    });
    const links = Link.scope({ tenantId: t1, capsuleId: c1 });
    // @ts-expect-error linkId builds the partition key (types-tests/compile-fail/update-key-fields.ts has the message)
    expect(() => links.update({ linkId: "l1" }, { linkId: "l2" })).toThrow(
      /^\[update\.keyField\] Link cannot update linkId/,
    );
    // @ts-expect-error the isolation ids never change
    expect(() => links.update({ linkId: "l1" }, { capsuleId: c10 })).toThrow(/^\[update\.keyField\] Link cannot/);
    // @ts-expect-error no such field, as for any entity
    expect(() => links.update({ linkId: "l1" }, { title: "x" })).toThrow(/^\[update\.unknownField\] Link has no/);
    // @ts-expect-error no change at all
    expect(() => links.update({ linkId: "l1" }, {})).toThrow(/^\[update\.nothing\]/);
  });
});

describe("query", () => {
  it("pins the partition to the scope, filters by entity type, and derives the sort-key condition", () => {
    expect(scope.query({})).toEqual({
      TableName: "platform_data",
      KeyConditionExpression: "#pk = :pk AND begins_with(#sk, :sk)",
      FilterExpression: "#entityType = :entityType",
      ExpressionAttributeNames: { "#pk": "pk", "#sk": "sk", "#entityType": "entityType" },
      ExpressionAttributeValues: { ":pk": "TENANT#t1#CAPSULE#c1#NOTES", ":sk": "NOTE#", ":entityType": "Note" },
    });
    expect(scope.query({ sortKey: { noteId: "n1" } }).ExpressionAttributeValues[":sk"]).toBe("NOTE#n1#V#");
    expect(scope.query({ sortKey: { noteId: { beginsWith: "n1" } } }).ExpressionAttributeValues[":sk"]).toBe("NOTE#n1");
    const exact = scope.query({ sortKey: { noteId: "n1", version: 2 }, limit: 10, order: "desc" });
    expect(exact).toMatchObject({
      KeyConditionExpression: "#pk = :pk AND #sk = :sk",
      Limit: 10,
      ScanIndexForward: false,
    });
    expect(scope.query({ consistent: true })).toMatchObject({ ConsistentRead: true });
    expect(scope.query({})).not.toHaveProperty("ConsistentRead");
    expect(exact.ExpressionAttributeValues[":sk"]).toBe("NOTE#n1#V#2");
  });

  it("queries an index with its partition pinned to the scope", () => {
    expect(scope.query({ index: "gsi1", partition: { tag: "red" }, sortKey: { title: "Hello" } })).toMatchObject({
      IndexName: "gsi1",
      KeyConditionExpression: "#pk = :pk AND begins_with(#sk, :sk)",
      ExpressionAttributeNames: { "#pk": "gsi1pk", "#sk": "gsi1sk" },
      ExpressionAttributeValues: { ":pk": "TENANT#t1#CAPSULE#c1#TAG#red", ":sk": "Hello#" },
    });
    expect(
      scope.query({ index: "gsi1", partition: { tag: "red" }, sortKey: { title: "Hello", rank: 1 } }),
    ).toMatchObject({
      KeyConditionExpression: "#pk = :pk AND #sk = :sk",
      ExpressionAttributeValues: { ":sk": "Hello#1" },
    });
  });

  it("types a filter for the table or the index written (the input's union narrowed by index)", () => {
    /** The builder a filter of Note's table (`""`) or index gets. */
    type Builder<TOn extends string> = Parameters<
      QueryFilter<typeof Note.schema.shape, typeof Note.templates, typeof Note.isolation, TOn>
    >[0];
    const onIndex = scope.query({
      index: "gsi1",
      partition: { tag: "red" },
      filter: (f) => (expectTypeOf(f).toEqualTypeOf<Builder<"gsi1">>(), f.eq("noteId", "n1")),
    });
    const onTable = scope.query({
      filter: (f) => (expectTypeOf(f).toEqualTypeOf<Builder<"">>(), f.eq("tag", "red")),
    });
    expect(Object.values(onIndex.ExpressionAttributeNames)).toContain("noteId");
    expect(Object.values(onTable.ExpressionAttributeNames)).toContain("tag");
    // @ts-expect-error: noteId is a field of the table's sort key, which the key condition decides (filter.keyField)
    expect(() => scope.query({ filter: (f) => f.eq("noteId", "n1") })).toThrow(/filter\.keyField/);
  });

  it("bounds whole values with gt, gte, lt, lte and between, at literal boundaries", () => {
    const on = (sortKey: object) => {
      const { KeyConditionExpression, ExpressionAttributeValues } = scope.query({ sortKey } as never);
      return [
        KeyConditionExpression.replace("#pk = :pk AND ", ""),
        ExpressionAttributeValues[":sk"],
        ExpressionAttributeValues[":skHigh"],
      ];
    };
    // Every key of n1 starts "NOTE#n1#"; "NOTE#n1$" is above all of them and below "NOTE#n10#…".
    expect(on({ noteId: { gt: "n1" } })).toEqual(["#sk >= :sk", "NOTE#n1$", undefined]);
    expect(on({ noteId: { gte: "n1" } })).toEqual(["#sk >= :sk", "NOTE#n1#", undefined]);
    expect(on({ noteId: { lt: "n1" } })).toEqual(["#sk < :sk", "NOTE#n1#", undefined]);
    expect(on({ noteId: { lte: "n1" } })).toEqual(["#sk < :sk", "NOTE#n1$", undefined]);
    expect(on({ noteId: { between: ["a", "n1"] } })).toEqual(["#sk BETWEEN :sk AND :skHigh", "NOTE#a#", "NOTE#n1$"]);
    // At the end of a template the key is the value's own: plain comparisons.
    const byTitle = (sortKey: object) =>
      scope.query({ index: "gsi1", partition: { tag: "red" }, sortKey } as never).ExpressionAttributeValues;
    expect(byTitle({ title: { gt: "B" } })).toMatchObject({ ":sk": "B$" });
    const Tagged = defineEntity({
      name: "Tagged",
      table: "platform_data",
      schema: z.object({ tenantId: tenantId(), capsuleId: capsuleId(), at: z.string() }),
      pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#TAGGED",
      sk: "AT#${at}",
    }).scope({ tenantId: t1, capsuleId: c1 });
    expect(Tagged.query({ sortKey: { at: { gt: "2026" } } })).toMatchObject({
      KeyConditionExpression: "#pk = :pk AND #sk > :sk",
      ExpressionAttributeValues: { ":sk": "AT#2026" },
    });
    expect(Tagged.query({ sortKey: { at: { between: ["2025", "2026"] } } }).ExpressionAttributeValues).toMatchObject({
      ":sk": "AT#2025",
      ":skHigh": "AT#2026",
    });
    expect(Tagged.query({ sortKey: { at: { lte: "2026" } } }).KeyConditionExpression).toContain("#sk <= :sk");
  });

  it("refuses two operators, ranges on numbers, and a between whose ends are reversed", () => {
    // @ts-expect-error one operator per condition: between for two bounds
    expect(() => scope.query({ sortKey: { noteId: { gt: "a", lt: "b" } } })).toThrow(
      /^\[query\.sortKey\] Note sk condition has \["gt","lt"\] on noteId: give exactly one of beginsWith, gt, gte, lt, lte, between/,
    );
    // @ts-expect-error numbers are stored as text: 10 sorts before 9
    expect(() => scope.query({ sortKey: { noteId: "n1", version: { gt: "1" } } })).toThrow(
      /has gt on version, a number field/,
    );
    expect(() => scope.query({ sortKey: { noteId: { between: ["m", "a"] } } })).toThrow(
      /has between with "m" above "a"/,
    );
    // @ts-expect-error between takes a pair
    expect(() => scope.query({ sortKey: { noteId: { between: "a" } } })).toThrow(
      /between without a \[low, high\] pair/,
    );
    expect(() => scope.query({ sortKey: { noteId: { gt: "a#b" } } })).toThrow(KeyValueError);
  });

  it("refuses gaps, stray fields, beginsWith on numbers, unknown indexes and bad options", () => {
    // @ts-expect-error version without noteId before it
    expect(() => scope.query({ sortKey: { version: 2 } })).toThrow(
      /^\[query\.sortKey\] Note sk condition gives version without noteId before it/,
    );
    // @ts-expect-error a misspelt field would otherwise widen the query silently
    expect(() => scope.query({ sortKey: { notId: "n1" } })).toThrow(/names "notId", which is not a field/);
    // @ts-expect-error beginsWith is for string fields
    expect(() => scope.query({ sortKey: { noteId: "n1", version: { beginsWith: "1" } } })).toThrow(
      /beginsWith on version, a number field/,
    );
    expect(() => scope.query({ sortKey: { noteId: { beginsWith: "a#" } } })).toThrow(KeyValueError);
    // @ts-expect-error no such index
    expect(() => scope.query({ index: "gsi2" })).toThrow(
      /^\[query\.unknownIndex\] Note has no index "gsi2" \| query one of the entity's indexes \(gsi1\)/,
    );
    // @ts-expect-error "pk" names the table's key attribute, not an index
    expect(() => scope.query({ index: "" })).toThrow(/query\.unknownIndex/);
    // @ts-expect-error the gsi1 partition needs its tag
    expect(() => scope.query({ index: "gsi1" })).toThrow(
      /^\[query\.partition\] Note query on index gsi1 has no partition, and its pk template "TENANT#\$\{tenantId\}#CAPSULE#\$\{capsuleId\}#TAG#\$\{tag\}" has fields/,
    );
    expect(() => scope.query({ limit: 0 })).toThrow(/^\[query\.invalidOption\] Note query limit is 0/);
    expect(() => scope.query({ index: "gsi1", partition: { tag: "red" }, consistent: true })).toThrow(
      /query consistent is true on index gsi1/,
    );
    // @ts-expect-error order is "asc" or "desc"
    expect(() => scope.query({ order: "up" })).toThrow(/query\.invalidOption/);
    // @ts-expect-error a misspelt option: the catch-all overload's catalog message, and the runtime's (it was ignored,
    // the query sent with no Limit)
    expect(() => scope.query({ limitt: 5 })).toThrow(
      /^\[query\.invalidOption\] Note query limitt is not an option of a query \|/,
    );
    // @ts-expect-error the adapter's options (capsule-entity/dynamodb's pages read them): a command's query names its own
    expect(() => scope.query({ pageSize: 5 })).toThrow(builderQueryOptionMessage("Note", "pageSize", notAQueryOption));
    // @ts-expect-error as above
    expect(() => scope.query({ maxRequests: 2, hydrate: true })).toThrow(
      builderQueryOptionMessage("Note", "hydrate", notAQueryOption),
    );
    // @ts-expect-error the isolation ids come from the scope
    expect(() => scope.query({ sortKey: { capsuleId: c10 } })).toThrow(IsolationError);
  });
});

describe("cursors", () => {
  const key = { pk: "TENANT#t1#CAPSULE#c1#NOTES", sk: "NOTE#n1#V#2" };
  const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString("base64url");

  it("round-trip a LastEvaluatedKey of this query", () => {
    expect(scope.query({ cursor: scope.cursor(key)! }).ExclusiveStartKey).toEqual(key);
    expect(scope.cursor(undefined)).toBeUndefined();
  });

  it("refuse another capsule's cursor (c10 in c1), another index's, and anything tampered", () => {
    const c10Scope = Note.scope({ tenantId: t1, capsuleId: c10 });
    const c10Cursor = c10Scope.cursor({ pk: "TENANT#t1#CAPSULE#c10#NOTES", sk: "NOTE#n1#V#2" })!;
    expect(() => scope.query({ cursor: c10Cursor })).toThrow(IsolationError);
    expect(() => scope.query({ cursor: c10Cursor })).toThrow(/^\[isolation\.foreignCursor\]/);
    // A c1 scope's own key with c10 glued on after the prefix is still another partition.
    expect(() => scope.query({ cursor: encode({ ...key, pk: "TENANT#t1#CAPSULE#c1#NOTES#x" }) })).toThrow(
      IsolationError,
    );
    expect(() => scope.query({ index: "gsi1", partition: { tag: "red" }, cursor: scope.cursor(key)! })).toThrow(
      /^\[query\.invalidCursor\] Note cursor holds attributes pk, sk, not this query's/,
    );
    expect(() =>
      scope.query({ cursor: encode(JSON.parse(`{"pk":"${key.pk}","sk":"${key.sk}","__proto__":{}}`)) }),
    ).toThrow(/holds attributes/);
    expect(() => scope.query({ cursor: encode({ ...key, sk: 1 }) })).toThrow(/holds a non-string sk/);
    expect(() => scope.query({ cursor: "not a cursor!" })).toThrow(/query\.invalidCursor/);
    expect(() => scope.query({ cursor: encode([key]) })).toThrow(/does not hold a key object/);
    expect(() => scope.query({ cursor: "x".repeat(10_000) })).toThrow(/query\.invalidCursor/);
  });
});

describe("readItem", () => {
  const stored = Note.toItem(note);

  it("returns owned items, skips other entity types and absent items, throws on foreign ones", () => {
    expect(scope.readItem(stored)).toEqual(stored);
    expect(scope.readItem(undefined)).toBeUndefined();
    expect(scope.readItem({ ...stored, entityType: "Comment" })).toBeUndefined();
    const c10Item = Note.toItem({ ...note, capsuleId: c10 });
    expect(() => scope.readItem(c10Item)).toThrow(/^\[isolation\.foreign\] the item is capsuleId "c10", not "c1"/);
    expect(() => scope.readItem({ ...c10Item, pk: stored.pk })).toThrow(/^\[isolation\.keyMismatch\] stored pk/);
  });
});

describe("scopes of other isolation levels", () => {
  it("a global entity's scope takes no ids and reads its keys as they are; a scope without a table says so", () => {
    const Country = defineEntity({
      name: "Country",
      table: "platform_data",
      schema: z.object({ code: z.string(), name: z.string() }),
      pk: "COUNTRY#${code}",
      isolation: { level: "global", reason: "reference data" },
    });
    const countries = Country.scope({});
    expect(countries.get({ code: "DE" })).toEqual({ TableName: "platform_data", Key: { pk: "COUNTRY#DE" } });
    expect(countries.readItem({ code: "DE", name: "Germany", pk: "COUNTRY#DE", entityType: "Country" })).toMatchObject({
      name: "Germany",
    });
    // Read-back still verifies the keys against the item's own attributes.
    expect(() => countries.readItem({ code: "DE", name: "Germany", pk: "COUNTRY#FR", entityType: "Country" })).toThrow(
      IsolationError,
    );
    // @ts-expect-error a global entity's scope takes no ids
    expect(() => Country.scope({ tenantId: t1 })).toThrow(
      /^\[scope\.globalEntity\] Country has global isolation, so its scope takes no ids \| /,
    );
    const Untabled = defineEntity({
      name: "Untabled",
      schema: z.object({ tenantId: tenantId(), capsuleId: capsuleId(), id: z.string() }),
      pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#U#${id}",
    });
    // @ts-expect-error neither the entity nor the scope names a table: [scope.noTable] (access-call-site.ts)
    expect(() => Untabled.scope({ tenantId: t1, capsuleId: c1 })).toThrow(/^\[scope\.noTable\]/);
    expect(Untabled.scope({ tenantId: t1, capsuleId: c1 }, { table: "t" }).get({ id: "u" }).TableName).toBe("t");
  });
});

describe("an index opted out to the tenant level", () => {
  const Document = defineEntity({
    name: "Document",
    table: "platform_data",
    schema: z.object({ tenantId: tenantId(), capsuleId: capsuleId(), id: z.string(), status: z.string() }),
    pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#DOC#${id}",
    indexes: {
      byTenant: {
        pk: "TENANT#${tenantId}#DOCS",
        sk: "${capsuleId}#${id}",
        isolation: { level: "tenant", reason: "tenant admins list every document" },
      },
      byStatus: { pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#STATUS#${status}" },
    },
  });
  const documents = Document.scope({ tenantId: t1, capsuleId: c1 });
  const item = (tenant: string, capsule: string, id: string) =>
    Document.toItem({ tenantId: tenant, capsuleId: capsule, id, status: "draft" });

  it("is refused to a capsule scope before any request (the type-level twin: types-tests/compile-fail/tenant-scope.ts)", () => {
    // @ts-expect-error scope.indexLevel (EntityScope.query's catch-all; the exact signature leaves the index out)
    expect(() => documents.query({ index: "byTenant" })).toThrow(
      "[scope.indexLevel] Document's index byTenant is keyed at the tenant level, wider than a capsule scope |",
    );
    expect(documents.query({ index: "byStatus", partition: { status: "draft" } })).toMatchObject({
      IndexName: "byStatus",
      ExpressionAttributeValues: { ":pk": "TENANT#t1#CAPSULE#c1#STATUS#draft" },
    });
  });
  const tenantDocuments = Document.scope({ tenantId: t1 });
  const refused = (what: string) =>
    `[scope.outerLevel] Document's tenant scope can only query the indexes opted out to the tenant level (byTenant), not ${what} | open a scope with the ids of every level for anything else | e.g. db.entity(Document).scope({ tenantId }).query({ index: "byTenant" })`;

  it("opens a tenant scope of the capsule entity with { tenantId }: it queries the tenant-level index only", () => {
    expectTypeOf(tenantDocuments.ids).toEqualTypeOf<{ readonly tenantId: TenantId }>();
    expect(tenantDocuments.ids).toEqual({ tenantId: "t1" });
    expectTypeOf(tenantDocuments.query({ index: "byTenant" })).toEqualTypeOf<QueryCommandInput>();
    expect(tenantDocuments.query({ index: "byTenant" })).toEqual({
      TableName: "platform_data",
      IndexName: "byTenant",
      KeyConditionExpression: "#pk = :pk",
      FilterExpression: "#entityType = :entityType",
      ExpressionAttributeNames: { "#pk": "byTenantpk", "#entityType": "entityType" },
      ExpressionAttributeValues: { ":pk": "TENANT#t1#DOCS", ":entityType": "Document" },
    });
    // @ts-expect-error the table: [scope.outerLevel] (tenant-scope.ts)
    expect(() => tenantDocuments.query({})).toThrow(refused("the table"));
    // @ts-expect-error a capsule-level index: [scope.outerLevel] (tenant-scope.ts)
    expect(() => tenantDocuments.query({ index: "byStatus", partition: { status: "draft" } })).toThrow(
      refused("index byStatus"),
    );
    // @ts-expect-error the single-item operations: [scope.outerLevel] (tenant-scope.ts)
    expect(() => tenantDocuments.get({ id: "d1" })).toThrow(refused("get"));
    // @ts-expect-error [scope.outerLevel]
    expect(() => tenantDocuments.put({ ...item("t1", "c1", "d1") })).toThrow(refused("put"));
    // @ts-expect-error [scope.outerLevel]
    expect(() => tenantDocuments.update({ id: "d1" }, { status: "x" })).toThrow(refused("update"));
    // @ts-expect-error [scope.outerLevel]
    expect(() => tenantDocuments.delete({ id: "d1" })).toThrow(refused("delete"));
    // @ts-expect-error [scope.outerLevel]
    expect(() => tenantDocuments.keys({ id: "d1" })).toThrow(refused("keys"));
  });

  it("takes the inner level's fields in the sort key, as the runtime pins only the tenant's", () => {
    // The index's sort key `${capsuleId}#${id}`: the tenant scope may narrow to a capsule, and must name it first.
    expect(tenantDocuments.query({ index: "byTenant", sortKey: { capsuleId: c1 } })).toMatchObject({
      KeyConditionExpression: "#pk = :pk AND begins_with(#sk, :sk)",
      ExpressionAttributeValues: { ":pk": "TENANT#t1#DOCS", ":sk": "c1#" },
    });
    expect(
      tenantDocuments.query({ index: "byTenant", sortKey: { capsuleId: c1, id: { beginsWith: "d" } }, limit: 5 }),
    ).toMatchObject({ ExpressionAttributeValues: { ":sk": "c1#d" }, Limit: 5 });
    // @ts-expect-error a gap: [query.sortKey] … gives id without capsuleId before it (tenant-scope.ts)
    expect(() => tenantDocuments.query({ index: "byTenant", sortKey: { id: "d1" } })).toThrow(
      "[query.sortKey] Document index byTenant sk condition gives id without capsuleId before it",
    );
  });

  it("reads back every capsule of its tenant and refuses another tenant's item, item by item", () => {
    expectTypeOf(tenantDocuments.readItem).returns.toEqualTypeOf<ReturnType<typeof documents.readItem>>();
    expect(tenantDocuments.readItem(item("t1", "c1", "d1"))).toMatchObject({ capsuleId: "c1" });
    expect(tenantDocuments.readItem(item("t1", "c10", "d2"))).toMatchObject({ capsuleId: "c10" });
    expect(() => tenantDocuments.readItem(item("t2", "c1", "d3"))).toThrow(IsolationError);
    // t2's document planted under t1's index partition: its own keys say t2, read-back refuses it.
    const planted = { ...item("t2", "c1", "d4"), byTenantpk: "TENANT#t1#DOCS", title: "secret plan" };
    expect(() => tenantDocuments.readItem(planted)).toThrow(IsolationError);
    expect(() => tenantDocuments.readItem(planted)).not.toThrow(/secret/);
  });

  it("keeps other ids on the entity's own level: a capsule id alone is refused as before", () => {
    // @ts-expect-error [scope.missingId] Document scope needs tenantId (tenant-scope.ts)
    expect(() => Document.scope({ capsuleId: c1 })).toThrow("[scope.missingId] Document scope needs tenantId");
    // An entity without a tenant-level index has no tenant scope: both sides name the capsule id it lacks.
    // @ts-expect-error [scope.missingId] Note scope needs capsuleId (tenant-scope.ts)
    expect(() => Note.scope({ tenantId: t1 })).toThrow("[scope.missingId] Note scope needs capsuleId");
  });
});
