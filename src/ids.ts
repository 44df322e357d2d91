import { z } from "zod";

declare const tenantIdBrand: unique symbol;
declare const capsuleIdBrand: unique symbol;

/**
 * A tenant id: a non-empty string without `#`, branded so it cannot be swapped with a {@link CapsuleId}.
 * Made only by parsing with {@link tenantId}.
 *
 * @example
 * const t: TenantId = tenantId().parse("acme");
 * const c: CapsuleId = t; // type error: a TenantId is not a CapsuleId
 * @see docs/patterns/branded-ids.md
 */
export type TenantId = string & { readonly [tenantIdBrand]: "TenantId" };

/**
 * A capsule id: a non-empty string without `#`, branded so it cannot be swapped with a {@link TenantId}.
 * Made only by parsing with {@link capsuleId}.
 *
 * @example
 * const c: CapsuleId = capsuleId().parse("c1");
 * @see docs/patterns/branded-ids.md
 */
export type CapsuleId = string & { readonly [capsuleIdBrand]: "CapsuleId" };

/**
 * The zod schema of a {@link TenantId}; what {@link tenantId} returns.
 *
 * @example
 * const Caller = z.object({ tenantId: tenantId(), capsuleId: capsuleId() }); // fields: TenantIdSchema, CapsuleIdSchema
 * @see docs/patterns/branded-ids.md
 */
export interface TenantIdSchema extends z.ZodType<TenantId, string> {}

/**
 * The zod schema of a {@link CapsuleId}; what {@link capsuleId} returns.
 *
 * @example
 * const schema: CapsuleIdSchema = capsuleId(z.uuid());
 * @see docs/patterns/branded-ids.md
 */
export interface CapsuleIdSchema extends z.ZodType<CapsuleId, string> {}

/**
 * The two isolation fields, by the names every isolated schema must use.
 *
 * @example
 * const fields: readonly IsolationFieldName[] = ["tenantId", "capsuleId"];
 * @see docs/patterns/capsule-isolation-checklist.md
 */
export type IsolationFieldName = "tenantId" | "capsuleId";

/**
 * One check per isolation field: it validates key safety (non-empty, no `#`) and, being a unique object that
 * zod copies into every derived schema (`.describe()`, `.min()`, `.meta()`), it also marks the schema as
 * this field's sanctioned type for the runtime twin of the brand check.
 */
const markers = {
  tenantId: keySafeCheck("tenantId"),
  capsuleId: keySafeCheck("capsuleId"),
} as const;

/**
 * The key-safety check of one isolation field (also a kit's, see defineIsolation): non-empty, no `#`.
 * A plain check, not `superRefine`: it reports the very issue `superRefine`'s `addIssue` would, without
 * attaching an `addIssue` closure to every payload (an allocation and a change of the payload's shape on each
 * parse, which made the parse of a schema with these fields several times slower).
 *
 * @example
 * const orgCheck = keySafeCheck("orgId"); // z.string().check(orgCheck) rejects "" and "a#b"
 */
export function keySafeCheck(field: string): z.core.$ZodCheck<string> {
  const empty = `${field} must not be empty`;
  const hash = `${field} must not contain "#"`;
  const check: z.core.$ZodCheck<string> = z.check<string>((payload) => {
    const value = payload.value;
    const message = value.length === 0 ? empty : value.includes("#") ? hash : undefined;
    if (message !== undefined)
      payload.issues.push({ code: "custom", message, input: value, inst: check, continue: true });
  });
  return check;
}

/**
 * The schema of a {@link TenantId}: a non-empty string without `#`, branded.
 * Pass an inner string schema to narrow the format.
 *
 * @example
 * z.object({ tenantId: tenantId(), capsuleId: capsuleId() })
 * tenantId(z.uuid()).parse("0b8e…") // TenantId
 * @see docs/patterns/branded-ids.md
 */
export function tenantId(inner: z.ZodType<string, string> = z.string()): TenantIdSchema {
  // The check narrows the runtime value exactly as the brand claims; only the type needs the cast.
  return inner.check(markers.tenantId) as unknown as TenantIdSchema;
}

/**
 * The schema of a {@link CapsuleId}: a non-empty string without `#`, branded.
 * Pass an inner string schema to narrow the format.
 *
 * @example
 * z.object({ tenantId: tenantId(), capsuleId: capsuleId(z.uuid()) })
 * @see docs/patterns/branded-ids.md
 */
export function capsuleId(inner: z.ZodType<string, string> = z.string()): CapsuleIdSchema {
  return inner.check(markers.capsuleId) as unknown as CapsuleIdSchema;
}

/** Whether a zod schema was made by `tenantId()` / `capsuleId()` (directly, not wrapped in optional etc.). */
export function isIsolationSchema(schema: z.core.$ZodType, field: IsolationFieldName): boolean {
  return schema._zod.def.checks?.includes(markers[field]) ?? false;
}
