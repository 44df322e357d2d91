// A typo in a placeholder: the key would be built from a field that does not exist.
import { z } from "zod";
import { capsuleId, defineEntity, tenantId } from "capsule-entity";

export const SecurityGroup = defineEntity({
  name: "SecurityGroup",
  schema: z.object({ tenantId: tenantId(), capsuleId: capsuleId(), groupId: z.string() }),
  // expect-error: key.unknownField
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#GROUP#${gropuId}",
});
