// Rules 2–4: key templates. One mistake per definition; the line after each `expect-error` comment is
// where the compiler must complain, with the same text the runtime twin throws.
import { z } from "zod";
import { capsuleId, defineEntity, tenantId } from "capsule-entity";

const schema = z.object({
  tenantId: tenantId(),
  capsuleId: capsuleId(),
  id: z.string(),
  role: z.string(),
  active: z.boolean(),
  nickname: z.string().optional(),
  version: z.number(),
});

const widened: string = "TENANT#${tenantId}#CAPSULE#${capsuleId}#ROLE#${id}";

export const pkNotLiteral = () =>
  defineEntity({
    name: "RoleAssignment",
    schema,
    // expect-error: key.notLiteral type-only (at runtime every string is a literal; a non-string pk is the runtime twin)
    pk: widened,
  });

export const pkWithoutCapsule = () =>
  defineEntity({
    name: "RoleAssignment",
    schema,
    // expect-error: isolation.keyPrefix
    pk: "TENANT#${tenantId}#ROLE#${id}",
  });

export const pkLowercaseLabels = () =>
  defineEntity({
    name: "RoleAssignment",
    schema,
    // expect-error: isolation.keyPrefix
    pk: "tenant#${tenantId}#capsule#${capsuleId}#ROLE#${id}",
  });

export const pkCapsuleFirst = () =>
  defineEntity({
    name: "RoleAssignment",
    schema,
    // expect-error: isolation.keyPrefix
    pk: "CAPSULE#${capsuleId}#TENANT#${tenantId}#ROLE#${id}",
  });

export const pkPrefixRunsOn = () =>
  defineEntity({
    name: "RoleAssignment",
    schema,
    // expect-error: isolation.keyPrefix
    pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}ROLE#${id}",
  });

export const indexPkWithoutCapsule = () =>
  defineEntity({
    name: "RoleAssignment",
    schema,
    pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#ROLE#${id}",
    indexes: {
      // expect-error: isolation.keyPrefix
      byRole: { pk: "TENANT#${tenantId}#BYROLE#${role}", sk: "${id}" },
    },
  });

export const emptyIndexName = () =>
  defineEntity({
    name: "RoleAssignment",
    schema,
    pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#ROLE#${id}",
    indexes: {
      // expect-error: entity.indexName
      "": { pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#BYROLE#${role}", sk: "${id}" },
    },
  });

export const protoIndexName = () =>
  defineEntity({
    name: "RoleAssignment",
    schema,
    pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#ROLE#${id}",
    indexes: {
      // expect-error: entity.indexName
      __proto__: { pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#BYROLE#${role}", sk: "${id}" },
    },
  });

export const computedProtoIndexName = () =>
  defineEntity({
    name: "RoleAssignment",
    schema,
    pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#ROLE#${id}",
    indexes: {
      // expect-error: entity.indexName
      ["__proto__"]: { pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#BYROLE#${role}", sk: "${id}" },
    },
  });

export const placeholderTypo = () =>
  defineEntity({
    name: "RoleAssignment",
    schema,
    // expect-error: key.unknownField
    pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#ROLE#${idd}",
  });

export const placeholderTooDeep = () =>
  defineEntity({
    name: "RoleAssignment",
    schema,
    sk: "ROLE#${id}",
    // expect-error: key.unknownField
    pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#ROLE#${id.value.raw}",
  });

export const placeholderBoolean = () =>
  defineEntity({
    name: "RoleAssignment",
    schema,
    pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#ROLE#${id}",
    // expect-error: key.notScalar
    sk: "ACTIVE#${active}",
  });

export const placeholderLazy = () =>
  defineEntity({
    name: "RoleAssignment",
    schema: schema.extend({ region: z.lazy(() => z.string()) }),
    pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#ROLE#${id}",
    // expect-error: key.fieldForm
    sk: "REGION#${region}",
  });

export const placeholderDottedFieldName = () =>
  defineEntity({
    name: "RoleAssignment",
    schema: schema.extend({ "region.code": z.string() }),
    pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#ROLE#${id}",
    // expect-error: key.dottedField
    sk: "REGION#${region.code}",
  });

export const placeholderOptional = () =>
  defineEntity({
    name: "RoleAssignment",
    schema,
    pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#ROLE#${id}",
    // expect-error: key.notScalar
    sk: "NICK#${nickname}",
  });

export const placeholderEnumWithHash = () =>
  defineEntity({
    name: "RoleAssignment",
    schema: schema.extend({ status: z.enum(["open", "a#CAPSULE#b"]) }),
    pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#ROLE#${id}",
    // expect-error: key.notScalar
    sk: "STATUS#${status}",
  });

export const unclosedPlaceholder = () =>
  defineEntity({
    name: "RoleAssignment",
    schema,
    // expect-error: key.unclosedPlaceholder
    pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#ROLE#${id",
  });

export const emptyPlaceholder = () =>
  defineEntity({
    name: "RoleAssignment",
    schema,
    pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#ROLE#${id}",
    // expect-error: key.emptyPlaceholder
    sk: "ROLE#${}",
  });

export const sharedSegment = () =>
  defineEntity({
    name: "RoleAssignment",
    schema,
    pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#ROLE#${id}",
    // expect-error: key.sharedSegment
    sk: "${role}-${id}",
  });

export const indexSkTypo = () =>
  defineEntity({
    name: "RoleAssignment",
    schema,
    pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#ROLE#${id}",
    indexes: {
      // expect-error: key.unknownField
      byRole: { pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#BYROLE#${role}", sk: "V#${versoin}" },
    },
  });

export const nestedIsolationReadAtTopLevel = () =>
  defineEntity({
    name: "ComplexEntity",
    schema: z.object({ context: z.object({ tenantId: tenantId(), capsuleId: capsuleId() }), id: z.string() }),
    // expect-error: isolation.keyPrefix
    pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#DOC#${id}",
  });

// A `$` is an identifier's character: a refused form of such a field is named as any other field's, not as an
// unclosed placeholder.
export const placeholderDollarFieldLazy = () =>
  defineEntity({
    name: "RoleAssignment",
    schema: schema.extend({ region$: z.lazy(() => z.string()) }),
    pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#ROLE#${id}",
    // expect-error: key.fieldForm
    sk: "REGION#${region$}",
  });
