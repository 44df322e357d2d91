// Ids enter the program once, at the boundary, through tenantId() / capsuleId(): parsing rejects "" and any
// value containing "#", and brands the result so a TenantId and a CapsuleId cannot be swapped. Key values are
// never escaped: a value that could change a key's structure is refused with KeyValueError.
import { z } from "zod";
import { capsuleId, defineEntity, tenantId, type CapsuleId, type TenantId } from "capsule-entity";

export const Document = defineEntity({
  name: "Document",
  table: "platform_data",
  schema: z.object({ tenantId: tenantId(), capsuleId: capsuleId(z.uuid()), id: z.string(), title: z.string() }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#DOC#${id}",
  sk: "METADATA",
});

/** The request boundary: the only place plain strings become ids. */
const RequestIds = z.object({ tenantId: tenantId(), capsuleId: capsuleId(z.uuid()) });

export function idsFromClaims(claims: unknown): { readonly tenantId: TenantId; readonly capsuleId: CapsuleId } {
  return RequestIds.parse(claims);
}

export function documentKey(claims: unknown, documentId: string): string {
  const ids = idsFromClaims(claims);
  return Document.keys({ ...ids, id: documentId }).pk; // throws KeyValueError for "", "a#b", lone surrogates
}
