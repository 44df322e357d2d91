// Filters on fields the key condition already decides (docs/dynamodb.md, "Filters"): refused with the catalog message.
import { z } from "zod";
import { capsuleId, defineEntity, tenantId } from "capsule-entity";

const Note = defineEntity({
  name: "Note",
  schema: z.object({ tenantId: tenantId(), capsuleId: capsuleId(), noteId: z.string(), status: z.string(), author: z.string() }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#NOTES",
  sk: "NOTE#${noteId}",
  indexes: { byAuthor: { pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#BY#${author}", sk: "NOTE#${noteId}" } },
});
const notes = Note.scope({ tenantId: tenantId().parse("t1"), capsuleId: capsuleId().parse("c1") }, { table: "notes" });

export const filterOnSortKeyField = () =>
  // expect-error: filter.keyField
  notes.query({ filter: (f) => f.eq("noteId", "n1") });

export const filterOnIsolationId = () =>
  // expect-error: filter.keyField
  notes.query({ filter: (f) => f.exists("tenantId") });

export const filterOnIndexPartitionField = () =>
  // expect-error: filter.keyField
  notes.query({ index: "byAuthor", partition: { author: "ann" }, filter: (f) => f.beginsWith("author", "a") });
