// A transaction's ids, checked per entity (capsule-entity/dynamodb): every entity added must find in them each
// level id its scope needs, of its own kit. The line after each `expect-error` comment is where the compiler must
// complain, with the same text the runtime twin throws when the entity is added (nothing is sent: the client is
// never called). Another kit's ids are a type error only: at runtime they are the same strings. A global entity's
// scope takes no ids, in a transaction as anywhere.
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { z } from "zod";
import { capsuleId, defineEntity, defineIsolation, tenantId } from "capsule-entity";
import { connect } from "capsule-entity/dynamodb";

const Note = defineEntity({
  name: "Note",
  schema: z.object({ tenantId: tenantId(), capsuleId: capsuleId(), noteId: z.string() }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#NOTE#${noteId}",
});
const kit = defineIsolation({
  levels: [
    { name: "org", field: "orgId", label: "ORG" },
    { name: "workspace", field: "workspaceId", label: "WS" },
  ],
});
const Document = kit.defineEntity({
  name: "Document",
  schema: z.object({ orgId: kit.ids.orgId(), workspaceId: kit.ids.workspaceId(), docId: z.string() }),
  pk: "ORG#${orgId}#WS#${workspaceId}#DOC#${docId}",
});
const Country = defineEntity({
  name: "Country",
  schema: z.object({ code: z.string() }),
  pk: "COUNTRY#${code}",
  isolation: { level: "global", reason: "shared reference data" },
});
const other = defineIsolation({
  levels: [
    { name: "org", field: "orgId", label: "ORGANIZATION" },
    { name: "workspace", field: "workspaceId", label: "SPACE" },
  ],
});

const orgId = kit.ids.orgId().parse("o1");
const workspaceId = kit.ids.workspaceId().parse("w1");
const db = connect(DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: "http://127.0.0.1:9", region: "local" })), {
  table: "app_data",
});

export const capsuleEntityInATenantTransaction = () =>
  db
    .transaction({ tenantId: tenantId().parse("t1") })
    // expect-error: transaction.ids
    .entity(Note);

export const workspaceEntityInAnOrgTransaction = () =>
  db
    .transaction({ orgId })
    // expect-error: transaction.ids
    .entity(Document);

export const kitEntityInADefaultKitTransaction = () =>
  db
    .transaction({ tenantId: tenantId().parse("t1"), capsuleId: capsuleId().parse("c1") })
    // expect-error: transaction.ids
    .entity(Document);

export const declaredScopeWithoutItsWorkspace = () =>
  db
    .transaction({ orgId, workspaceId }, { also: { org: { ids: { orgId }, reason: "org-wide index entry" } } })
    // expect-error: transaction.ids
    .entity(Document, "org");

export const globalEntityInAScopedTransaction = () =>
  db
    .transaction({ orgId, workspaceId })
    // expect-error: scope.globalEntity
    .entity(Country);

export const anotherKitsIds = () =>
  db
    .transaction({ orgId: other.ids.orgId().parse("o1"), workspaceId: other.ids.workspaceId().parse("w1") })
    // expect-error: transaction.ids type-only
    .entity(Document);
