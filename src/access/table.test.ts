import { describe, expect, expectTypeOf, it } from "vitest";
import { z } from "zod";
import { capsuleId, createTableInput, defineEntity, defineTable, tenantId, type CheckTable } from "capsule-entity";

const PlatformTable = defineTable({
  name: "platform_data",
  pk: "PK",
  sk: "SK",
  indexes: { gsi1: { pk: "GSI1PK", sk: "GSI1SK" }, gsi2: {} },
});

const schema = z.object({ tenantId: tenantId(), capsuleId: capsuleId(), id: z.string(), tag: z.string() });
const Role = defineEntity({
  name: "Role",
  schema,
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#ROLE#${id}",
  sk: "METADATA",
  indexes: { gsi1: { pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#TAG#${tag}", sk: "${id}" } },
});
const ids = { tenantId: tenantId().parse("t1"), capsuleId: capsuleId().parse("c1") };

describe("defineTable", () => {
  it("maps entities' key attributes to the table's, with defaults", () => {
    expect(PlatformTable.attributes).toEqual({
      pk: "PK",
      sk: "SK",
      gsi1pk: "GSI1PK",
      gsi1sk: "GSI1SK",
      gsi2pk: "gsi2pk",
      gsi2sk: "gsi2sk",
    });
    expect(defineTable({ name: "plain", sk: false }).attributes).toEqual({ pk: "pk" });
    expect(PlatformTable.indexes).toEqual(["gsi1", "gsi2"]);
  });

  it("refuses what DynamoDB or the mapping would not survive", () => {
    expect(() => defineTable({ name: "t" })).toThrow(/^\[table\.invalid\] table "t" has an invalid name/);
    expect(() => defineTable({ name: "tbl", pk: "K", sk: "K" })).toThrow(/uses attribute "K" for both pk and sk/);
    expect(() => defineTable({ name: "tbl", indexes: { gsi1: { pk: "sk" } } })).toThrow(
      /uses attribute "sk" for both sk and indexes\.gsi1\.pk/,
    );
    expect(() => defineTable({ name: "tbl", pk: "entityType" })).toThrow(/for both entityType and pk/);
    expect(() => defineTable({ name: "tbl", pk: "__proto__" })).toThrow(/invalid pk attribute "__proto__"/);
    expect(() => defineTable({ name: "tbl", pk: "" })).toThrow(/invalid pk attribute ""/);
    expect(() => defineTable({ name: "tbl", indexes: { "g/1": {} } })).toThrow(/an index with an invalid name "g\/1"/);
  });

  it("builds a CreateTable input", () => {
    expect(
      createTableInput(defineTable({ name: "tbl", pk: "PK", sk: "SK", indexes: { gsi1: { pk: "G1", sk: false } } })),
    ).toEqual({
      TableName: "tbl",
      BillingMode: "PAY_PER_REQUEST",
      AttributeDefinitions: [
        { AttributeName: "PK", AttributeType: "S" },
        { AttributeName: "SK", AttributeType: "S" },
        { AttributeName: "G1", AttributeType: "S" },
      ],
      KeySchema: [
        { AttributeName: "PK", KeyType: "HASH" },
        { AttributeName: "SK", KeyType: "RANGE" },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: "gsi1",
          KeySchema: [{ AttributeName: "G1", KeyType: "HASH" }],
          Projection: { ProjectionType: "ALL" },
        },
      ],
    });
  });
});

describe("an entity in a table", () => {
  it("uses the table's attribute names in every command, and reads them back", () => {
    const scope = Role.scope(ids, { table: PlatformTable });
    expect(scope.get({ id: "r1" })).toEqual({
      TableName: "platform_data",
      Key: { PK: "TENANT#t1#CAPSULE#c1#ROLE#r1", SK: "METADATA" },
    });
    const put = scope.put({ ...ids, id: "r1", tag: "x" });
    expect(put.Item).toEqual({
      ...ids,
      id: "r1",
      tag: "x",
      PK: "TENANT#t1#CAPSULE#c1#ROLE#r1",
      SK: "METADATA",
      GSI1PK: "TENANT#t1#CAPSULE#c1#TAG#x",
      GSI1SK: "r1",
      entityType: "Role",
    });
    expect(put.ExpressionAttributeNames).toEqual({
      "#pk": "PK",
      "#entityType": "entityType",
      "#i00": "tenantId",
      "#i10": "capsuleId",
    });
    expect(
      scope.query({ index: "gsi1", partition: { tag: "x" }, sortKey: { id: "r1" } }).ExpressionAttributeNames,
    ).toEqual({ "#pk": "GSI1PK", "#sk": "GSI1SK", "#entityType": "entityType" });
    expect(scope.update({ id: "r1" }, { tag: "y" }).ExpressionAttributeNames).toMatchObject({
      "#pk": "PK",
      "#u0": "tag",
      "#u1": "GSI1PK",
    });
    expect(scope.readItem(put.Item)).toEqual(Role.toItem({ ...ids, id: "r1", tag: "x" }));
    // An attribute stored under the entity's own name is not trusted: the table's key attribute is read.
    expect(() => scope.readItem({ ...put.Item, PK: "TENANT#t1#CAPSULE#c2#ROLE#r1", pk: put.Item.PK })).toThrow(
      /isolation\.keyMismatch/,
    );
  });

  it("refuses an entity that does not fit, at compile time and at runtime", () => {
    const NoSk = defineEntity({ name: "NoSk", schema, pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#ROLE#${id}" });
    const missingSk =
      '[table.missingKey] NoSk has no sk template, but table platform_data keys items by sk | declare it on the entity, or describe the table as it is | e.g. defineTable({ name: "platform_data", sk: false }) for a table without a sort key';
    // The compiler and the runtime say the same thing.
    expectTypeOf<CheckTable<typeof PlatformTable, "NoSk", typeof NoSk.templates>>().toEqualTypeOf<typeof missingSk>();
    // @ts-expect-error the table keys items by sk, and NoSk has no sk template
    expect(() => NoSk.scope(ids, { table: PlatformTable })).toThrow(missingSk);

    const Extra = defineEntity({
      name: "Extra",
      schema,
      pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#ROLE#${id}",
      sk: "METADATA",
      indexes: { gsi9: { pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#TAG#${tag}" } },
    });
    const unknownGsi9 =
      '[table.unknownKey] Extra stores key gsi9pk, which table platform_data does not have | add the index (or sort key) to defineTable, or remove it from the entity | e.g. defineTable({ name: "platform_data", indexes: { gsi1: { pk: "GSI1PK", sk: "GSI1SK" } } })';
    expectTypeOf<CheckTable<typeof PlatformTable, "Extra", typeof Extra.templates>>().toEqualTypeOf<
      typeof unknownGsi9
    >();
    // @ts-expect-error the table has no gsi9
    expect(() => Extra.scope(ids, { table: PlatformTable })).toThrow(unknownGsi9);

    const HalfIndex = defineEntity({
      name: "HalfIndex",
      schema,
      pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#ROLE#${id}",
      sk: "METADATA",
      indexes: { gsi1: { pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#TAG#${tag}" } },
    });
    // @ts-expect-error gsi1 has a sort key in the table: without it the item would silently stay out of the index
    expect(() => HalfIndex.scope(ids, { table: PlatformTable })).toThrow(
      /^\[table\.missingKey\] HalfIndex has no gsi1sk template/,
    );

    const Clash = defineEntity({
      name: "Clash",
      schema: z.object({ tenantId: tenantId(), capsuleId: capsuleId(), PK: z.string() }),
      pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#C#${PK}",
      sk: "METADATA",
    });
    expect(() => Clash.scope(ids, { table: PlatformTable })).toThrow(
      /^\[table\.attributeClash\] table platform_data stores a key in attribute PK, which Clash also declares/,
    );
  });

  it("an entity that uses none of the table's indexes fits (sparse indexes)", () => {
    const Plain = defineEntity({
      name: "Plain",
      schema,
      pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#P#${id}",
      sk: "METADATA",
    });
    expect(Plain.scope(ids, { table: PlatformTable }).get({ id: "p" }).Key).toEqual({
      PK: "TENANT#t1#CAPSULE#c1#P#p",
      SK: "METADATA",
    });
  });
});
