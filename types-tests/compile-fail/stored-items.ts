// The entity's own toItem / fromItem given the name of its own defineTable() value, which renames its keys: the name
// alone would keep the entity's key names (pk beside the table's PK). The line after each `expect-error` comment is
// where the compiler must complain, with the runtime twin's text.
import { z } from "zod";
import { capsuleId, defineEntity, defineTable, tenantId } from "capsule-entity";

const PlatformTable = defineTable({ name: "platform_data", pk: "PK", sk: "SK" });
const Note = defineEntity({
  name: "Note",
  table: PlatformTable,
  schema: z.object({ tenantId: tenantId(), capsuleId: capsuleId(), noteId: z.string() }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#NOTES",
  sk: "NOTE#${noteId}",
});
const attributes = { tenantId: tenantId().parse("t1"), capsuleId: capsuleId().parse("c1"), noteId: "n1" };
const stored = Note.toItem(attributes);

export const toItemByOwnTableName = () =>
  // expect-error: table.byName
  Note.toItem(attributes, { table: "platform_data" });

export const fromItemByOwnTableName = () =>
  // expect-error: table.byName
  Note.fromItem(stored, { table: "platform_data" });
