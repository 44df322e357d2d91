// An INCLUDE index must hold the entity's isolation fields and only its attributes (docs/dynamodb.md, "Projections").
import { z } from "zod";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { capsuleId, defineEntity, defineTable, tenantId } from "capsule-entity";
import { connect } from "capsule-entity/dynamodb";

const Note = defineEntity({
  name: "Note",
  schema: z.object({ tenantId: tenantId(), capsuleId: capsuleId(), noteId: z.string(), title: z.string() }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#NOTES",
  sk: "NOTE#${noteId}",
  indexes: { byTitle: { pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#TITLES", sk: "${title}#${noteId}" } },
});
const client = {} as DynamoDBDocumentClient;

const WithoutCapsule = defineTable({
  name: "notes",
  indexes: { byTitle: { projection: { include: ["entityType", "tenantId", "title"] } } },
});
export const includeOmitsIsolationField = () =>
  // expect-error: table.projection
  connect(client, { table: WithoutCapsule }).entity(Note);

const WithUnknown = defineTable({
  name: "notes",
  indexes: { byTitle: { projection: { include: ["entityType", "tenantId", "capsuleId", "titel"] } } },
});
export const includeNamesUnknownAttribute = () =>
  // expect-error: table.projection
  connect(client, { table: WithUnknown }).entity(Note);
