// Entity names of 255 characters: every scope.* message names the entity (twice, in its example too), and quotes
// a long name as entity.indexName quotes a long index name (its first 16 characters, `…` and its length), so that
// tsc, which prints at most ≈ 320 characters of a type, prints the whole message, and the runtime throws the very
// same text.
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { z } from "zod";
import { capsuleId, defineEntity, tenantId } from "capsule-entity";
import { connect } from "capsule-entity/dynamodb";

const client = {} as DynamoDBDocumentClient;
const ids = { tenantId: tenantId().parse("t1"), capsuleId: capsuleId().parse("c1") };
const request = { capsuleId: "c1" } as { readonly capsuleId: string };

const Doc = defineEntity({
  name: "Documentabcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz01234",
  schema: z.object({ tenantId: tenantId(), capsuleId: capsuleId(), docId: z.string(), owner: z.string() }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#DOC#${docId}",
  indexes: {
    byOwner: {
      pk: "TENANT#${tenantId}#OWNER#${owner}",
      isolation: { level: "tenant", reason: "tenant admins list every owner's documents" },
    },
  },
});
const Country = defineEntity({
  name: "Countryabcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz012345",
  table: "reference",
  schema: z.object({ code: z.string() }),
  pk: "COUNTRY#${code}",
  isolation: { level: "global", reason: "reference data" },
});
const docs = connect(client, { table: "docs" }).entity(Doc);

export const noTable = () =>
  // expect-error: scope.noTable
  Doc.scope(ids);

export const missingId = () =>
  // expect-error: scope.missingId
  Doc.scope({ tenantId: ids.tenantId, capsuleId: undefined }, { table: "docs" });

export const plainId = () =>
  // expect-error: scope.plainId type-only
  docs.scope({ tenantId: ids.tenantId, capsuleId: request.capsuleId });

export const wrongId = () =>
  // expect-error: scope.wrongId type-only
  docs.scope({ tenantId: ids.capsuleId, capsuleId: ids.tenantId });

export const otherId = () =>
  // expect-error: scope.otherId type-only
  docs.scope({ ...ids, docId: "d1" });

export const globalEntity = () =>
  // expect-error: scope.globalEntity
  connect(client).entity(Country).scope({ tenantId: ids.tenantId });

export const indexLevel = () =>
  // expect-error: scope.indexLevel async
  docs.scope(ids).page({ index: "byOwner", partition: { owner: "ann" } });

export const outerLevel = () =>
  // expect-error: scope.outerLevel async
  docs.scope({ tenantId: ids.tenantId }).page({});
