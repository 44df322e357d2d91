// Rule 1: the isolation fields in the schema. Each export is a thunk so the runtime twin can be called
// lazily by the harness; the line after each `expect-error` comment is where the compiler must complain.
import { z } from "zod";
import { capsuleId, defineEntity, tenantId, type CapsuleId } from "capsule-entity";

export const missingCapsuleId = () =>
  defineEntity({
    name: "RoleAssignment",
    // expect-error: isolation.missingField
    schema: z.object({ tenantId: tenantId(), id: z.string() }),
    pk: "TENANT#${tenantId}#ROLE#${id}",
  });

export const missingTenantId = () =>
  defineEntity({
    name: "Session",
    // expect-error: isolation.missingField
    schema: z.object({ capsuleId: capsuleId(), id: z.string() }),
    pk: "CAPSULE#${capsuleId}#SESSION#${id}",
  });

export const capsuleIdTooDeep = () =>
  defineEntity({
    name: "ComplexEntity",
    // expect-error: isolation.fieldTooDeep
    schema: z.object({ tenantId: tenantId(), meta: z.object({ context: z.object({ capsuleId: capsuleId() }) }), id: z.string() }),
    pk: "TENANT#${tenantId}#CAPSULE#${meta.context.capsuleId}#DOC#${id}",
  });

export const optionalCapsuleId = () =>
  defineEntity({
    name: "Entitlement",
    // expect-error: isolation.optionalField
    schema: z.object({ tenantId: tenantId(), capsuleId: capsuleId().optional(), id: z.string() }),
    pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#ENTITLEMENT#${id}",
  });

export const nullableTenantId = () =>
  defineEntity({
    name: "Entitlement",
    // expect-error: isolation.optionalField
    schema: z.object({ tenantId: tenantId().nullable(), capsuleId: capsuleId(), id: z.string() }),
    pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#ENTITLEMENT#${id}",
  });

export const defaultedCapsuleId = () =>
  defineEntity({
    name: "Entitlement",
    // expect-error: isolation.optionalField
    schema: z.object({ tenantId: tenantId(), capsuleId: capsuleId().default(capsuleId().parse("c0")), id: z.string() }),
    pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#ENTITLEMENT#${id}",
  });

export const capsuleIdInOptionalObject = () =>
  defineEntity({
    name: "ComplexEntity",
    // expect-error: isolation.optionalField
    schema: z.object({ tenantId: tenantId(), context: z.object({ capsuleId: capsuleId() }).optional(), id: z.string() }),
    pk: "TENANT#${tenantId}#CAPSULE#${context.capsuleId}#DOC#${id}",
  });

export const plainStringCapsuleId = () =>
  defineEntity({
    name: "SecurityGroup",
    // expect-error: isolation.wrongType
    schema: z.object({ tenantId: tenantId(), capsuleId: z.string(), id: z.string() }),
    pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#GROUP#${id}",
  });

export const lazyCapsuleId = () =>
  defineEntity({
    name: "SecurityGroup",
    // expect-error: isolation.wrongType
    schema: z.object({ tenantId: tenantId(), capsuleId: z.lazy(() => capsuleId()), id: z.string() }),
    pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#GROUP#${id}",
  });

export const swappedBrands = () =>
  defineEntity({
    name: "SecurityGroup",
    // expect-error: isolation.wrongType
    schema: z.object({ tenantId: capsuleId(), capsuleId: capsuleId(), id: z.string() }),
    pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#GROUP#${id}",
  });

export const anyTenantId = () =>
  defineEntity({
    name: "SecurityGroup",
    // expect-error: isolation.wrongType
    schema: z.object({ tenantId: z.any(), capsuleId: capsuleId(), id: z.string() }),
    pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#GROUP#${id}",
  });

export const unknownCapsuleId = () =>
  defineEntity({
    name: "SecurityGroup",
    // expect-error: isolation.wrongType
    schema: z.object({ tenantId: tenantId(), capsuleId: z.unknown(), id: z.string() }),
    pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#GROUP#${id}",
  });

export const capsuleIdAtTwoPaths = () =>
  defineEntity({
    name: "ComplexEntity",
    // expect-error: isolation.ambiguousField
    schema: z.object({ tenantId: tenantId(), capsuleId: capsuleId(), context: z.object({ capsuleId: capsuleId() }), id: z.string() }),
    pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#DOC#${id}",
  });

export const reservedAttribute = () =>
  defineEntity({
    name: "Account",
    // expect-error: entity.reservedAttribute
    schema: z.object({ tenantId: tenantId(), capsuleId: capsuleId(), id: z.string(), pk: z.string() }),
    pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#ACCOUNT#${id}",
  });

// A field typed as a union (a schema chosen at runtime) passes only when every member would: here the chosen one
// is optional, and the runtime refuses it.
const strictIds = Number("0") === 1;
export const capsuleIdOptionalInOneMember = () =>
  defineEntity({
    name: "Entitlement",
    // expect-error: isolation.optionalField
    schema: z.object({ tenantId: tenantId(), capsuleId: strictIds ? capsuleId() : capsuleId().optional(), id: z.string() }),
    pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#ENTITLEMENT#${id}",
  });

// A pipe's output is the id's, but the id check is not on the field's own schema (the runtime's proof of the brand):
// found by the put-forms matrix (types-tests/put-forms.generated.test.ts), which compiled both.
export const pipedCapsuleId = () =>
  defineEntity({
    name: "SecurityGroup",
    // expect-error: isolation.wrongType
    schema: z.object({ tenantId: tenantId(), capsuleId: z.string().pipe(capsuleId()), id: z.string() }),
    pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#GROUP#${id}",
  });

export const transformedTenantIdOneLevelDown = () =>
  defineEntity({
    name: "SecurityGroup",
    // expect-error: isolation.wrongType
    schema: z.object({ ctx: z.object({ tenantId: tenantId().transform((id) => id), capsuleId: capsuleId() }), id: z.string() }),
    pk: "TENANT#${ctx.tenantId}#CAPSULE#${ctx.capsuleId}#GROUP#${id}",
  });

// A union's or an intersection's output is the id's too, without the id check on the field's own schema.
export const unionOfCapsuleIds = () =>
  defineEntity({
    name: "SecurityGroup",
    // expect-error: isolation.wrongType
    schema: z.object({ tenantId: tenantId(), capsuleId: z.union([capsuleId(), capsuleId(z.uuid())]), id: z.string() }),
    pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#GROUP#${id}",
  });

export const tenantIdIntersection = () =>
  defineEntity({
    name: "SecurityGroup",
    // expect-error: isolation.wrongType
    schema: z.object({ tenantId: z.intersection(tenantId(), z.string()), capsuleId: capsuleId(), id: z.string() }),
    pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#GROUP#${id}",
  });

export const capsuleIdOrNull = () =>
  defineEntity({
    name: "SecurityGroup",
    // expect-error: isolation.optionalField
    schema: z.object({ tenantId: tenantId(), capsuleId: capsuleId().or(z.null()), id: z.string() }),
    pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#GROUP#${id}",
  });

// z.custom checks what its function says, which no type can see: its output is the id's, the id check is not on it. It
// compiled, and the runtime said optionalField (no function: null passes) or wrongType (a function refusing null).
export const customCapsuleId = () =>
  defineEntity({
    name: "SecurityGroup",
    // expect-error: isolation.wrongType
    schema: z.object({ tenantId: tenantId(), capsuleId: z.custom<CapsuleId>(), id: z.string() }),
    pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#GROUP#${id}",
  });

export const customCapsuleIdWithACheck = () =>
  defineEntity({
    name: "SecurityGroup",
    // expect-error: isolation.wrongType
    schema: z.object({ tenantId: tenantId(), capsuleId: z.custom<CapsuleId>((id) => typeof id === "string"), id: z.string() }),
    pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#GROUP#${id}",
  });

// A union with z.undefined() is a union first (no id check on the field's own schema), as on both sides.
export const capsuleIdOrUndefined = () =>
  defineEntity({
    name: "SecurityGroup",
    // expect-error: isolation.wrongType
    schema: z.object({ tenantId: tenantId(), capsuleId: z.union([capsuleId(), z.undefined()]), id: z.string() }),
    pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#GROUP#${id}",
  });

// A union with a z.custom member: its type is the id's (the custom's), and a custom without a check takes undefined
// and null at runtime, which the runtime read as optional (optionalField) where the types said wrongType. A custom
// member decides it as a bare custom does: wrongType on both sides (session s20).
export const customOrCapsuleId = () =>
  defineEntity({
    name: "SecurityGroup",
    // expect-error: isolation.wrongType
    schema: z.object({ tenantId: tenantId(), capsuleId: z.union([z.custom<CapsuleId>(), capsuleId()]), id: z.string() }),
    pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#GROUP#${id}",
  });

// The same custom member in a union nested in the field's union: the runtime looked at the outer union's members only
// and read the nested custom as optional (optionalField) where the types say wrongType (found by the s20 verifier,
// types-tests/isolation-forms.generated.test.ts); a custom member at any depth of unions decides it now.
export const nestedCustomOrCapsuleId = () =>
  defineEntity({
    name: "SecurityGroup",
    // expect-error: isolation.wrongType
    schema: z.object({ tenantId: tenantId(), capsuleId: z.union([z.union([z.custom<CapsuleId>(), capsuleId()]), capsuleId()]), id: z.string() }),
    pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#GROUP#${id}",
  });
