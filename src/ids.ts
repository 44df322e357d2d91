import { z } from "zod";
import { EntityDefinitionError } from "./errors.js";
import type { IsolationFieldName } from "./internal/types.js";
import { idInnerRefusal, rewritesValue, type IdInnerRefusal } from "./internal/schema-rules.js";
import { idInnerMessage, rewrittenFieldMessage, type IdInnerMessage } from "./messages.js";

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

export type { IsolationFieldName };

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
    // A plain JS caller's inner schema may let a non-string through: refused, never a TypeError (see isRequired).
    if (typeof value !== "string") {
      payload.issues.push({ code: "custom", message: `${field} must be a string`, input: value, inst: check });
      return;
    }
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
export function tenantId(): TenantIdSchema;
export function tenantId<TInner extends z.ZodType<string, string>>(inner: IdInner<TInner, "tenantId">): TenantIdSchema;
// Two signatures: the common call without an inner schema instantiates no rule at all.
export function tenantId(inner?: unknown): TenantIdSchema {
  // The check narrows the runtime value exactly as the brand claims; only the type needs the cast.
  return checkedInner(inner, "tenantId").check(markers.tenantId) as unknown as TenantIdSchema;
}

/**
 * The schema of a {@link CapsuleId}: a non-empty string without `#`, branded.
 * Pass an inner string schema to narrow the format.
 *
 * @example
 * z.object({ tenantId: tenantId(), capsuleId: capsuleId(z.uuid()) })
 * @see docs/patterns/branded-ids.md
 */
export function capsuleId(): CapsuleIdSchema;
export function capsuleId<TInner extends z.ZodType<string, string>>(
  inner: IdInner<TInner, "capsuleId">,
): CapsuleIdSchema;
// Two signatures: the common call without an inner schema instantiates no rule at all.
export function capsuleId(inner?: unknown): CapsuleIdSchema {
  return checkedInner(inner, "capsuleId").check(markers.capsuleId) as unknown as CapsuleIdSchema;
}

/**
 * The inner schema of an id when the rule table accepts it (src/internal/schema-rules.ts), else the catalog
 * message: the compile error lands on the argument. Inferred through both branches, as defineEntity's checks are.
 *
 * @example
 * tenantId(z.uuid()); // IdInner<ZodUUID, "tenantId"> is ZodUUID
 * tenantId(z.any()); // error: "[isolation.idInner] tenantId() cannot wrap this schema, refused: …"
 * @see docs/patterns/branded-ids.md
 */
export type IdInner<TInner, TField extends string> = [IdInnerRefusal<TInner>] extends [never]
  ? TInner
  : NoInfer<TInner extends unknown ? IdInnerMessage<TField, IdInnerRefusal<TInner>> : never>;
/**
 * Runtime twin of {@link IdInner}: the inner schema (`z.string()` when none), or the same message thrown. `call` is
 * the id's constructor as messages name it: `tenantId`, or a kit's `ids.orgId`.
 */
export function checkedInner(inner: unknown, call: string): z.ZodType<string, string> {
  if (inner === undefined) return z.string();
  const schema = inner as z.ZodType<string, string>;
  const refusal = idInnerRefusal(schema);
  if (refusal !== undefined) throw new EntityDefinitionError(idInnerMessage(call, refusal));
  if (rewritesValue(schema, "id"))
    throw new EntityDefinitionError(rewrittenFieldMessage("the value of", `${call}()`, "its inner schema"));
  return schema;
}

/** Whether a zod schema was made by `tenantId()` / `capsuleId()` (directly, not wrapped in optional etc.). */
export function isIsolationSchema(schema: z.core.$ZodType, field: IsolationFieldName): boolean {
  return hasIdCheck(schema, markers[field]);
}

/**
 * Whether a zod schema carries an id's check (`markers`, or a kit's): directly, or through `.nonoptional()` (what
 * `.required()` adds). Not through `.readonly()`: its output type is `Readonly<TenantId>`, no longer the brand, so
 * the types refuse it and so does this.
 */
export function hasIdCheck(schema: z.core.$ZodType, check: z.core.$ZodCheck<string>): boolean {
  for (let current: z.core.$ZodType | undefined = schema; current !== undefined;) {
    const def = current._zod.def as { type: string; innerType?: z.core.$ZodType; checks?: z.core.$ZodCheck[] };
    if (def.checks?.includes(check)) return true;
    current = def.type === "nonoptional" ? def.innerType : undefined;
  }
  return false;
}
