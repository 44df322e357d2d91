// Index names of 255 characters, DynamoDB's longest: every message that names an index quotes a long name as
// entity.indexName does (its first 16 characters, `…` and its length), so that tsc, which prints at most ≈ 320
// characters of a type, prints the whole message, and the runtime throws the very same text. Not the key.* and
// isolation.* messages of `indexes.<name>.pk`: the compiler builds them with every entity's properties, and quoting
// there cost +200 instantiations per entity with distinct index names (a long index name still cuts those).
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { z } from "zod";
import { capsuleId, defineEntity, defineTable, tenantId } from "capsule-entity";
import { connect } from "capsule-entity/dynamodb";

const schema = z.object({ tenantId: tenantId(), capsuleId: capsuleId(), docId: z.string(), status: z.string() });
const client = {} as DynamoDBDocumentClient;

export const unknownLevel = () =>
  defineEntity({
    name: "Doc",
    schema,
    pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#DOC#${docId}",
    indexes: {
      byStatusabcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz01234: {
        pk: "TENANT#${tenantId}#STATUS#${status}",
        // expect-error: index.unknownLevel
        isolation: { level: "capsule", reason: "not an outer level" },
      },
    },
  });

export const missingReason = () =>
  defineEntity({
    name: "Doc",
    schema,
    pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#DOC#${docId}",
    indexes: {
      // expect-error: index.missingReason
      byStatusabcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz01234: { pk: "TENANT#${tenantId}#STATUS#${status}", isolation: { level: "tenant", reason: " " } },
    },
  });

const Doc = defineEntity({
  name: "Doc",
  table: "docs",
  schema,
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#DOC#${docId}",
  indexes: {
    byStatusabcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz01234: { pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#STATUS#${status}", sk: "${docId}" },
    byOwnerabcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz012345: {
      pk: "TENANT#${tenantId}#DOCS",
      sk: "${capsuleId}#${docId}",
      isolation: { level: "tenant", reason: "tenant admins list every document of every capsule" },
    },
  },
});
const t1 = tenantId().parse("t1");
const docs = connect(client).entity(Doc);
const capsule = docs.scope({ tenantId: t1, capsuleId: capsuleId().parse("c1") });

export const unknownIndex = () =>
  // expect-error: query.unknownIndex async
  capsule.page({ index: "byStatusabcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0123_", partition: { status: "open" } });

export const noPartition = () =>
  // expect-error: query.partition async
  capsule.page({ index: "byStatusabcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz01234" });

export const sortKeyStrayField = () =>
  // expect-error: query.sortKey async
  capsule.page({ index: "byStatusabcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz01234", partition: { status: "open" }, sortKey: { nope: "d1" } });

export const indexLevel = () =>
  // expect-error: scope.indexLevel async
  capsule.page({ index: "byOwnerabcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz012345" });

export const outerLevel = () =>
  // expect-error: scope.outerLevel async
  docs.scope({ tenantId: t1 }).page({});

const Narrow = defineTable({
  name: "docs",
  sk: false,
  indexes: { byStatusabcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz01234: { projection: { include: ["entityType", "tenantId", "status"] } }, byOwnerabcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz012345: {} },
});
export const projection = () =>
  // expect-error: table.projection
  connect(client, { table: Narrow }).entity(Doc);

const WithoutOwnerIndex = defineTable({ name: "docs", sk: false, indexes: { byStatusabcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz01234: {} } });
export const unknownKey = () =>
  // expect-error: table.unknownKey
  connect(client, { table: WithoutOwnerIndex }).entity(Doc);
