/**
 * The isolation rules, each as a type and its runtime twin, with the same catalog message:
 * - rule 1, {@link LocateIsolationField} / {@link locateIsolationField}: where `tenantId` / `capsuleId` sit in a
 *   schema (top level or one level down, required, branded, in one place), or why not; for a whole schema and
 *   level, {@link ResolveIsolation} / {@link resolveIsolation} (the entity's and an event's `isolation`);
 * - rule 3, {@link MissingPrefix} / {@link checkKeyPrefix}: a partition template must start with the isolation
 *   prefix ({@link IsolationPrefix}), else the message with the user's template corrected (the match itself is
 *   in `CheckPartitionKey`);
 * - rule 3 for opt-outs, {@link CheckCapsulePartition} / {@link checkCapsulePartition}: a tenant- or global-level
 *   template must not be able to build a key inside a capsule's partition.
 */
import type { CapsuleId, CapsuleIdSchema, IsolationFieldName, TenantId, TenantIdSchema } from "../ids.js";
import { isIsolationSchema } from "../ids.js";
import { EntityDefinitionError } from "../errors.js";
import {
  ambiguousFieldMessage,
  fieldTooDeepMessage,
  missingFieldMessage,
  capsulePartitionMessage,
  missingPrefixMessage,
  optionalFieldMessage,
  rewrittenFieldMessage,
  wrongTypeMessage,
  type AmbiguousFieldMessage,
  type CapsulePartitionMessage,
  type FieldTooDeepMessage,
  defaultVocabulary,
  type MissingFieldMessage,
  type MissingPrefixMessage,
  type OptionalFieldMessage,
  type WrongTypeMessage,
} from "../messages.js";
import { rewritesValue } from "../internal/schema-rules.js";
import {
  isRequired,
  isRequiredParent,
  shapeOf,
  type IsRequiredParent,
  type Shape,
  type ShapeOf,
} from "../internal/zod-shape.js";
import type { IsUnion, Primitive } from "../internal/types.js";
import type { DefaultVocabulary, KitId, KitKey, NextLevel, Vocabulary } from "./vocabulary.js";

/**
 * The branded id type of a level field: `TenantId` / `CapsuleId` for the default kit. Here, not in vocabulary.ts,
 * which messages.ts reads: vocabulary.ts importing ids.ts would close the cycle ids → errors → messages.
 */
export type IdOf<TVocabulary extends Vocabulary, TField extends string> = TVocabulary["ids"] extends ""
  ? TField extends "tenantId"
    ? TenantId
    : CapsuleId
  : KitId<KitKey<TVocabulary["levels"]>, TField>;

/**
 * A vocabulary at runtime, with the check that tells its id schemas (`tenantId()`, a kit's `ids.orgId()`) from
 * any other string schema: the runtime's proof of the brand.
 *
 * @example
 * defaultKitVocabulary.isId(tenantId(), "tenantId"); //=> true
 * @see docs/patterns/isolation-vocabulary.md
 */
export interface KitVocabulary extends Vocabulary {
  isId(schema: Shape[string], field: string): boolean;
}
/** The default kit's runtime vocabulary. */
export const defaultKitVocabulary: KitVocabulary = {
  ...defaultVocabulary,
  isId: (schema, field) => isIsolationSchema(schema, field as IsolationFieldName),
};

/** Where the isolation fields were found: dotted paths such as `capsuleId` or `context.capsuleId`. */
export interface IsolationPaths {
  readonly tenantId?: string;
  readonly capsuleId?: string;
}

/** A rule violation carried through the type-level pipeline, distinguishable from a found path. */
export interface Failure<TMessage extends string> {
  readonly failure: TMessage;
}

// ── rule 1 ──────────────────────────────────────────────────────────────────────────────────────────────

/**
 * The object fields of a shape (under optional / nullable wrappers) as `[key, field]` pairs: computed once per
 * schema and shared by both isolation fields. Most schemas have none, so the search below is then free.
 */
export type NestedEntries<TShape extends Shape> = [TShape[keyof TShape]["_zod"]["output"]] extends [Primitive]
  ? never // fast path: no field is an object, so there is nothing to map
  : NestedObjectEntries<TShape>;
type NestedObjectEntries<TShape extends Shape> = {
  [TKey in keyof TShape]: TShape[TKey]["_zod"]["output"] extends Primitive // the common case, one check
    ? never
    : keyof ShapeOf<TShape[TKey]> extends never
      ? never
      : [TKey & string, TShape[TKey]];
}[keyof TShape];

/** Distributes over the nested entries: the keys whose object holds `TField`. */
type HoldersOf<TNested, TField extends string> = TNested extends [infer TKey extends string, infer TParent]
  ? TField extends keyof ShapeOf<TParent>
    ? TKey
    : never
  : never;

/**
 * Locates an isolation field. Result: its path, or a {@link Failure} with the message for the first problem
 * (in two places, missing, too deep, optional, wrong type).
 *
 * @example
 * type Where = LocateIsolationField<{ context: ZodObject<{ capsuleId: CapsuleIdSchema }> }, "capsuleId", "capsule">;
 * //=> "context.capsuleId"
 */
export type LocateIsolationField<
  TShape extends Shape,
  TField extends string,
  TLevel extends string,
  TNested = NestedEntries<TShape>,
  TVocabulary extends Vocabulary = DefaultVocabulary,
> = LocateIn<TShape, TField, TLevel, TNested, HoldersOf<TNested, TField>, TVocabulary>;

type LocateIn<
  TShape extends Shape,
  TField extends string,
  TLevel extends string,
  TNested,
  THolder extends string,
  TVocabulary extends Vocabulary,
> = TField extends keyof TShape
  ? [THolder] extends [never]
    ? LocateField<TShape[TField], TField, TField, TVocabulary>
    : Failure<AmbiguousFieldMessage<TField, AmbiguousPaths<TField, THolder>, TVocabulary>>
  : [THolder] extends [never]
    ? Failure<
        [DeepField<TNested, TField>] extends [never]
          ? MissingFieldMessage<TField, TLevel, TVocabulary>
          : FieldTooDeepMessage<TField, DeepField<TNested, TField>, TVocabulary>
      >
    : true extends IsUnion<THolder>
      ? Failure<AmbiguousFieldMessage<TField, AmbiguousPaths<TField, THolder>, TVocabulary>>
      : IsRequiredParent<TShape[THolder]> extends false
        ? Failure<OptionalFieldMessage<TField, `${THolder}.${TField}`, TVocabulary>>
        : null extends TShape[THolder]["_zod"]["output"]
          ? Failure<OptionalFieldMessage<TField, `${THolder}.${TField}`, TVocabulary>>
          : LocateField<
              ShapeOf<TShape[THolder]>[TField & keyof ShapeOf<TShape[THolder]>],
              TField,
              `${THolder}.${TField}`,
              TVocabulary
            >;

/** The `paths` part of the ambiguity message: both paths when they are two, else a summary (no union order). */
type AmbiguousPaths<TField extends string, THolder extends string> =
  true extends IsUnion<THolder>
    ? "several paths, in more than one nested object"
    : `${TField} and ${THolder}.${TField}`;
const ambiguousPaths = (field: string, holders: readonly string[]): string =>
  holders.length > 1 ? "several paths, in more than one nested object" : `${field} and ${holders[0] ?? ""}.${field}`;

/** The one path two levels down where the field sits after all, for the "too deep" message; else `never`. */
type DeepField<TNested, TField extends string> =
  DeepPaths<TNested, TField> extends infer TDeep extends string ? (true extends IsUnion<TDeep> ? never : TDeep) : never;
type DeepPaths<TNested, TField extends string> = TNested extends [infer TKey extends string, infer TParent]
  ? ShapeOf<TParent> extends infer TInner extends Shape
    ? HoldersOf<NestedEntries<TInner>, TField> extends infer TMiddle extends string
      ? `${TKey}.${TMiddle}.${TField}`
      : never
    : never
  : never;

/**
 * A field at a known path: the path when it is required and of the branded type, else a {@link Failure}. `.catch()` counts as optional: zod sets its
 * `optin` at runtime, though its declared type keeps the inner schema's. `z.lazy(() => capsuleId())`,
 * `z.string().pipe(capsuleId())`, `capsuleId().transform(…)` (a pipe too), `z.transform(…)`, `z.preprocess(…, capsuleId())`
 * (a pipe from a transform, whose runtime `optin` its type does not declare) and `z.custom<CapsuleId>(…)` are wrong
 * types: their output type is the id's, but the id check (the runtime's proof of the brand) is not on them (a
 * custom's own check, which no type sees, decides nothing: without one it takes `null` too, yet it is no id); so are `z.union([capsuleId(), …])`
 * (`z.xor`, `.or()`) and `z.intersection(capsuleId(), …)`, tested where the runtime tests the check, after the
 * optional and nullable tests (a union with `z.null()` is optional on both sides).
 */
export type LocateField<
  TSchema,
  TField extends string,
  TPath extends string,
  TVocabulary extends Vocabulary = DefaultVocabulary,
> = LocateUnwrapped<UnderNonoptional<TSchema>, TField, TPath, TVocabulary>;
/**
 * Under `.nonoptional()` wrappers (what `.required()` adds), as the runtime's brand check reads them: `.optional()
 * .nonoptional()` is still optional. Not under `.readonly()`, whose output `Readonly<TenantId>` is no brand.
 * Distributes over a union-typed field, one member at a time.
 */
type UnderNonoptional<TSchema> = TSchema extends { _zod: { def: { type: "nonoptional"; innerType: infer TInner } } }
  ? UnderNonoptional<TInner>
  : TSchema;
type LocateUnwrapped<
  TSchema,
  TField extends string,
  TPath extends string,
  TVocabulary extends Vocabulary,
> = TSchema extends { _zod: { optin: "optional" | "defaulted" } } | { _zod: { def: { type: "catch" } } }
  ? Failure<OptionalFieldMessage<TField, TPath, TVocabulary>>
  : TSchema extends { _zod: { def: { type: "lazy" | "pipe" | "custom" | "transform" } } }
    ? Failure<WrongTypeMessage<TField, TPath, TVocabulary>>
    : TSchema extends { _zod: { output: infer TOutput } }
      ? IsOpaque<TOutput> extends true
        ? Failure<WrongTypeMessage<TField, TPath, TVocabulary>>
        : null extends TOutput
          ? Failure<OptionalFieldMessage<TField, TPath, TVocabulary>>
          : [TOutput] extends [IdOf<TVocabulary, TField>]
            ? TSchema extends { _zod: { def: { type: "union" | "intersection" } } }
              ? Failure<WrongTypeMessage<TField, TPath, TVocabulary>>
              : TPath
            : Failure<WrongTypeMessage<TField, TPath, TVocabulary>>
      : Failure<WrongTypeMessage<TField, TPath, TVocabulary>>;
/** `any`, `unknown` and `never` say nothing about the value (and pass or fail every check): a wrong type. */
type IsOpaque<TOutput> = [TOutput] extends [never] ? true : unknown extends TOutput ? true : false;

/** Runtime twin of {@link LocateIsolationField}: returns the path, or throws its message. */
export function locateIsolationField(
  shape: Shape,
  field: string,
  level: string,
  vocabulary: KitVocabulary = defaultKitVocabulary,
): string {
  const holders = Object.keys(shape).filter((key) => Object.hasOwn(shapeOf(shape[key]!), field));
  const top = Object.hasOwn(shape, field) ? shape[field] : undefined;
  if (top !== undefined) {
    if (holders.length > 0)
      throw new EntityDefinitionError(ambiguousFieldMessage(field, ambiguousPaths(field, holders), vocabulary));
    return checkField(top, field, field, vocabulary);
  }
  const [holder, ...others] = holders;
  if (holder === undefined) {
    const deep = deepField(shape, field);
    throw new EntityDefinitionError(
      deep === undefined ? missingFieldMessage(field, level, vocabulary) : fieldTooDeepMessage(field, deep, vocabulary),
    );
  }
  if (others.length > 0)
    throw new EntityDefinitionError(ambiguousFieldMessage(field, ambiguousPaths(field, holders), vocabulary));
  const path = `${holder}.${field}`;
  const parent = shape[holder]!;
  if (!isRequiredParent(parent) || !isRequired(parent))
    throw new EntityDefinitionError(optionalFieldMessage(field, path, vocabulary));
  if (rewritesValue(parent, "key"))
    throw new EntityDefinitionError(rewrittenFieldMessage(`${field} at`, path, `its parent object ${holder}`));
  return checkField(shapeOf(parent)[field]!, field, path, vocabulary);
}

function deepField(shape: Shape, field: string): string | undefined {
  const found = Object.keys(shape).flatMap((key) => {
    const middle = shapeOf(shape[key]!);
    return Object.keys(middle)
      .filter((inner) => Object.hasOwn(shapeOf(middle[inner]!), field))
      .map((inner) => `${key}.${inner}.${field}`);
  });
  return found.length === 1 ? found[0] : undefined;
}

/**
 * Same order as {@link LocateField}: optional or defaulted (as the type declares it), a wrong kind ({@link wrongKinds}),
 * nullable, unbranded.
 */
function checkField(schema: Shape[string], field: string, path: string, vocabulary: KitVocabulary): string {
  let decided = schema; // under `.nonoptional()`, as UnderNonoptional
  while (decided._zod.def.type === "nonoptional")
    decided = (decided._zod.def as unknown as { innerType: Shape[string] }).innerType;
  if (declaredOptin(decided) !== undefined || decided._zod.def.type === "catch")
    throw new EntityDefinitionError(optionalFieldMessage(field, path, vocabulary));
  if (wrongKinds.has(decided._zod.def.type)) throw new EntityDefinitionError(wrongTypeMessage(field, path, vocabulary));
  // A union with a `z.custom` member: its type is the members' outputs (the id's, for `z.union([z.custom<Id>(), id])`),
  // which the types refuse as a union (wrongType); a custom without a check takes `undefined` and `null`, which would
  // read as optional below. The custom decides it, as a bare one does. (The runtime cannot read a custom's type: a
  // `z.custom<Id | null>()` member, which the types call optional, is wrongType here too.)
  if (hasCustomMember(decided)) throw new EntityDefinitionError(wrongTypeMessage(field, path, vocabulary));
  if (!isRequired(schema)) throw new EntityDefinitionError(optionalFieldMessage(field, path, vocabulary));
  if (!vocabulary.isId(schema, field)) throw new EntityDefinitionError(wrongTypeMessage(field, path, vocabulary));
  if (rewritesValue(schema, "id"))
    throw new EntityDefinitionError(rewrittenFieldMessage(`${field} at`, path, "its schema"));
  return path;
}
/** Whether a union schema has a `z.custom` member, itself or in a union nested in it (`z.union([z.union([z.custom<Id>(), id]), id])`). */
const hasCustomMember = (schema: Shape[string]): boolean =>
  schema._zod.def.type === "union" &&
  (schema._zod.def as unknown as { readonly options: readonly Shape[string][] }).options.some(
    (member) => member._zod.def.type === "custom" || hasCustomMember(member),
  );
/**
 * A schema's `optin` as its type declares it ({@link LocateField} reads that): zod also sets it at runtime on a
 * transform (`z.transform`, the `in` of `z.preprocess`) and on a `.catch()`, whose types keep it unset or their inner
 * schema's, and a pipe takes its `in`'s.
 */
function declaredOptin(schema: Shape[string]): string | undefined {
  const def = schema._zod.def as {
    readonly type: string;
    readonly in?: Shape[string];
    readonly innerType?: Shape[string];
  };
  if (def.type === "pipe") return declaredOptin(def.in!);
  if (def.type === "catch") return declaredOptin(def.innerType!);
  return def.type === "transform" ? undefined : schema._zod.optin;
}
/**
 * Wrong types by their kind, as {@link LocateField} tests them, before a nullable one: schemas whose type says nothing
 * of the value, `z.custom` (whose check, if any, no type sees), and those whose output type is the id's while the id
 * check is not on them (lazy, pipe — `.transform(…)`, `z.preprocess` — and a bare transform).
 */
const wrongKinds: ReadonlySet<string> = new Set(["any", "unknown", "never", "custom", "lazy", "pipe", "transform"]);

// ── rule 3 ──────────────────────────────────────────────────────────────────────────────────────────────

/** The prefix a key template must start with: `TENANT#${tenant path}#CAPSULE#${capsule path}` for capsule isolation. */
export type IsolationPrefix<TTenant extends string, TCapsule extends string | undefined> = TCapsule extends string
  ? `TENANT#\${${TTenant}}#CAPSULE#\${${TCapsule}}`
  : `TENANT#\${${TTenant}}`;

/**
 * One level of an isolation prefix: its label, where its field sits in the schema, and the field's name (the
 * last segment of the path), which is also the name of the level's scope id.
 *
 * @example
 * const org: PrefixLevel = { label: "ORG", path: "ctx.orgId", field: "orgId" };
 */
export interface PrefixLevel {
  readonly label: string;
  readonly path: string;
  readonly field: string;
}
/** The levels of a prefix (`ORG#${orgId}#WS#${ctx.workspaceId}`), outermost first: any kit's prefix reads so. */
export function prefixLevels(prefix: string): readonly PrefixLevel[] {
  return [...prefix.matchAll(/([^#]+)#\$\{([^}]+)\}/g)].map(([, label, path]) => ({
    label: label!,
    path: path!,
    field: path!.slice(path!.lastIndexOf(".") + 1),
  }));
}

/** The top-level attributes holding a prefix's ids (`ctx` for `${ctx.orgId}`), outermost first. */
export const isolationFieldsOf = (prefix: string): readonly string[] =>
  prefixLevels(prefix).map((level) => level.path.split(".")[0]!);

/**
 * The start of every partition key value under a prefix, each placeholder a `string`:
 * `TENANT#${string}#CAPSULE#${string}`. Tail-recursive over the prefix's `label#${path}` pairs (any vocabulary).
 */
export type PrefixKeyType<
  TPrefix extends string,
  TDone extends string = "",
> = TPrefix extends `${infer TLabel}\${${string}}${infer TRest}`
  ? PrefixKeyType<TRest, `${TDone}${TLabel}${string}`>
  : TDone;

/**
 * The catalog message for a partition template that does not start with the prefix and then end or continue
 * with `#`: the user's template corrected (isolation segments moved to the front, the rest kept). The check
 * itself is one template-literal match in `CheckPartitionKey`; {@link checkKeyPrefix} is its runtime twin.
 */
export type MissingPrefix<
  TTemplate extends string,
  TProperty extends string,
  TPrefix extends string,
> = MissingPrefixMessage<TProperty, TPrefix, Corrected<TTemplate, TPrefix>>;
export function checkKeyPrefix(template: string, property: string, prefix: string): void {
  if (template === prefix || template.startsWith(`${prefix}#`)) return;
  throw new EntityDefinitionError(missingPrefixMessage(property, prefix, corrected(template, prefix)));
}

/** The prefix, then the template's segments that are not isolation labels or placeholders of the prefix. */
type Corrected<TTemplate extends string, TPrefix extends string> =
  KeptSegments<TTemplate, PrefixSegments<TPrefix>> extends infer TKept extends string
    ? TKept extends ""
      ? TPrefix
      : `${TPrefix}#${TKept}`
    : never;
function corrected(template: string, prefix: string): string {
  const dropped = new Set(prefix.split("#"));
  const kept = template.split("#").filter((segment) => !dropped.has(segment) && !dropped.has(segment.toUpperCase()));
  return kept.length === 0 ? prefix : `${prefix}#${kept.join("#")}`;
}

/** The `#`-segments of a prefix, as a union. */
type PrefixSegments<TPrefix extends string> = TPrefix extends `${infer THead}#${infer TTail}`
  ? THead | PrefixSegments<TTail>
  : TPrefix;

/** Tail-recursive: the template's segments minus `TDropped` (labels compared upper-cased), re-joined with `#`. */
type KeptSegments<
  TRest extends string,
  TDropped extends string,
  TKept extends string = "",
> = TRest extends `${infer TSegment}#${infer TTail}`
  ? KeptSegments<TTail, TDropped, Keep<TSegment, TDropped, TKept>>
  : Keep<TRest, TDropped, TKept>;
type Keep<TSegment extends string, TDropped extends string, TKept extends string> = TSegment extends TDropped
  ? TKept
  : Uppercase<TSegment> extends TDropped
    ? TKept
    : TKept extends ""
      ? TSegment
      : `${TKept}#${TSegment}`;

// ── rule 3 for opt-outs ─────────────────────────────────────────────────────────────────────────────────

/**
 * Whether a partition template of an opted-out entity (any level but the innermost, or global) can build a key
 * inside the next level's partition (`TENANT#t#CAPSULE#c`, which capsule principals' LeadingKeys reach): when the
 * segment after the entity's prefix is the next level's label (`CAPSULE` after the tenant prefix, `TENANT` first
 * for a global entity) or holds a placeholder, and another segment follows. `TRest` is what follows the prefix,
 * or the whole template for the global level. Returns the message, or `TTemplate`.
 */
export type CheckCapsulePartition<
  TRest extends string,
  TTemplate extends string,
  TProperty extends string,
  TLevel extends string,
  TVocabulary extends Vocabulary = DefaultVocabulary,
> = (
  TLevel extends "global" ? TRest : TRest extends `#${infer TNext}` ? TNext : ""
) extends `${infer TSegment}#${string}`
  ? TSegment extends NextLevel<TVocabulary["levels"], TLevel>["label"] | `${string}\${${string}`
    ? CapsulePartitionMessage<TProperty, TLevel, TVocabulary>
    : TTemplate
  : TTemplate;
export function checkCapsulePartition(
  rest: string,
  property: string,
  level: string,
  vocabulary: Vocabulary = defaultVocabulary,
): void {
  const global = level === "global";
  if (!global && rest === "") return;
  const segments = (global ? rest : rest.slice(1)).split("#");
  const next = global
    ? vocabulary.levels[0]
    : vocabulary.levels[vocabulary.levels.findIndex((spec) => spec.name === level) + 1];
  const [segment] = segments;
  if (segments.length > 1 && (segment === next?.label || segment!.includes("${"))) {
    throw new EntityDefinitionError(capsulePartitionMessage(property, level, vocabulary));
  }
}

// ── rule 1 for a whole schema ───────────────────────────────────────────────────────────────────────────

/**
 * Where the isolation fields were found, and the prefix every partition key must start with: an entity's
 * `isolation` member.
 *
 * @example
 * RoleAssignment.isolation;
 * //=> { level: "capsule", tenant: "tenantId", capsule: "capsuleId", prefix: "TENANT#${tenantId}#CAPSULE#${capsuleId}" }
 * @see docs/patterns/nested-isolation-context.md
 */
export interface ResolvedIsolation {
  /** `IsolationLevel` for the default kit; a kit's level name or `"global"` for a kit's entity. */
  readonly level: string;
  readonly tenant?: string;
  readonly capsule?: string;
  readonly prefix?: string;
  /** A kit's entity: its kit's labels joined by `#` (`ORG#WS`), which brand its ids. */
  readonly kit?: string;
  /** A kit's entity: level field → where it sits in the schema (`{ orgId: "orgId", workspaceId: "ctx.workspaceId" }`). */
  readonly fields?: Readonly<Record<string, string>>;
  /** A kit's opted-out entity: the label of the level inside its own, whose partitions its keys must not reach. */
  readonly next?: string;
}

/**
 * Rule 1 for the level: the located isolation fields, or the failure to report on `schema` (or an event's
 * `detail`). A global entity returns at once: the schema's nested objects are looked up only for the levels
 * that need them.
 */
export type ResolveIsolation<TShape extends Shape, TLevel extends string> = TLevel extends "global"
  ? { readonly level: "global" }
  : TLevel extends "capsule"
    ? // Fast path, the common schema: both fields at the top level and no field an object (so neither can sit in
      // two places). It decides as the general search would, for a fraction of its cost. Both field checks must be
      // exactly the paths, both ways: one that fails in a member of a union-typed field is no pass, nor is `never`
      // (a field typed `never`, which the search resolves to `never`).
      // Known difference: the match distributes over a schema typed as a union of object schemas (one shape per
      // member, where the search sees one shape with the keys its members share). Keep it naked all the same:
      // `[TShape]`, `TShape & {}` or a union guard here change the constraint TypeScript computes for the `pk`
      // property while inferring, and a pk given as a `const` variable then widens to `string` (key.notLiteral).
      TShape extends { readonly tenantId: infer TTenant; readonly capsuleId: infer TCapsule }
      ? TShape[keyof TShape]["_zod"]["output"] extends Primitive
        ? [LocateIdField<TTenant, "tenantId">, LocateIdField<TCapsule, "capsuleId">, "tenantId", "capsuleId"] extends [
            "tenantId",
            "capsuleId",
            LocateIdField<TTenant, "tenantId">,
            LocateIdField<TCapsule, "capsuleId">,
          ]
          ? {
              readonly level: "capsule";
              readonly tenant: "tenantId";
              readonly capsule: "capsuleId";
              readonly prefix: "TENANT#${tenantId}#CAPSULE#${capsuleId}";
            }
          : LocateFields<TShape, TLevel, never>
        : LocateFields<TShape, TLevel, NestedEntries<TShape>>
      : SearchFields<TShape, TLevel>
    : SearchFields<TShape, TLevel>;
/**
 * The search of a schema the fast path does not take. A loose shape (zod's `$ZodLooseShape`, `Record<string, any>`:
 * what TypeScript resolves while it infers a definition whose schema it has not inferred yet, once per program at the
 * first entity, or a schema typed so) fails at once: the search found `tenantId` there and, its schema being `any`,
 * failed it both as optional and as a wrong type ({@link LooseShapeFailure} says the latter), after walking the
 * shape's nested objects and the field's holders (the first entity of a program: −130 instantiations,
 * docs/benchmarks-typecost.md, session s12). Tested here, past the fast path, so that the common schema pays nothing.
 */
type SearchFields<TShape extends Shape, TLevel extends string> =
  LooseShape<TShape> extends true
    ? LooseShapeFailure<"tenantId", DefaultVocabulary>
    : LocateFields<TShape, TLevel, NestedEntries<TShape>>;
/** Whether a shape is zod's `$ZodLooseShape`, `Record<string, any>`: every field `any`. */
export type LooseShape<TShape extends Shape> = string extends keyof TShape
  ? 0 extends 1 & TShape[string]
    ? true
    : false
  : false;
/** Rule 1's answer for a loose shape (any kit): the outermost level's field is not its branded id. */
export type LooseShapeFailure<TField extends string, TVocabulary extends Vocabulary> = Failure<
  WrongTypeMessage<TField, TField, TVocabulary>
>;
/**
 * The fast path's field check: `tenantId()` / `capsuleId()` as they return, related both ways to the id schema (one
 * identity check for the type every entity of a program shares; `any` relates both ways too, hence its test), else
 * the full check. Spares relating the id schema to every wrapper's shape in `LocateUnwrapped`, once per program.
 * Without `strictNullChecks` (`null` then extends every type, the field's literal name included) every field reads as
 * optional, which only the full check reports (`isolation.optionalField`, types-tests/editor.test.ts).
 */
type LocateIdField<TSchema, TField extends IsolationFieldName> = null extends TField
  ? LocateField<TSchema, TField, TField>
  : [TSchema] extends [IdSchema<TField>]
    ? [IdSchema<TField>] extends [TSchema]
      ? 0 extends 1 & TSchema
        ? LocateField<TSchema, TField, TField>
        : TField
      : LocateField<TSchema, TField, TField>
    : LocateField<TSchema, TField, TField>;
/** The default kit's id schema of a field. */
type IdSchema<TField extends IsolationFieldName> = TField extends "tenantId" ? TenantIdSchema : CapsuleIdSchema;
/** Tenant first (one error per mistake), then capsule, both sharing the schema's nested objects. */
type LocateFields<TShape extends Shape, TLevel extends string, TNested> =
  LocateIsolationField<TShape, "tenantId", TLevel, TNested> extends infer TTenant
    ? TTenant extends string
      ? TLevel extends "tenant"
        ? { readonly level: "tenant"; readonly tenant: TTenant; readonly prefix: IsolationPrefix<TTenant, undefined> }
        : LocateIsolationField<TShape, "capsuleId", TLevel, TNested> extends infer TCapsule
          ? TCapsule extends string
            ? {
                readonly level: "capsule";
                readonly tenant: TTenant;
                readonly capsule: TCapsule;
                readonly prefix: IsolationPrefix<TTenant, TCapsule>;
              }
            : TCapsule
          : never
      : TTenant
    : never;

/**
 * Runtime twin of {@link ResolveIsolation} (and of a kit's resolution): the levels' fields located outermost
 * first, one error per mistake. The default kit's result names each path by its level (`tenant`, `capsule`); a
 * kit's by its field, beside the kit's labels.
 */
export function resolveIsolation(
  shape: Shape,
  level: string,
  vocabulary: KitVocabulary = defaultKitVocabulary,
): ResolvedIsolation {
  if (level === "global") return { level };
  const levels = vocabulary.levels.slice(0, vocabulary.levels.findIndex((spec) => spec.name === level) + 1);
  const paths = levels.map((spec) => locateIsolationField(shape, spec.field, level, vocabulary));
  const prefix = levels.map((spec, index) => `${spec.label}#\${${paths[index]!}}`).join("#");
  if (vocabulary.ids === "")
    return { level, ...Object.fromEntries(levels.map((spec, index) => [spec.name, paths[index]])), prefix };
  const kit = vocabulary.levels.map((spec) => spec.label).join("#");
  const fields = Object.fromEntries(levels.map((spec, index) => [spec.field, paths[index]!]));
  const next = vocabulary.levels[levels.length]?.label;
  return next === undefined ? { level, kit, fields, prefix } : { level, kit, fields, prefix, next };
}
