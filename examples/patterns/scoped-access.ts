// Request handlers do not build keys from ids they were given: they open a scope for the caller's tenant and
// capsule, and the scope supplies the ids to every key. Its command inputs are plain DocumentClient inputs.
import { z } from "zod";
import { capsuleId, defineEntity, tenantId, type CapsuleId, type TenantId } from "capsule-entity";

export const Note = defineEntity({
  name: "Note",
  table: "platform_data",
  schema: z.object({
    tenantId: tenantId(),
    capsuleId: capsuleId(),
    folder: z.string(),
    noteId: z.string(),
    body: z.string(),
  }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#FOLDER#${folder}",
  sk: "NOTE#${noteId}",
});

export function notesFor(caller: { readonly tenantId: TenantId; readonly capsuleId: CapsuleId }) {
  const notes = Note.scope(caller);
  return {
    /** GetCommand input: only the fields of pk and sk that are not ids. */
    get: (folder: string, noteId: string) => notes.get({ folder, noteId }),
    /** PutCommand input; attributes carrying another tenant's or capsule's ids throw IsolationError. */
    create: (folder: string, noteId: string, body: string) =>
      notes.put({ ...caller, folder, noteId, body }, { ifNotExists: true }),
    /** QueryCommand input over one folder of this capsule, filtered to Note items. */
    inFolder: (folder: string) => notes.query({ partition: { folder } }),
  };
}
