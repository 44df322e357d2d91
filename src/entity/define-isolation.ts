/**
 * `defineIsolation({ levels })`: a kit (`defineEntity`, `defineEvent`, `ids`, `leadingKeysPolicy`) built from
 * the team's own isolation vocabulary, one to three levels such as `ORG#${orgId}#WS#${workspaceId}`. The kit's
 * rules are the default kit's (vocabulary.ts has the vocabulary's types): the same type-level checks, run with
 * the kit's levels, fields and labels, and the same runtime twins, given the kit's runtime vocabulary.
 *
 * A malformed vocabulary is a type error on the offending level (its `name`, `field` or `label`), and
 * `defineIsolation` throws the same message at runtime. `defineIsolation` itself is in src/kit.ts, beside the
 * default kit's `defineEntity`: it adds the entities' scopes and events, which entity/ does not import.
 */
import { z } from "zod";
import { EntityDefinitionError } from "../errors.js";
import { checkedInner, hasIdCheck, keySafeCheck, type IdInner } from "../ids.js";
import {
  duplicateLevelMessage,
  levelCountMessage,
  levelFieldMessage,
  levelLabelMessage,
  levelNameMessage,
  levelReservedFieldMessage,
  levelReservedNameMessage,
  type DuplicateLevelMessage,
  type LevelCountMessage,
  type LevelFieldMessage,
  type LevelLabelMessage,
  type LevelNameMessage,
  type LevelReservedFieldMessage,
  type LevelReservedNameMessage,
} from "../messages.js";
import type { InferredObjectSchema, Shape } from "../internal/zod-shape.js";
import {
  type AnyObjectSchema,
  type AsResolved,
  type Entity,
  type EntityDefinition,
  type EntityTable,
  type IndexDefinition,
  type LevelOf,
  type PrefixOf,
  type TemplatesOf,
  type KeyInputOf,
} from "./define-entity.js";
import type { Digit, UpperLetter } from "../internal/schema-rules.js";
import type {
  KitVocabulary,
  LocateField,
  LocateIsolationField,
  LooseShape,
  LooseShapeFailure,
  NestedEntries,
  ResolvedIsolation,
} from "./isolation.js";
import type { Primitive } from "../internal/types.js";
import type {
  InnermostLevel,
  IsolationLevelSpec,
  KitId,
  KitKey,
  LevelNames,
  Levels,
  LevelsDownTo,
  NextLevel,
  OuterLevels,
  Vocabulary,
} from "./vocabulary.js";

// ── the vocabulary check ───────────────────────────────────────────────────────────────────────────────

type IdentifierStart = UpperLetter | Lowercase<UpperLetter> | "_" | "$";

/** Whether every character of `TText` is one of `TChars` (true for ""). */
type AllOf<TText extends string, TChars extends string> = TText extends `${infer THead}${infer TTail}`
  ? THead extends TChars
    ? AllOf<TTail, TChars>
    : false
  : true;
/** Whether `TText` is one `TFirst` character followed by `TRest` characters. */
type IsWord<
  TText extends string,
  TFirst extends string,
  TRest extends string,
> = TText extends `${infer THead}${infer TTail}` ? (THead extends TFirst ? AllOf<TTail, TRest> : false) : false;
const labelPattern = /^[A-Z][A-Z0-9_]*$/;

/**
 * Names every object inherits: a level name or field among them would be found on any object (scope ids, items,
 * lookups by level), as `__proto__` was, which no object literal can even hold.
 */
const inheritedNames = [
  "__proto__",
  "constructor",
  "hasOwnProperty",
  "isPrototypeOf",
  "propertyIsEnumerable",
  "toLocaleString",
  "toString",
  "valueOf",
  "__defineGetter__",
  "__defineSetter__",
  "__lookupGetter__",
  "__lookupSetter__",
] as const;
/** The attributes every stored item keeps for its keys and type: a schema may not declare them (define-entity.ts). */
const itemAttributes = ["pk", "sk", "entityType"] as const;
type InheritedName = (typeof inheritedNames)[number];
type ReservedField = InheritedName | (typeof itemAttributes)[number];
const reservedFields: ReadonlySet<string> = new Set<string>([...inheritedNames, ...itemAttributes]);
const identifierPattern = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** The levels before index `TIndex` (a tuple index such as `"1"`). */
type Before<
  TLevels extends readonly unknown[],
  TIndex extends string,
  TDone extends unknown[] = [],
> = `${TDone["length"]}` extends TIndex
  ? TDone[number]
  : TLevels extends readonly [infer THead, ...infer TTail]
    ? Before<TTail, TIndex, [...TDone, THead]>
    : TDone[number];

/** One level checked: itself, or the same shape with the message on the offending property. */
type CheckLevel<TLevel, TOuter> = TLevel extends {
  readonly name: infer TName extends string;
  readonly field: infer TField extends string;
  readonly label: infer TLabel extends string;
}
  ? TName extends "" | "global"
    ? { readonly name: LevelNameMessage<TName>; readonly field: TField; readonly label: TLabel }
    : TName extends InheritedName
      ? { readonly name: LevelReservedNameMessage<TName>; readonly field: TField; readonly label: TLabel }
      : TName extends (TOuter extends IsolationLevelSpec ? TOuter["name"] : never)
        ? { readonly name: DuplicateLevelMessage<"name", TName>; readonly field: TField; readonly label: TLabel }
        : IsWord<TField, IdentifierStart, IdentifierStart | Digit> extends false
          ? { readonly name: TName; readonly field: LevelFieldMessage<TName, TField>; readonly label: TLabel }
          : TField extends ReservedField
            ? { readonly name: TName; readonly field: LevelReservedFieldMessage<TName, TField>; readonly label: TLabel }
            : TField extends (TOuter extends IsolationLevelSpec ? TOuter["field"] : never)
              ? { readonly name: TName; readonly field: DuplicateLevelMessage<"field", TField>; readonly label: TLabel }
              : IsWord<TLabel, UpperLetter, UpperLetter | Digit | "_"> extends false
                ? { readonly name: TName; readonly field: TField; readonly label: LevelLabelMessage<TName, TLabel> }
                : TLabel extends (TOuter extends IsolationLevelSpec ? TOuter["label"] : never)
                  ? {
                      readonly name: TName;
                      readonly field: TField;
                      readonly label: DuplicateLevelMessage<"label", TLabel>;
                    }
                  : TLevel
  : TLevel;

/**
 * The `levels` of {@link defineIsolation}, checked: themselves when well-formed (inference reads `TLevels`
 * through that branch); else no level is a message on `levels`, a fourth level is the message in its place,
 * and each level is checked against the levels outside it, the message on its offending property.
 *
 * @example
 * type Checked = CheckLevels<[{ name: "org"; field: "orgId"; label: "org" }]>;
 * //=> [{ name: "org"; field: "orgId"; label: "[vocabulary.label] level org label \"org\" does not match …" }]
 * @see docs/patterns/isolation-vocabulary.md
 */
export type CheckLevels<TLevels extends readonly IsolationLevelSpec[]> =
  // One bracketed test, whose true branch is `TLevels` itself: a naked `TLevels extends readonly []` first would
  // lose the const (tuple) inference of the levels.
  [TLevels] extends [EachLevelChecked<TLevels> & readonly [unknown, ...unknown[]]]
    ? TLevels
    : NoInfer<TLevels extends readonly [] ? LevelCountMessage<0> : EachLevelChecked<TLevels>>;
type EachLevelChecked<TLevels extends readonly IsolationLevelSpec[]> = {
  readonly [TIndex in keyof TLevels]: TIndex extends "0" | "1" | "2"
    ? CheckLevel<TLevels[TIndex], Before<TLevels, TIndex>>
    : LevelCountMessage<TLevels["length"]>;
};

/** Runtime twin of {@link CheckLevels}: the levels, or the message of the first problem. */
function checkLevels(levels: unknown): readonly IsolationLevelSpec[] {
  if (!Array.isArray(levels) || levels.length === 0 || levels.length > 3)
    throw new EntityDefinitionError(levelCountMessage(Array.isArray(levels) ? levels.length : 0));
  const checked: IsolationLevelSpec[] = [];
  for (const level of levels as readonly Partial<Record<keyof IsolationLevelSpec, unknown>>[]) {
    const [name, field, label] = [String(level?.name ?? ""), String(level?.field ?? ""), String(level?.label ?? "")];
    if (name === "" || name === "global") throw new EntityDefinitionError(levelNameMessage(name));
    if ((inheritedNames as readonly string[]).includes(name))
      throw new EntityDefinitionError(levelReservedNameMessage(name));
    if (checked.some((outer) => outer.name === name))
      throw new EntityDefinitionError(duplicateLevelMessage("name", name));
    if (!identifierPattern.test(field)) throw new EntityDefinitionError(levelFieldMessage(name, field));
    if (reservedFields.has(field)) throw new EntityDefinitionError(levelReservedFieldMessage(name, field));
    if (checked.some((outer) => outer.field === field))
      throw new EntityDefinitionError(duplicateLevelMessage("field", field));
    if (!labelPattern.test(label)) throw new EntityDefinitionError(levelLabelMessage(name, label));
    if (checked.some((outer) => outer.label === label))
      throw new EntityDefinitionError(duplicateLevelMessage("label", label));
    checked.push(Object.freeze({ name, field, label }));
  }
  return Object.freeze(checked);
}

// ── a kit's entities ───────────────────────────────────────────────────────────────────────────────────

/**
 * A kit's vocabulary: its levels, its ids spelled `ids.<field>()` in messages, and rule 1 planned per level
 * (`LevelPlan`). An interface instantiated once per kit: its `plans` are computed when first read, then
 * shared by every entity and event of the kit.
 */
export interface KitVocabularyOf<TLevels extends readonly IsolationLevelSpec[]> extends PlannedVocabulary {
  readonly levels: TLevels;
  readonly ids: "ids.";
  readonly plans: {
    readonly [TName in TLevels[number]["name"]]: LevelPlanOf<
      LevelsDownTo<TLevels, TName>,
      TName,
      KitVocabularyOf<TLevels>
    >;
  };
}

/**
 * Rule 1 for one level of a kit, worked out once per kit: the levels down to it (outermost first) and their
 * fields (`never` past the level, so that every plan has three), and the resolution of a schema that holds each
 * field at its top level, branded as the kit's id. An entity whose schema is such, with no object field (so that
 * no field can sit in two places), resolves to that very type: one indexed access per field, where the search
 * ({@link LocateLevels}) walks the levels, the schema's nested objects and the fields' holders.
 *
 * @example
 * type Plan = OrgKit["plans"]["workspace"];
 * //=> { levels: [org, workspace]; fields: ["orgId", "workspaceId", never]; resolved: { level: "workspace"; … } }
 */
export interface LevelPlan {
  readonly levels: readonly IsolationLevelSpec[];
  readonly fields: readonly [string, string, string];
  /** A `ResolvedIsolation`, which the compiler cannot prove of the search's generic result. */
  readonly resolved: unknown;
}
/** A vocabulary with its levels planned: a kit's ({@link KitVocabularyOf}). */
export interface PlannedVocabulary extends Vocabulary {
  readonly plans: { readonly [TName in string]: LevelPlan };
}
type LevelPlanOf<
  TLevels extends readonly IsolationLevelSpec[],
  TLevel extends string,
  TVocabulary extends Vocabulary,
> = {
  readonly levels: TLevels;
  readonly fields: [FieldAt<TLevels, 0>, FieldAt<TLevels, 1>, FieldAt<TLevels, 2>];
  // The search itself, told that every field is at the top level: the same type it gives such a schema.
  readonly resolved: LocateLevels<TopLevelFields, TLevel, TLevels, TVocabulary, never>;
};
type FieldAt<
  TLevels extends readonly IsolationLevelSpec[],
  TIndex extends number,
> = TLevels[TIndex] extends IsolationLevelSpec ? TLevels[TIndex]["field"] : never;

/**
 * The isolation of a kit's entity: the innermost level (the default), or an opt-out to an outer level or
 * `global` with a reason.
 *
 * @example
 * isolation: { level: "org", reason: "org-wide billing settings" }
 * @see docs/patterns/isolation-opt-outs.md
 */
export type KitIsolationInput<TVocabulary extends Vocabulary> =
  | InnermostLevel<TVocabulary>
  // Any other level name is taken too, so that the check can say what is wrong with it on `level` (CheckIsolation).
  | { readonly level: OuterLevels<TVocabulary> | "global" | (string & {}); readonly reason: string };

/**
 * Rule 1 for a kit's entity: each level's field located (outermost first, one error per mistake), then the
 * kit's labels, the fields' paths and the prefix; or the failure to report on `schema`.
 *
 * @example
 * type Resolved = ResolveKitIsolation<typeof Doc.schema.shape, "workspace", OrgKit>;
 * //=> { level: "workspace"; kit: "ORG#WS"; fields: { orgId: "orgId" } & { workspaceId: "workspaceId" }; prefix: "ORG#${orgId}#WS#${workspaceId}" }
 */
export type ResolveKitIsolation<
  TShape extends Shape,
  TLevel extends string,
  TVocabulary extends PlannedVocabulary,
> = TLevel extends "global"
  ? { readonly level: "global" }
  : PlannedIsolation<TShape, TLevel, TVocabulary["plans"][TLevel], TVocabulary>;
/**
 * The level's plan when the schema is the planned one: no field an object, and each level's field at the top
 * level, located (both ways: a field that fails in one member of a union, or is typed `never`, is no pass; an
 * absent field indexes as `never`, which its own name is not). Else the search, for the message.
 *
 * Written so that the field checks are computed once per kit and field schema, not once per entity (as the default
 * kit's fast path is, in `ResolveIsolation`): the fields' schemas are inferred first (`T0`…`T2`), and the two
 * tuples of checks name only them, the plan and the vocabulary. Such a tuple, with its elements written out (no
 * `...TPlan["fields"]`: a tuple with a spread is built eagerly), is a deferred type that TypeScript caches by the
 * type parameters it may reference, and a conditional whose `extends` clause names `TShape` makes every type below
 * it "may reference TShape": hence the wide-shape test through `WideShape`. −16 instantiations per entity
 * (docs/benchmarks-typecost.md). A wide shape that is zod's loose one (what inference resolves before the schema is
 * inferred) fails at once, as the search would on its first level's field (`LooseShapeFailure`, isolation.ts).
 */
type PlannedIsolation<
  TShape extends Shape,
  TLevel extends string,
  TPlan extends LevelPlan,
  TVocabulary extends Vocabulary,
> = [TShape[keyof TShape]["_zod"]["output"]] extends [Primitive]
  ? WideShape<TShape> extends true
    ? LooseShape<TShape> extends true
      ? LooseShapeFailure<TPlan["fields"][0], TVocabulary>
      : LocateLevels<TShape, TLevel, TPlan["levels"], TVocabulary, never>
    : [
          TShape[TPlan["fields"][0] & keyof TShape],
          TShape[TPlan["fields"][1] & keyof TShape],
          TShape[TPlan["fields"][2] & keyof TShape],
        ] extends [infer T0, infer T1, infer T2]
      ? [
          LocateField<T0, TPlan["fields"][0], TPlan["fields"][0], TVocabulary>,
          LocateField<T1, TPlan["fields"][1], TPlan["fields"][1], TVocabulary>,
          LocateField<T2, TPlan["fields"][2], TPlan["fields"][2], TVocabulary>,
          TPlan["fields"][0],
          TPlan["fields"][1],
          TPlan["fields"][2],
        ] extends [
          TPlan["fields"][0],
          TPlan["fields"][1],
          TPlan["fields"][2],
          LocateField<T0, TPlan["fields"][0], TPlan["fields"][0], TVocabulary>,
          LocateField<T1, TPlan["fields"][1], TPlan["fields"][1], TVocabulary>,
          LocateField<T2, TPlan["fields"][2], TPlan["fields"][2], TVocabulary>,
        ]
        ? TPlan["resolved"]
        : LocateLevels<TShape, TLevel, TPlan["levels"], TVocabulary, never>
      : never
  : LocateLevels<TShape, TLevel, TPlan["levels"], TVocabulary, NestedEntries<TShape>>;
/** Whether a shape has an index signature (`$ZodLooseShape`, what inference sees before the schema is known). */
type WideShape<TShape extends Shape> = string extends keyof TShape ? true : false;
/** What {@link LevelPlanOf} gives the search for a shape: it then takes each level's field as found at the top level. */
interface TopLevelFields extends Shape {
  readonly [topLevelFields]: never;
}
declare const topLevelFields: unique symbol;
/** Tail-recursive over the levels down to the entity's, accumulating the fields' paths and the prefix. */
type LocateLevels<
  TShape extends Shape,
  TLevel extends string,
  TLevels extends readonly IsolationLevelSpec[],
  TVocabulary extends Vocabulary,
  TNested,
  TFields = {},
  TPrefix extends string = "",
> = TLevels extends readonly [infer THead extends IsolationLevelSpec, ...infer TTail extends IsolationLevelSpec[]]
  ? (
      TShape extends TopLevelFields
        ? THead["field"]
        : LocateIsolationField<TShape, THead["field"], TLevel, TNested, TVocabulary>
    ) extends infer TPath
    ? TPath extends string
      ? LocateLevels<
          TShape,
          TLevel,
          TTail,
          TVocabulary,
          TNested,
          TFields & { readonly [TField in THead["field"]]: TPath },
          `${TPrefix extends "" ? "" : `${TPrefix}#`}${THead["label"]}#\${${TPath}}`
        >
      : TPath
    : never
  : TLevel extends InnermostLevel<TVocabulary>
    ? {
        readonly level: TLevel;
        readonly kit: KitKey<TVocabulary["levels"]>;
        readonly fields: TFields;
        readonly prefix: TPrefix;
      }
    : {
        readonly level: TLevel;
        readonly kit: KitKey<TVocabulary["levels"]>;
        readonly fields: TFields;
        readonly prefix: TPrefix;
        readonly next: NextLevel<TVocabulary["levels"], TLevel>["label"];
      };

type KitResolvedOf<TSchema extends AnyObjectSchema, TIsolation, TVocabulary extends PlannedVocabulary> =
  ResolveKitIsolation<
    TSchema["shape"],
    LevelOf<TIsolation, InnermostLevel<TVocabulary>, LevelNames<TVocabulary> | "global">,
    TVocabulary
  > extends infer TResolved extends ResolvedIsolation
    ? TResolved
    : ResolvedIsolation;
type KitCompletionPk<TSchema extends AnyObjectSchema, TIsolation, TVocabulary extends PlannedVocabulary> =
  PrefixOf<KitResolvedOf<TSchema, TIsolation, TVocabulary>> extends infer TPrefix extends string
    ? [TPrefix] extends [never]
      ? string
      : TPrefix
    : string;

/**
 * A kit's `defineEntity`: the default kit's, checked in the kit's vocabulary.
 *
 * @example
 * const Doc = defineEntity({ name: "Document", schema, pk: "ORG#${orgId}#WS#${workspaceId}#DOC#${docId}" });
 * @see docs/patterns/isolation-vocabulary.md
 */
export type KitDefineEntity<TVocabulary extends PlannedVocabulary> = <
  const TName extends string,
  // A union, so that inference checks the schema against one type per program (zod-shape.ts).
  TSchema extends InferredObjectSchema,
  const TIsolation extends KitIsolationInput<TVocabulary> = InnermostLevel<TVocabulary>,
  const TPk extends string = KitCompletionPk<TSchema, TIsolation, TVocabulary>,
  const TSk extends string | undefined = undefined,
  const TIndexes extends Readonly<Record<string, IndexDefinition>> = {},
  const TVersion extends string = string,
  const TCreatedAt extends string = string,
  const TUpdatedAt extends string = string,
  // A kit's entity in a `defineTable()` table: its fit is checked at runtime (src/kit.ts), not by this type.
  const TTable extends string | EntityTable | undefined = undefined,
  // Never inferred: the schema's isolation, an opaque type while the call is inferred (as the default kit's).
  TResolved = ResolveKitIsolation<
    TSchema["shape"],
    LevelOf<TIsolation, InnermostLevel<TVocabulary>, LevelNames<TVocabulary> | "global">,
    TVocabulary
  >,
>(
  definition: EntityDefinition<
    TName,
    TSchema,
    TPk,
    TSk,
    TIndexes,
    TIsolation,
    { readonly version: TVersion; readonly createdAt: TCreatedAt; readonly updatedAt: TUpdatedAt },
    TTable,
    TResolved,
    TVocabulary
  >,
) => Entity<
  TName,
  TSchema,
  TemplatesOf<TPk, TSk, TIndexes>,
  AsResolved<NoInfer<TResolved>>,
  TTable,
  KeyInputOf<TSchema["shape"], TPk, TSk, TIndexes, PrefixOf<NoInfer<TResolved>>>
>;

// ── ids ────────────────────────────────────────────────────────────────────────────────────────────────

/**
 * The zod schema of a kit's level id: what `ids.<field>()` returns.
 *
 * @example
 * const orgId: KitIdSchema<"ORG#WS", "orgId"> = ids.orgId(z.uuid());
 * @see docs/patterns/isolation-vocabulary.md
 */
export interface KitIdSchema<TKit extends string, TField extends string> extends z.ZodType<
  KitId<TKit, TField>,
  string
> {}

/**
 * A kit's id constructors, one per level field: `ids.orgId()`, `ids.workspaceId(z.uuid())`.
 *
 * @example
 * z.object({ orgId: ids.orgId(), workspaceId: ids.workspaceId(), docId: z.string() })
 * @see docs/patterns/isolation-vocabulary.md
 */
export type KitIds<TLevels extends readonly IsolationLevelSpec[]> = {
  readonly [TLevel in TLevels[number] as TLevel["field"]]: KitIdConstructor<KitKey<TLevels>, TLevel["field"]>;
};
/**
 * One level's `ids.<field>()`: an inner schema is checked as `tenantId()`'s is (`IdInner`, the message naming
 * `ids.<field>()`). Two signatures, as `tenantId()`'s: the common call without one instantiates no rule.
 *
 * @example
 * const workspaceId: KitIdConstructor<"ORG#WS", "workspaceId"> = ids.workspaceId;
 * workspaceId(z.uuid()); // KitIdSchema<"ORG#WS", "workspaceId">
 * @see docs/patterns/isolation-vocabulary.md
 */
export interface KitIdConstructor<TKit extends string, TField extends string> {
  (): KitIdSchema<TKit, TField>;
  <TInner extends z.ZodType<string, string>>(inner: IdInner<TInner, `ids.${TField}`>): KitIdSchema<TKit, TField>;
}

// ── the kit ────────────────────────────────────────────────────────────────────────────────────────────

/**
 * What {@link defineIsolation} returns: the kit's own `defineEntity` and `ids`, and its levels; its
 * `defineEvent` and `leadingKeysPolicy` are merged in by src/kit.ts, where they are built (entity/ imports
 * neither events/ nor access/).
 *
 * @example
 * export const { defineEntity, defineEvent, ids, leadingKeysPolicy } = defineIsolation({ levels });
 * @see docs/patterns/isolation-vocabulary.md
 */
export interface IsolationKit<TLevels extends readonly IsolationLevelSpec[]> {
  readonly levels: TLevels;
  readonly defineEntity: KitDefineEntity<KitVocabularyOf<Levels<TLevels>>>;
  readonly ids: KitIds<TLevels>;
}

/**
 * One id check per kit key and field (`ORG#WS.orgId`), shared by every kit with the same labels and fields: their
 * ids have the same brand type ({@link KitId}) and build the same keys, so the runtime accepts them alike.
 */
const idChecks = new Map<string, z.core.$ZodCheck<string>>();
function sharedIdCheck(kitKey: string, field: string): z.core.$ZodCheck<string> {
  const key = `${kitKey}.${field}`;
  const check = idChecks.get(key) ?? keySafeCheck(field);
  idChecks.set(key, check);
  return check;
}

/**
 * The runtime side of a vocabulary, checked ({@link CheckLevels}'s twin throws its message): the levels, the
 * vocabulary the rules run with, and the id constructors. `defineIsolation` (src/kit.ts) wires it to scopes and
 * events, which entity/ does not import.
 *
 * @example
 * const { levels, vocabulary, ids } = compileVocabulary({ levels: [{ name: "org", field: "orgId", label: "ORG" }] });
 */
export function compileVocabulary(vocabulary: unknown): {
  readonly levels: readonly IsolationLevelSpec[];
  readonly vocabulary: KitVocabulary;
  readonly ids: Readonly<Record<string, (inner?: unknown) => z.ZodType<string, string>>>;
} {
  const levels = checkLevels((vocabulary as { readonly levels?: unknown } | undefined)?.levels);
  const kitKey = levels.map((level) => level.label).join("#");
  const checks = new Map(levels.map((level) => [level.field, sharedIdCheck(kitKey, level.field)] as const));
  const kitVocabulary: KitVocabulary = {
    levels,
    ids: "ids.",
    isId: (schema, field) => {
      const check = checks.get(field);
      return check !== undefined && hasIdCheck(schema, check);
    },
  };
  const ids = Object.fromEntries(
    levels.map((level) => [
      level.field,
      (inner?: unknown) => checkedInner(inner, `ids.${level.field}`).check(checks.get(level.field)!),
    ]),
  );
  return { levels, vocabulary: kitVocabulary, ids: Object.freeze(ids) };
}
