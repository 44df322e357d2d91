// The holes the rule table (src/internal/schema-rules.ts) closed: forms the compiler accepted and the runtime
// refused, or both accepted and should not have. Each export throws the message the compiler printed; the safe
// neighbours are in types-tests/compile-pass/rules-table.ts. Rules no type can see (rewriting checks, byte
// limits, parseKey's values, E.item, owns) are tested at runtime in src/entity/rules-table.test.ts.
import { z } from "zod";
import { capsuleId, defineEntity, tenantId } from "capsule-entity";

const ids = { tenantId: tenantId(), capsuleId: capsuleId() };
const pk = "TENANT#${tenantId}#CAPSULE#${capsuleId}#N#${id}";
const dynamic: string = "N";

export const idInnerAny = () =>
  // expect-error: isolation.idInner
  tenantId(z.any());

export const idInnerCustom = () =>
  // expect-error: isolation.idInner
  capsuleId(z.custom<string>());

export const idInnerUnion = () =>
  // expect-error: isolation.idInner
  capsuleId(z.union([z.string(), z.string().min(1)]));

export const idInnerHashLiteral = () =>
  // expect-error: isolation.idInner
  tenantId(z.literal("a#b"));

export const idOptionalNonoptional = () =>
  defineEntity({
    name: "N",
    // expect-error: isolation.optionalField
    schema: z.object({ tenantId: tenantId(), capsuleId: capsuleId().optional().nonoptional(), id: z.string() }),
    pk,
  });

export const keyFieldTransform = () =>
  defineEntity({
    name: "N",
    schema: z.object({ ...ids, id: z.string(), code: z.string().transform((s) => s) }),
    pk,
    // expect-error: key.fieldForm
    sk: "CODE#${code}",
  });

export const keyFieldUnion = () =>
  defineEntity({
    name: "N",
    schema: z.object({ ...ids, id: z.string(), code: z.union([z.literal("a"), z.literal("b")]) }),
    pk,
    // expect-error: key.fieldForm
    sk: "CODE#${code}",
  });

export const keyFieldNan = () =>
  defineEntity({
    name: "N",
    schema: z.object({ ...ids, id: z.string(), code: z.nan() }),
    pk,
    // expect-error: key.fieldForm
    sk: "CODE#${code}",
  });

export const keyFieldCatch = () =>
  defineEntity({
    name: "N",
    schema: z.object({ ...ids, id: z.string(), code: z.string().catch("x") }),
    pk,
    // expect-error: key.fieldForm
    sk: "CODE#${code}",
  });

export const keyFieldCustom = () =>
  defineEntity({
    name: "N",
    schema: z.object({ ...ids, id: z.string(), code: z.custom<string>() }),
    pk,
    // expect-error: key.fieldForm
    sk: "CODE#${code}",
  });

export const keyFieldCoerced = () =>
  defineEntity({
    name: "N",
    schema: z.object({ ...ids, id: z.string(), code: z.coerce.number() }),
    pk,
    // expect-error: key.notScalar
    sk: "CODE#${code}",
  });

export const keyFieldOptionalNonoptional = () =>
  defineEntity({
    name: "N",
    schema: z.object({ ...ids, id: z.string(), code: z.string().optional().nonoptional() }),
    pk,
    // expect-error: key.notScalar
    sk: "CODE#${code}",
  });

export const keyFieldUnderNullableParent = () =>
  defineEntity({
    name: "N",
    schema: z.object({ ...ids, id: z.string(), meta: z.object({ code: z.string() }).nullable() }),
    pk,
    // expect-error: key.notScalar
    sk: "CODE#${meta.code}",
  });

export const zeroWidthReason = () =>
  defineEntity({
    name: "N",
    schema: z.object({ tenantId: tenantId(), id: z.string() }),
    pk: "TENANT#${tenantId}#N#${id}",
    // expect-error: isolation.missingReason
    isolation: { level: "tenant", reason: "\u200b" },
  });

export const whitespaceReason = () =>
  defineEntity({
    name: "N",
    schema: z.object({ tenantId: tenantId(), id: z.string() }),
    pk: "TENANT#${tenantId}#N#${id}",
    // expect-error: isolation.missingReason
    isolation: { level: "tenant", reason: " \t\n" },
  });

export const shortIndexName = () =>
  defineEntity({
    name: "N",
    schema: z.object({ ...ids, id: z.string() }),
    pk,
    indexes: {
      // expect-error: entity.indexName
      ab: { pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#BY#${id}" },
    },
  });

export const spaceInIndexName = () =>
  defineEntity({
    name: "N",
    schema: z.object({ ...ids, id: z.string() }),
    pk,
    indexes: {
      // expect-error: entity.indexName
      "by id": { pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#BY#${id}" },
    },
  });

export const emptySortKey = () =>
  defineEntity({
    name: "N",
    schema: z.object({ ...ids, id: z.string() }),
    pk,
    // expect-error: key.empty
    sk: "",
  });

export const emptyGlobalPk = () =>
  defineEntity({
    name: "N",
    schema: z.object({ id: z.string() }),
    // expect-error: key.empty
    pk: "",
    isolation: { level: "global", reason: "reference data" },
  });

export const indexPkTypedString = () =>
  defineEntity({
    name: "N",
    schema: z.object({ ...ids, id: z.string() }),
    pk,
    indexes: {
      // expect-error: key.notLiteral type-only
      byId: { pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#BY#${id}" as string },
    },
  });

export const stringTypedInterpolation = () =>
  defineEntity({
    name: "N",
    schema: z.object({ ...ids, id: z.string() }),
    // expect-error: key.notLiteral type-only
    pk: `TENANT#${"${tenantId}"}#CAPSULE#${"${capsuleId}"}#N#${dynamic}`,
  });
