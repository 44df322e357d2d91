/**
 * The one catalog of error messages. A message the compiler can print is written twice, side by side: as a
 * template-literal type (what the compiler prints on the offending property) and as a function (what the runtime
 * twin throws); types-tests/compile-fail.test.ts checks, fixture by fixture under TS 5.9, 6.0 and 7.0, that the
 * runtime twin throws the very text the compiler printed. Runtime-only messages are functions alone.
 * `messages.test.ts` checks each entry's shape and that every `[code]` written here has an entry, and
 * docs/errors.md is generated from {@link errorCatalog}.
 *
 * Shape: `[code] what is wrong | how to fix it | e.g. a correct example`, one line, under ~300 characters
 * (tsc truncates longer types). Placeholders in examples are written `${…}`: a message always starts with
 * `[`, so pasting one back as a key template fails again instead of passing.
 */
import type {
  DefaultVocabulary,
  IdCall,
  InnermostLevel,
  IsolationLevelSpec,
  LevelNames,
  LevelsDownTo,
  NextLevel,
  Vocabulary,
} from "./entity/vocabulary.js";
import { describeValue } from "./internal/describe.js";
import { tagKeyFor, type TagKeyFor } from "./internal/tag-key.js";

/**
 * The isolation levels an entity or event can declare: `"capsule"` (the default), or an opt-out.
 *
 * @example
 * const level: IsolationLevel = RoleAssignment.isolation.level; //=> "capsule"
 * @see docs/patterns/isolation-opt-outs.md
 */
export type IsolationLevel = "capsule" | "tenant" | "global";

/** Where a key template sits in a definition: `pk`, `sk`, `indexes.gsi1.pk`, ... */
export type KeyProperty = string;

// ── the vocabulary's words ───────────────────────────────────────────────────────────────────────────────

/**
 * The default kit's vocabulary at runtime: the words the top-level exports' messages use.
 *
 * @example
 * defaultVocabulary.levels.map((level) => level.label); //=> ["TENANT", "CAPSULE"]
 * @see docs/patterns/isolation-vocabulary.md
 */
export const defaultVocabulary: DefaultVocabulary = {
  levels: [
    { name: "tenant", field: "tenantId", label: "TENANT" },
    { name: "capsule", field: "capsuleId", label: "CAPSULE" },
  ],
  ids: "",
};

/** `tenantId: tenantId(), capsuleId: capsuleId()`: the levels' fields declared, for example schemas. */
type FieldDeclarations<
  TLevels extends readonly IsolationLevelSpec[],
  TVocabulary extends Vocabulary,
> = TLevels extends readonly [infer THead extends IsolationLevelSpec, ...infer TTail extends IsolationLevelSpec[]]
  ? TTail extends []
    ? `${THead["field"]}: ${IdCall<TVocabulary, THead["field"]>}`
    : `${THead["field"]}: ${IdCall<TVocabulary, THead["field"]>}, ${FieldDeclarations<TTail, TVocabulary>}`
  : "";
const fieldDeclarations = (levels: readonly IsolationLevelSpec[], vocabulary: Vocabulary): string =>
  levels.map((level) => `${level.field}: ${vocabulary.ids}${level.field}()`).join(", ");

/** `TENANT#${tenantId}#CAPSULE#${capsuleId}`: the prefix of the levels, with their fields at the top level. */
export type LevelsPrefix<TLevels extends readonly IsolationLevelSpec[]> = TLevels extends readonly [
  infer THead extends IsolationLevelSpec,
  ...infer TTail extends IsolationLevelSpec[],
]
  ? TTail extends []
    ? `${THead["label"]}#\${${THead["field"]}}`
    : `${THead["label"]}#\${${THead["field"]}}#${LevelsPrefix<TTail>}`
  : "";
export const levelsPrefix = (levels: readonly IsolationLevelSpec[]): string =>
  levels.map((level) => `${level.label}#\${${level.field}}`).join("#");

const levelsDownTo = (vocabulary: Vocabulary, level: string): readonly IsolationLevelSpec[] => {
  const index = vocabulary.levels.findIndex((spec) => spec.name === level);
  return index === -1 ? [] : vocabulary.levels.slice(0, index + 1);
};
const innermostLevel = (vocabulary: Vocabulary): IsolationLevelSpec => vocabulary.levels.at(-1)!;

/**
 * The entity of examples that need one and know none of the user's: the default kit's case-study
 * `RoleAssignment`, a kit's innermost level's role entity (`WorkspaceRole`; its example pk is `…#ROLE#${id}`).
 *
 * @example
 * exampleEntityName(orgWorkspaceKit.vocabulary); //=> "WorkspaceRole"
 */
export const exampleEntityName = (vocabulary: Vocabulary): string => {
  if (vocabulary.ids === defaultVocabulary.ids) return "RoleAssignment";
  const { name } = innermostLevel(vocabulary);
  return `${name.charAt(0).toUpperCase()}${name.slice(1)}Role`;
};

/**
 * The table of examples that need one: the default kit's case-study `platform_data`, `app_data` for a kit.
 *
 * @example
 * exampleTableName(orgWorkspaceKit.vocabulary); //=> "app_data"
 */
export const exampleTableName = (vocabulary: Vocabulary): string =>
  vocabulary.ids === defaultVocabulary.ids ? "platform_data" : "app_data";

/** "a" or "an", for a vocabulary's words in messages ("an org-level entity"). */
type Article<TWord extends string> = Lowercase<TWord> extends `${"a" | "e" | "i" | "o" | "u"}${string}` ? "an" : "a";
const article = (word: string): "a" | "an" => (/^[aeiou]/i.test(word) ? "an" : "a");

/**
 * The words messages take from a vocabulary, per vocabulary and per level. Computed once per vocabulary, and read
 * by index: a message whose level is still generic (while the compiler infers a definition) then costs one lookup,
 * not a walk over the levels. The default kit's are written out ({@link DefaultWords}, tested equal to the
 * computed ones but for `exampleEntity`, the case study's), so the top-level exports pay nothing for the vocabulary.
 */
export interface VocabularyWords {
  readonly innermost: string;
  /** The entity of examples that need one and have none of the user's: `RoleAssignment`, a kit's `WorkspaceRole`. */
  readonly exampleEntity: string;
  /** `TENANT#…#CAPSULE#…` */
  readonly partition: string;
  readonly firstLabel: string;
  /** `tenantId: tenantId(), capsuleId: capsuleId()` */
  readonly allFields: string;
  /** `TENANT#${tenantId}#CAPSULE#${capsuleId}` */
  readonly prefix: string;
  /** `"tenant" or "global"`: the levels an entity may opt out to. */
  readonly optOuts: string;
  readonly exampleOptOut: string;
  readonly levels: {
    readonly [level: string]: {
      readonly schema: string;
      readonly pk: string;
      readonly prefix: string;
      readonly next: string;
    };
  };
}
/** The default kit's words, written out. */
export interface DefaultWords extends VocabularyWords {
  readonly innermost: "capsule";
  readonly exampleEntity: "RoleAssignment";
  readonly partition: "TENANT#…#CAPSULE#…";
  readonly firstLabel: "TENANT";
  readonly allFields: "tenantId: tenantId(), capsuleId: capsuleId()";
  readonly prefix: "TENANT#${tenantId}#CAPSULE#${capsuleId}";
  readonly optOuts: '"tenant" or "global"';
  readonly exampleOptOut: '{ level: "tenant", reason: "tenant-wide billing settings" }';
  readonly levels: {
    readonly tenant: {
      readonly schema: "z.object({ tenantId: tenantId(), id: z.string() })";
      readonly pk: "TENANT#${tenantId}#SETTINGS#${id}";
      readonly prefix: "TENANT#${tenantId}";
      readonly next: "CAPSULE";
    };
    readonly capsule: {
      readonly schema: "z.object({ tenantId: tenantId(), capsuleId: capsuleId(), id: z.string() })";
      readonly pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#ROLE#${id}";
      readonly prefix: "TENANT#${tenantId}#CAPSULE#${capsuleId}";
      readonly next: never;
    };
    readonly global: {
      readonly schema: "z.object({ tenantId: tenantId(), id: z.string() })";
      readonly pk: "COUNTRY#${code}";
      readonly prefix: "";
      readonly next: "TENANT";
    };
  };
}
/**
 * A vocabulary's words: the default kit's written out, any other's computed.
 *
 * @example
 * type Innermost = Words<DefaultVocabulary>["innermost"]; //=> "capsule"
 */
export type Words<TVocabulary extends Vocabulary> = TVocabulary extends DefaultVocabulary
  ? DefaultWords
  : ComputedWords<TVocabulary>;
/** The words computed from the levels (what {@link DefaultWords} spells out for the default kit). */
export type ComputedWords<TVocabulary extends Vocabulary> = {
  readonly innermost: InnermostLevel<TVocabulary>;
  // The innermost level's role entity: its example pk is `…#ROLE#${id}`, as the case study's RoleAssignment's is.
  readonly exampleEntity: `${Capitalize<InnermostLevel<TVocabulary>>}Role`;
  readonly partition: PartitionShape<TVocabulary["levels"]>;
  readonly firstLabel: TVocabulary["levels"][0]["label"];
  readonly allFields: FieldDeclarations<TVocabulary["levels"], TVocabulary>;
  readonly prefix: LevelsPrefix<TVocabulary["levels"]>;
  readonly optOuts: OptOutList<TVocabulary["levels"]>;
  readonly exampleOptOut: ExampleOptOut<TVocabulary["levels"]>;
  readonly levels: {
    readonly [TLevel in LevelNames<TVocabulary> | "global"]: {
      readonly schema: `z.object({ ${FieldDeclarations<LevelsDownTo<TVocabulary["levels"], TLevel extends "global" ? TVocabulary["levels"][0]["name"] : TLevel>, TVocabulary>}, id: z.string() })`;
      readonly pk: TLevel extends "global"
        ? "COUNTRY#${code}"
        : `${LevelsPrefix<LevelsDownTo<TVocabulary["levels"], TLevel>>}#${TLevel extends InnermostLevel<TVocabulary> ? "ROLE" : "SETTINGS"}#\${id}`;
      readonly prefix: LevelsPrefix<LevelsDownTo<TVocabulary["levels"], TLevel>>;
      readonly next: NextLevel<TVocabulary["levels"], TLevel>["label"];
    };
  };
};
/**
 * One word of one level (`never` for a level the vocabulary does not have; `string` for the level `string`).
 * The `string` case is what TypeScript reaches while it infers a definition: the key checks' base constraints
 * (`isConstTypeVariable`) word their `key.notLiteral` message with the level `LevelOf<TResolved>`, whose constraint is
 * `string`, and indexing the words with it computed every level's words (a kit's `LevelsDownTo`, `LevelsPrefix`,
 * `FieldDeclarations`, `NextLevel`): 476 instantiations of a two-level kit's first entity (docs/benchmarks-typecost.md,
 * session s12). Distributive over the level, so a union of levels still gets each one's word.
 */
type LevelWord<
  TVocabulary extends Vocabulary,
  TLevel extends string,
  TWord extends keyof LevelWordsShape,
> = TLevel extends string
  ? string extends TLevel
    ? string
    : (Words<TVocabulary>["levels"][TLevel & keyof Words<TVocabulary>["levels"]] & LevelWordsShape)[TWord]
  : never;
type LevelWordsShape = VocabularyWords["levels"][string];

/** A schema that satisfies the level, for the `e.g.` part of schema messages. */
export type ExampleSchema<TLevel extends string, TVocabulary extends Vocabulary = DefaultVocabulary> = LevelWord<
  TVocabulary,
  TLevel,
  "schema"
>;
export const exampleSchema = <TLevel extends string, TVocabulary extends Vocabulary = DefaultVocabulary>(
  level: TLevel,
  vocabulary: TVocabulary = defaultVocabulary as Vocabulary as TVocabulary,
): ExampleSchema<TLevel, TVocabulary> =>
  `z.object({ ${fieldDeclarations(levelsDownTo(vocabulary, level), vocabulary)}, id: z.string() })` as ExampleSchema<
    TLevel,
    TVocabulary
  >;

/** The canonical pk for the level, for the `e.g.` part of key messages that cannot suggest a correction. */
export type ExamplePk<TLevel extends string, TVocabulary extends Vocabulary = DefaultVocabulary> = LevelWord<
  TVocabulary,
  TLevel,
  "pk"
>;
export const examplePk = <TLevel extends string, TVocabulary extends Vocabulary = DefaultVocabulary>(
  level: TLevel,
  vocabulary: TVocabulary = defaultVocabulary as Vocabulary as TVocabulary,
): ExamplePk<TLevel, TVocabulary> =>
  (level === "global"
    ? "COUNTRY#${code}"
    : `${levelsPrefix(levelsDownTo(vocabulary, level))}#${level === innermostLevel(vocabulary).name ? "ROLE" : "SETTINGS"}#\${id}`) as ExamplePk<
    TLevel,
    TVocabulary
  >;

// ── rule 1: isolation fields in the schema ──────────────────────────────────────────────────────────────

export type MissingFieldMessage<
  TField extends string,
  TLevel extends string,
  TVocabulary extends Vocabulary = DefaultVocabulary,
> = `[isolation.missingField] the schema has no ${TField} | add ${TField}: ${IdCall<TVocabulary, TField>} at the top level or inside one nested object | e.g. ${ExampleSchema<TLevel, TVocabulary>}`;
export const missingFieldMessage = <
  TField extends string,
  TLevel extends string,
  TVocabulary extends Vocabulary = DefaultVocabulary,
>(
  field: TField,
  level: TLevel,
  vocabulary: TVocabulary = defaultVocabulary as Vocabulary as TVocabulary,
): MissingFieldMessage<TField, TLevel, TVocabulary> =>
  `[isolation.missingField] the schema has no ${field} | add ${field}: ${vocabulary.ids}${field}() at the top level or inside one nested object | e.g. ${exampleSchema(level, vocabulary)}` as MissingFieldMessage<
    TField,
    TLevel,
    TVocabulary
  >;

export type FieldTooDeepMessage<
  TField extends string,
  TPath extends string,
  TVocabulary extends Vocabulary = DefaultVocabulary,
> = `[isolation.fieldTooDeep] ${TField} is at ${TPath}, more than one level down | move it to the top level or into an object field of the schema | e.g. z.object({ context: z.object({ ${Words<TVocabulary>["allFields"]} }), id: z.string() })`;
export const fieldTooDeepMessage = <
  TField extends string,
  TPath extends string,
  TVocabulary extends Vocabulary = DefaultVocabulary,
>(
  field: TField,
  path: TPath,
  vocabulary: TVocabulary = defaultVocabulary as Vocabulary as TVocabulary,
): FieldTooDeepMessage<TField, TPath, TVocabulary> =>
  `[isolation.fieldTooDeep] ${field} is at ${path}, more than one level down | move it to the top level or into an object field of the schema | e.g. z.object({ context: z.object({ ${fieldDeclarations(vocabulary.levels, vocabulary)} }), id: z.string() })` as FieldTooDeepMessage<
    TField,
    TPath,
    TVocabulary
  >;

export type OptionalFieldMessage<
  TField extends string,
  TPath extends string,
  TVocabulary extends Vocabulary = DefaultVocabulary,
> = `[isolation.optionalField] ${TField} at ${TPath} is optional, nullable or defaulted, or sits in an optional object | every item must carry it: remove .optional(), .nullable(), .nullish() and .default() | e.g. ${TField}: ${IdCall<TVocabulary, TField>}`;
export const optionalFieldMessage = <
  TField extends string,
  TPath extends string,
  TVocabulary extends Vocabulary = DefaultVocabulary,
>(
  field: TField,
  path: TPath,
  vocabulary: TVocabulary = defaultVocabulary as Vocabulary as TVocabulary,
): OptionalFieldMessage<TField, TPath, TVocabulary> =>
  `[isolation.optionalField] ${field} at ${path} is optional, nullable or defaulted, or sits in an optional object | every item must carry it: remove .optional(), .nullable(), .nullish() and .default() | e.g. ${field}: ${vocabulary.ids}${field}()` as OptionalFieldMessage<
    TField,
    TPath,
    TVocabulary
  >;

export type WrongTypeMessage<
  TField extends string,
  TPath extends string,
  TVocabulary extends Vocabulary = DefaultVocabulary,
> = `[isolation.wrongType] ${TField} at ${TPath} is not ${Article<TField>} ${Capitalize<TField>} | declare it with ${IdCall<TVocabulary, TField>}, which brands the value and rejects "" and "#" | e.g. ${TField}: ${IdCall<TVocabulary, TField>} or ${TField}: ${TVocabulary["ids"]}${TField}(z.uuid())`;
export const wrongTypeMessage = <
  TField extends string,
  TPath extends string,
  TVocabulary extends Vocabulary = DefaultVocabulary,
>(
  field: TField,
  path: TPath,
  vocabulary: TVocabulary = defaultVocabulary as Vocabulary as TVocabulary,
): WrongTypeMessage<TField, TPath, TVocabulary> => {
  const call = `${vocabulary.ids}${field}`;
  return `[isolation.wrongType] ${field} at ${path} is not ${article(field)} ${field.charAt(0).toUpperCase()}${field.slice(1)} | declare it with ${call}(), which brands the value and rejects "" and "#" | e.g. ${field}: ${call}() or ${field}: ${call}(z.uuid())` as WrongTypeMessage<
    TField,
    TPath,
    TVocabulary
  >;
};

export type AmbiguousFieldMessage<
  TField extends string,
  TPaths extends string,
  TVocabulary extends Vocabulary = DefaultVocabulary,
> = `[isolation.ambiguousField] ${TField} appears at ${TPaths} | keep exactly one, so keys and scope checks read the same value | e.g. ${ExampleSchema<Words<TVocabulary>["innermost"], TVocabulary>}`;
export const ambiguousFieldMessage = <
  TField extends string,
  TPaths extends string,
  TVocabulary extends Vocabulary = DefaultVocabulary,
>(
  field: TField,
  paths: TPaths,
  vocabulary: TVocabulary = defaultVocabulary as Vocabulary as TVocabulary,
): AmbiguousFieldMessage<TField, TPaths, TVocabulary> =>
  `[isolation.ambiguousField] ${field} appears at ${paths} | keep exactly one, so keys and scope checks read the same value | e.g. ${exampleSchema(innermostLevel(vocabulary).name, vocabulary)}` as AmbiguousFieldMessage<
    TField,
    TPaths,
    TVocabulary
  >;

export type MissingReasonMessage<
  TLevel extends string,
  TVocabulary extends Vocabulary = DefaultVocabulary,
> = `[isolation.missingReason] isolation level "${TLevel}" needs a non-empty reason written as a literal | say why this entity is not ${Words<TVocabulary>["innermost"]}-isolated | e.g. isolation: { level: "${TLevel}", reason: "shared reference data, no user content" }`;
export const missingReasonMessage = <TLevel extends string, TVocabulary extends Vocabulary = DefaultVocabulary>(
  level: TLevel,
  vocabulary: TVocabulary = defaultVocabulary as Vocabulary as TVocabulary,
): MissingReasonMessage<TLevel, TVocabulary> =>
  `[isolation.missingReason] isolation level "${level}" needs a non-empty reason written as a literal | say why this entity is not ${innermostLevel(vocabulary).name}-isolated | e.g. isolation: { level: "${level}", reason: "shared reference data, no user content" }` as MissingReasonMessage<
    TLevel,
    TVocabulary
  >;

/** `TEntity`: the example's name, the vocabulary's `exampleEntity` ({@link exampleEntityName}). */
export type NameNotLiteralMessage<TEntity extends string = "RoleAssignment"> =
  `[entity.nameNotLiteral] name must be a non-empty string literal: it is stored as entityType and checked on every read | write the name inline | e.g. name: "${TEntity}"`;
export const nameNotLiteralMessage = <TEntity extends string = "RoleAssignment">(
  entity: TEntity = "RoleAssignment" as TEntity,
): NameNotLiteralMessage<TEntity> =>
  `[entity.nameNotLiteral] name must be a non-empty string literal: it is stored as entityType and checked on every read | write the name inline | e.g. name: "${entity}"`;

// ── rules 2–4: key templates ────────────────────────────────────────────────────────────────────────────

export type NotLiteralMessage<
  TProperty extends KeyProperty,
  TLevel extends string,
  TVocabulary extends Vocabulary = DefaultVocabulary,
> = `[key.notLiteral] ${TProperty} must be a template string literal known at compile time | write it inline in defineEntity, or declare it with as const | e.g. ${TProperty}: "${ExamplePk<TLevel, TVocabulary>}"`;
export const notLiteralMessage = <
  TProperty extends KeyProperty,
  TLevel extends string,
  TVocabulary extends Vocabulary = DefaultVocabulary,
>(
  property: TProperty,
  level: TLevel,
  vocabulary: TVocabulary = defaultVocabulary as Vocabulary as TVocabulary,
): NotLiteralMessage<TProperty, TLevel, TVocabulary> =>
  `[key.notLiteral] ${property} must be a template string literal known at compile time | write it inline in defineEntity, or declare it with as const | e.g. ${property}: "${examplePk(level, vocabulary)}"` as NotLiteralMessage<
    TProperty,
    TLevel,
    TVocabulary
  >;

export type UnclosedPlaceholderMessage<
  TProperty extends KeyProperty,
  TTemplate extends string,
> = `[key.unclosedPlaceholder] ${TProperty} "${TTemplate}" opens \${ without a closing } | close every placeholder | e.g. "ROLE#\${id}"`;
export const unclosedPlaceholderMessage = <TProperty extends KeyProperty, TTemplate extends string>(
  property: TProperty,
  template: TTemplate,
): UnclosedPlaceholderMessage<TProperty, TTemplate> =>
  `[key.unclosedPlaceholder] ${property} "${template}" opens \${ without a closing } | close every placeholder | e.g. "ROLE#\${id}"`;

export type EmptyPlaceholderMessage<
  TProperty extends KeyProperty,
  TTemplate extends string,
> = `[key.emptyPlaceholder] ${TProperty} "${TTemplate}" has an empty \${} | name a field inside it | e.g. "ROLE#\${id}"`;
export const emptyPlaceholderMessage = <TProperty extends KeyProperty, TTemplate extends string>(
  property: TProperty,
  template: TTemplate,
): EmptyPlaceholderMessage<TProperty, TTemplate> =>
  `[key.emptyPlaceholder] ${property} "${template}" has an empty \${} | name a field inside it | e.g. "ROLE#\${id}"`;

export type SharedSegmentMessage<
  TProperty extends KeyProperty,
  TFirst extends string,
  TSecond extends string,
> = `[key.sharedSegment] ${TProperty} puts \${${TFirst}} and \${${TSecond}} in one #-segment, so a key could split two ways | separate placeholders with # | e.g. "\${${TFirst}}#\${${TSecond}}"`;
export const sharedSegmentMessage = <TProperty extends KeyProperty, TFirst extends string, TSecond extends string>(
  property: TProperty,
  first: TFirst,
  second: TSecond,
): SharedSegmentMessage<TProperty, TFirst, TSecond> =>
  `[key.sharedSegment] ${property} puts \${${first}} and \${${second}} in one #-segment, so a key could split two ways | separate placeholders with # | e.g. "\${${first}}#\${${second}}"`;

export type UnknownFieldMessage<
  TProperty extends KeyProperty,
  TPath extends string,
> = `[key.unknownField] ${TProperty} placeholder \${${TPath}} names no field of the schema | spell a top-level field, or parent.field one level down, as the schema does | e.g. "ROLE#\${id}" with id: z.string()`;
export const unknownFieldMessage = <TProperty extends KeyProperty, TPath extends string>(
  property: TProperty,
  path: TPath,
): UnknownFieldMessage<TProperty, TPath> =>
  `[key.unknownField] ${property} placeholder \${${path}} names no field of the schema | spell a top-level field, or parent.field one level down, as the schema does | e.g. "ROLE#\${id}" with id: z.string()`;

export type DottedFieldMessage<
  TProperty extends KeyProperty,
  TPath extends string,
> = `[key.dottedField] ${TProperty} placeholder \${${TPath}} names a field whose own name holds a dot, which placeholders read as parent.field | rename the field without a dot | e.g. "REGION#\${regionCode}" with regionCode: z.string()`;
export const dottedFieldMessage = <TProperty extends KeyProperty, TPath extends string>(
  property: TProperty,
  path: TPath,
): DottedFieldMessage<TProperty, TPath> =>
  `[key.dottedField] ${property} placeholder \${${path}} names a field whose own name holds a dot, which placeholders read as parent.field | rename the field without a dot | e.g. "REGION#\${regionCode}" with regionCode: z.string()`;

export type NotScalarMessage<
  TProperty extends KeyProperty,
  TPath extends string,
> = `[key.notScalar] ${TProperty} placeholder \${${TPath}} names a field that is not a required string or number | key parts must be required strings, enums or numbers, with no literal value empty or holding # | e.g. "ORDER#\${orderNo}" with orderNo: z.number()`;
export const notScalarMessage = <TProperty extends KeyProperty, TPath extends string>(
  property: TProperty,
  path: TPath,
): NotScalarMessage<TProperty, TPath> =>
  `[key.notScalar] ${property} placeholder \${${path}} names a field that is not a required string or number | key parts must be required strings, enums or numbers, with no literal value empty or holding # | e.g. "ORDER#\${orderNo}" with orderNo: z.number()`;

export type MissingPrefixMessage<
  TProperty extends KeyProperty,
  TPrefix extends string,
  TCorrected extends string,
> = `[isolation.keyPrefix] ${TProperty} must start with ${TPrefix} so every access path stays in its partition | put the isolation segments first | e.g. "${TCorrected}"`;
export const missingPrefixMessage = <TProperty extends KeyProperty, TPrefix extends string, TCorrected extends string>(
  property: TProperty,
  prefix: TPrefix,
  corrected: TCorrected,
): MissingPrefixMessage<TProperty, TPrefix, TCorrected> =>
  `[isolation.keyPrefix] ${property} must start with ${prefix} so every access path stays in its partition | put the isolation segments first | e.g. "${corrected}"`;

/** `TENANT#…#CAPSULE#…`: the labels of every level, for the capsule-partition message. */
type PartitionShape<TLevels extends readonly IsolationLevelSpec[]> = TLevels extends readonly [
  infer THead extends IsolationLevelSpec,
  ...infer TTail extends IsolationLevelSpec[],
]
  ? TTail extends []
    ? `${THead["label"]}#…`
    : `${THead["label"]}#…#${PartitionShape<TTail>}`
  : "";
export type CapsulePartitionMessage<
  TProperty extends KeyProperty,
  TLevel extends string,
  TVocabulary extends Vocabulary = DefaultVocabulary,
> = `[isolation.capsulePartition] ${TProperty} of ${Article<TLevel>} ${TLevel}-level entity can build a key inside ${Article<Words<TVocabulary>["innermost"]>} ${Words<TVocabulary>["innermost"]}'s partition (${Words<TVocabulary>["partition"]}), which ${Words<TVocabulary>["innermost"]} principals reach | ${TLevel extends "global" ? `start with a literal label other than ${Words<TVocabulary>["firstLabel"]}` : `follow the ${TLevel} segment with a literal label other than ${LevelWord<TVocabulary, TLevel, "next">}`} | e.g. "${TLevel extends "global" ? "COUNTRY#\${code}" : `${LevelWord<TVocabulary, TLevel, "prefix">}#BILLING#\${id}`}"`;
export const capsulePartitionMessage = <
  TProperty extends KeyProperty,
  TLevel extends string,
  TVocabulary extends Vocabulary = DefaultVocabulary,
>(
  property: TProperty,
  level: TLevel,
  vocabulary: TVocabulary = defaultVocabulary as Vocabulary as TVocabulary,
): CapsulePartitionMessage<TProperty, TLevel, TVocabulary> => {
  const innermost = innermostLevel(vocabulary).name;
  const shape = vocabulary.levels.map((spec) => `${spec.label}#…`).join("#");
  const outer = levelsDownTo(vocabulary, level);
  const fix =
    level === "global"
      ? `start with a literal label other than ${vocabulary.levels[0]!.label}`
      : `follow the ${level} segment with a literal label other than ${vocabulary.levels[outer.length]!.label}`;
  const example = level === "global" ? "COUNTRY#\${code}" : `${levelsPrefix(outer)}#BILLING#\${id}`;
  return `[isolation.capsulePartition] ${property} of ${article(level)} ${level}-level entity can build a key inside ${article(innermost)} ${innermost}'s partition (${shape}), which ${innermost} principals reach | ${fix} | e.g. "${example}"` as CapsulePartitionMessage<
    TProperty,
    TLevel,
    TVocabulary
  >;
};

export type SchemaNotObjectMessage<TVocabulary extends Vocabulary = DefaultVocabulary> =
  `[entity.schemaNotObject] schema must be a zod object schema | declare the attributes with z.object({ ... }) | e.g. schema: ${ExampleSchema<Words<TVocabulary>["innermost"], TVocabulary>}`;
export const schemaNotObjectMessage = <TVocabulary extends Vocabulary = DefaultVocabulary>(
  vocabulary: TVocabulary = defaultVocabulary as Vocabulary as TVocabulary,
): SchemaNotObjectMessage<TVocabulary> =>
  `[entity.schemaNotObject] schema must be a zod object schema | declare the attributes with z.object({ ... }) | e.g. schema: ${exampleSchema(innermostLevel(vocabulary).name, vocabulary)}` as SchemaNotObjectMessage<TVocabulary>;

export type ReservedAttributeMessage<TField extends string> =
  `[entity.reservedAttribute] the schema declares ${TField}, an attribute the stored item uses for its keys or type | rename the field | e.g. ${TField}Value: z.string()`;
export const reservedAttributeMessage = <TField extends string>(field: TField): ReservedAttributeMessage<TField> =>
  `[entity.reservedAttribute] the schema declares ${field}, an attribute the stored item uses for its keys or type | rename the field | e.g. ${field}Value: z.string()`;

/**
 * A name as a message quotes it: whole up to 40 characters, else its first 16, `…` and its length (`over 1000` past
 * that). tsc prints a type of ≈ 320 characters at most (escapes included), so a long name cut the compiler's message
 * short (`...`) and not the runtime's; `entity.indexName` leaves ≈ 55 for the name in the default kit's words. Error
 * path only: instantiated for a refused name.
 *
 * @example
 * type Quoted = QuotedName<"iiii…(300 i's)">; //=> "iiiiiiiiiiiiiiii… (300 characters)"
 */
export type QuotedName<TName extends string> =
  SplitAt<TName, Tuple<40>> extends [string, infer TRest extends string]
    ? TRest extends ""
      ? TName
      : `${SplitAt<TName, Tuple<16>>[0]}… (${LengthFrom<TRest, Tuple<40>>} characters)`
    : never;
/** Runtime twin of {@link QuotedName}. */
export const quotedName = (name: string): string =>
  name.length <= 40 ? name : `${name.slice(0, 16)}… (${name.length > 1000 ? "over 1000" : name.length} characters)`;
/**
 * A list of index names (`a, b`, as `ListOf` and `join(", ")` write it; an index name holds no space) with each name
 * quoted as {@link QuotedName}. Error path only.
 */
export type QuotedNames<TNames extends string> = TNames extends `${infer THead}, ${infer TRest}`
  ? `${QuotedName<THead>}, ${QuotedNames<TRest>}`
  : QuotedName<TNames>;
/** Runtime twin of {@link QuotedNames}, from the names. */
export const quotedNames = (names: readonly string[]): string => names.map(quotedName).join(", ");
/**
 * An entity's name where an example uses it as the entity's variable (`db.entity(Note)`): whole up to 40 characters,
 * else its first 16, as {@link QuotedName} begins it (the quoted form's length is no identifier). Error path only.
 */
export type ExampleName<TName extends string> = SplitAt<TName, Tuple<40>>[1] extends ""
  ? TName
  : SplitAt<TName, Tuple<16>>[0];
/** Runtime twin of {@link ExampleName}. */
export const exampleName = (name: string): string => (name.length <= 40 ? name : name.slice(0, 16));
/** The first `TCount["length"]` characters of a text, and the rest (one character per step: at most 40 steps). */
type SplitAt<
  TText extends string,
  TCount extends readonly unknown[],
  THead extends string = "",
> = TCount extends readonly [unknown, ...infer TLess]
  ? TText extends `${infer TFirst}${infer TRest}`
    ? SplitAt<TRest, TLess, `${THead}${TFirst}`>
    : [THead, ""]
  : [THead, TText];
/** A tuple of `TLength` elements. */
type Tuple<TLength extends number, TDone extends unknown[] = []> = TDone["length"] extends TLength
  ? TDone
  : Tuple<TLength, [...TDone, 0]>;
/**
 * `TCounted["length"]` plus the length of `TRest`, four characters per step, or `over 1000` once 1000 are counted
 * and more follow (so that no name is too long for the compiler's recursion).
 */
type LengthFrom<TRest extends string, TCounted extends unknown[]> = TRest extends ""
  ? TCounted["length"]
  : TCounted["length"] extends 1000
    ? "over 1000"
    : TRest extends `${string}${string}${string}${string}${infer TTail}`
      ? LengthFrom<TTail, [...TCounted, 0, 0, 0, 0]>
      : TRest extends `${string}${infer TTail}`
        ? LengthFrom<TTail, [...TCounted, 0]>
        : never;

export type IndexNameMessage<
  TName extends string,
  TVocabulary extends Vocabulary = DefaultVocabulary,
> = `[entity.indexName] "${QuotedName<TName>}" cannot name an index: DynamoDB takes 3-255 characters of A-Z a-z 0-9 _ . -, and __proto__ is lost in object literals | rename the index | e.g. indexes: { byStatus: { pk: "${Words<TVocabulary>["prefix"]}#STATUS#\${status}" } }`;
export const indexNameMessage = <TName extends string, TVocabulary extends Vocabulary = DefaultVocabulary>(
  name: TName,
  vocabulary: TVocabulary = defaultVocabulary as Vocabulary as TVocabulary,
): IndexNameMessage<TName, TVocabulary> =>
  `[entity.indexName] "${quotedName(name)}" cannot name an index: DynamoDB takes 3-255 characters of A-Z a-z 0-9 _ . -, and __proto__ is lost in object literals | rename the index | e.g. indexes: { byStatus: { pk: "${levelsPrefix(vocabulary.levels)}#STATUS#\${status}" } }` as IndexNameMessage<
    TName,
    TVocabulary
  >;

/** `"tenant" or "global"`: the levels an entity may opt out to, for the unknown-level message. */
type OptOutList<TLevels extends readonly IsolationLevelSpec[]> = TLevels extends readonly [
  infer THead extends IsolationLevelSpec,
  ...infer TTail extends IsolationLevelSpec[],
]
  ? TTail extends []
    ? `"global"`
    : `"${THead["name"]}"${TTail extends [IsolationLevelSpec] ? " or " : ", "}${OptOutList<TTail>}`
  : `"global"`;
/** The example opt-out: to the outermost level when there are two or more, else to global. */
type ExampleOptOut<TLevels extends readonly IsolationLevelSpec[]> = TLevels extends readonly [
  infer THead extends IsolationLevelSpec,
  IsolationLevelSpec,
  ...IsolationLevelSpec[],
]
  ? `{ level: "${THead["name"]}", reason: "${THead["name"]}-wide billing settings" }`
  : `{ level: "global", reason: "shared reference data, no user content" }`;
/** `opt out with level "tenant" or "global" and a reason | e.g. isolation: { level: "tenant", … }`: the opt-outs. */
type OptOutHint<TVocabulary extends Vocabulary> =
  `opt out with level ${Words<TVocabulary>["optOuts"]} and a reason | e.g. isolation: ${Words<TVocabulary>["exampleOptOut"]}`;
/** Runtime twin of {@link OptOutHint}. */
const optOutHint = (vocabulary: Vocabulary): string => {
  const outer = vocabulary.levels.slice(0, -1).map((spec) => `"${spec.name}"`);
  const list = [...outer, `"global"`];
  const options = list.length === 1 ? list[0]! : `${list.slice(0, -1).join(", ")} or ${list.at(-1)!}`;
  const first = vocabulary.levels[0]!.name;
  const example =
    outer.length > 0
      ? `{ level: "${first}", reason: "${first}-wide billing settings" }`
      : `{ level: "global", reason: "shared reference data, no user content" }`;
  return `opt out with level ${options} and a reason | e.g. isolation: ${example}`;
};

export type UnknownLevelMessage<
  TLevel extends string,
  TVocabulary extends Vocabulary = DefaultVocabulary,
> = `[isolation.unknownLevel] isolation level "${TLevel}" does not exist | leave isolation out for ${Words<TVocabulary>["innermost"]} isolation, or ${OptOutHint<TVocabulary>}`;
export const unknownLevelMessage = <TLevel extends string, TVocabulary extends Vocabulary = DefaultVocabulary>(
  level: TLevel,
  vocabulary: TVocabulary = defaultVocabulary as Vocabulary as TVocabulary,
): UnknownLevelMessage<TLevel, TVocabulary> =>
  `[isolation.unknownLevel] isolation level "${level}" does not exist | leave isolation out for ${innermostLevel(vocabulary).name} isolation, or ${optOutHint(vocabulary)}` as UnknownLevelMessage<
    TLevel,
    TVocabulary
  >;

/**
 * An opt-out to the innermost level (`isolation: { level: "capsule", reason }`), which is no opt-out: every entity
 * and event has that level unless it opts out to a wider one.
 */
export type OwnLevelMessage<
  TLevel extends string,
  TVocabulary extends Vocabulary = DefaultVocabulary,
> = `[isolation.ownLevel] isolation level "${TLevel}" is the innermost level, the default, not an opt-out | leave isolation out for ${TLevel} isolation, or ${OptOutHint<TVocabulary>}`;
export const ownLevelMessage = <TLevel extends string, TVocabulary extends Vocabulary = DefaultVocabulary>(
  level: TLevel,
  vocabulary: TVocabulary = defaultVocabulary as Vocabulary as TVocabulary,
): OwnLevelMessage<TLevel, TVocabulary> =>
  `[isolation.ownLevel] isolation level "${level}" is the innermost level, the default, not an opt-out | leave isolation out for ${level} isolation, or ${optOutHint(vocabulary)}` as OwnLevelMessage<
    TLevel,
    TVocabulary
  >;

/**
 * `TOuter`: the kit's outermost level when it is outside the entity's, which the example opts out to; else `""`, and
 * the example leaves isolation out, keyed in the entity's own partition (`TPrefix`, `""` for a global entity).
 */
export type IndexLevelMessage<
  TName extends string,
  TLevel extends string,
  TOuter extends string = "tenant",
  TPrefix extends string = "TENANT#${tenantId}#CAPSULE#${capsuleId}",
> = `[index.unknownLevel] indexes.${QuotedName<TName>}.isolation.level "${TLevel}" is not a level outside the entity's own | name an outer level (the index's pk then starts with its prefix), or leave isolation out | e.g. ${TOuter extends "" ? `indexes: { byStatus: { pk: "${TPrefix extends "" ? "" : `${TPrefix}#`}STATUS#\${status}" } }` : `isolation: { level: "${TOuter}", reason: "${TOuter} admins list every document" }`}`;
/**
 * An index's opt-out names a level that is not outside the entity's own (`index.unknownLevel`).
 *
 * @example
 * indexLevelMessage("byTenant", "capsule"); //=> "[index.unknownLevel] indexes.byTenant.isolation.level \"capsule\" …"
 * @see docs/dynamodb.md
 */
export const indexLevelMessage = (
  name: string,
  level: string,
  outer = "tenant",
  prefix: string = levelsPrefix(defaultVocabulary.levels),
): string =>
  `[index.unknownLevel] indexes.${quotedName(name)}.isolation.level "${level}" is not a level outside the entity's own | name an outer level (the index's pk then starts with its prefix), or leave isolation out | e.g. ${outer === "" ? `indexes: { byStatus: { pk: "${prefix === "" ? "" : `${prefix}#`}STATUS#\${status}" } }` : `isolation: { level: "${outer}", reason: "${outer} admins list every document" }`}`;

export type IndexReasonMessage<
  TName extends string,
  TLevel extends string,
> = `[index.missingReason] indexes.${QuotedName<TName>}.isolation needs a reason written as a literal, with a visible character | say who reads the whole ${TLevel} through this index, and why | e.g. isolation: { level: "${TLevel}", reason: "${TLevel} admins list every document" }`;
/**
 * An index's opt-out without a visible, literal reason (`index.missingReason`).
 *
 * @example
 * indexReasonMessage("byTenant", "tenant"); //=> "[index.missingReason] indexes.byTenant.isolation needs a reason …"
 * @see docs/dynamodb.md
 */
export const indexReasonMessage = <TName extends string, TLevel extends string>(
  name: TName,
  level: TLevel,
): IndexReasonMessage<TName, TLevel> =>
  `[index.missingReason] indexes.${quotedName(name)}.isolation needs a reason written as a literal, with a visible character | say who reads the whole ${level} through this index, and why | e.g. isolation: { level: "${level}", reason: "${level} admins list every document" }` as IndexReasonMessage<
    TName,
    TLevel
  >;

// ── the rule table (src/internal/schema-rules.ts) and DynamoDB's limits ─────────────────────────────────

export type IdInnerMessage<
  TField extends string,
  TWhy extends string,
> = `[isolation.idInner] ${TField}() cannot wrap this schema, ${TWhy} | pass a string schema (a format, enum or refinement as you like) that outputs what it was given | e.g. ${TField}(z.uuid())`;
export const idInnerMessage = <TField extends string, TWhy extends string>(
  field: TField,
  why: TWhy,
): IdInnerMessage<TField, TWhy> =>
  `[isolation.idInner] ${field}() cannot wrap this schema, ${why} | pass a string schema (a format, enum or refinement as you like) that outputs what it was given | e.g. ${field}(z.uuid())`;

export type KeyFieldFormMessage<
  TProperty extends KeyProperty,
  TPath extends string,
  TType extends string,
  TWhy extends string,
> = `[key.fieldForm] ${TProperty} placeholder \${${TPath}} names a field of form ${TType}, ${TWhy} | use a required z.string(), z.enum() or z.number(), refined as you like | e.g. "ORDER#\${orderNo}" with orderNo: z.number()`;
export const keyFieldFormMessage = <
  TProperty extends KeyProperty,
  TPath extends string,
  TType extends string,
  TWhy extends string,
>(
  property: TProperty,
  path: TPath,
  type: TType,
  why: TWhy,
): KeyFieldFormMessage<TProperty, TPath, TType, TWhy> =>
  `[key.fieldForm] ${property} placeholder \${${path}} names a field of form ${type}, ${why} | use a required z.string(), z.enum() or z.number(), refined as you like | e.g. "ORDER#\${orderNo}" with orderNo: z.number()`;

/** Runtime only: zod records a rewriting check in `def.checks`, not in the schema's type. */
export const rewrittenFieldMessage = (what: string, path: string, where: string): string =>
  `[schema.rewritten] ${what} ${path} is rewritten by ${where} (.toLowerCase(), .trim(), .normalize(), .overwrite()): keys built from input would differ from the stored value | refuse bad values with .regex() or .refine() instead | e.g. z.string().regex(/^[a-z0-9-]+$/)`;

export type EmptyKeyMessage<TProperty extends KeyProperty> =
  `[key.empty] ${TProperty} is empty, and DynamoDB refuses an empty key value | give it a literal label or a placeholder | e.g. ${TProperty}: "METADATA"`;
export const emptyKeyMessage = <TProperty extends KeyProperty>(property: TProperty): EmptyKeyMessage<TProperty> =>
  `[key.empty] ${property} is empty, and DynamoDB refuses an empty key value | give it a literal label or a placeholder | e.g. ${property}: "METADATA"`;

/** Runtime only (types do not count UTF-8 bytes): a key longer than DynamoDB stores. */
export const keyTooLongMessage = (property: string, bytes: number, limit: number, value: string): string =>
  `[key.tooLong] ${property} is ${bytes} bytes, over DynamoDB's ${limit}-byte limit for a ${limit === 2048 ? "partition" : "sort"} key: ${value} | shorten the template's labels or the values | e.g. "N#\${id}" rather than "NOTIFICATION#\${id}"`;

// ── runtime-only: key values and items ─────────────────────────────────────────────────────────────────

export const keyValueMessage = (property: string, path: string, problem: string, value: string): string =>
  `[key.invalidValue] ${property} value for ${path} ${problem}: ${value} | key parts must be non-empty, without "#", well-formed strings or finite numbers of the field's type; nothing is escaped | e.g. id: "r-1"`;

export const keyMismatchMessage = (property: string, stored: string, expected: string): string =>
  `[isolation.keyMismatch] stored ${property} ${stored} differs from the ${property} its own attributes build, ${expected} | the item was written outside this entity or tampered with; it is not returned | e.g. write items with toItem() or scope().put()`;

export const entityTypeMismatchMessage = (expected: string, stored: string): string =>
  `[isolation.entityType] item has entityType ${stored}, not ${expected} | read it through its own entity | e.g. ${expected}.fromItem(item)`;

/**
 * `entity`, `fields` (the scope's id fields) and `level` (the scope's level name) build the example, in the entity's
 * kit. `indexes`: those a scope opened at an outer level queries (`Document.scope({ tenantId })`), which only reads.
 */
export const foreignItemMessage = (
  what: string,
  expected: string,
  actual: string,
  entity = "Entity",
  fields: readonly string[] = ["tenantId", "capsuleId"],
  level = "capsule",
  indexes: readonly string[] = [],
): string =>
  `[isolation.foreign] ${what} is ${actual}, outside this scope's ${expected} | ${
    indexes.length > 0
      ? `this ${level} scope reads only its own ${level}'s items, through ${indexes.join(", ")} | e.g. ${entity}.scope({ ${fields.join(", ")} }).query({ index: "${indexes[0]}" })`
      : `a scope reads and writes only its own ${level === "global" ? "entity's items" : level} | e.g. ${fields.length === 0 ? `${entity}.scope({}).put(attrs)` : `${entity}.scope({ ${fields.join(", ")} }).put({ ...attrs, ${fields.join(", ")} })`}`
  }`;

export const unknownKeyAttributeMessage = (entity: string, attribute: string, known: readonly string[]): string =>
  `[key.unknownAttribute] ${entity} has no key attribute ${attribute} | use one of ${known.join(", ")} | e.g. ${entity}.parseKey(pk, "pk")`;

// ── scoped access ──────────────────────────────────────────────────────────────────────────────────────

/** A compile error on a transaction's entity too (`db.transaction(ids).entity(Country)`). */
export type GlobalEntityMessage<TEntity extends string> =
  `[scope.globalEntity] ${QuotedName<TEntity>} has global isolation, so its scope takes no ids | scope it with an empty object | e.g. db.entity(${ExampleName<TEntity>}).scope({})`;
export const globalEntityMessage = <TEntity extends string>(entity: TEntity): GlobalEntityMessage<TEntity> =>
  `[scope.globalEntity] ${quotedName(entity)} has global isolation, so its scope takes no ids | scope it with an empty object | e.g. db.entity(${exampleName(entity)}).scope({})` as GlobalEntityMessage<TEntity>;

/** `TTable`: the example's table, `app_data` for a kit's entity (the default kit's case study's is `platform_data`). */
export type NoTableMessage<
  TEntity extends string,
  TTable extends string = "platform_data",
> = `[scope.noTable] ${QuotedName<TEntity>} has no table | give the entity a table, or the scope one | e.g. ${ExampleName<TEntity>}.scope(ids, { table: "${TTable}" })`;
export const noTableMessage = <TEntity extends string, TTable extends string = "platform_data">(
  entity: TEntity,
  table: TTable = "platform_data" as TTable,
): NoTableMessage<TEntity, TTable> =>
  `[scope.noTable] ${quotedName(entity)} has no table | give the entity a table, or the scope one | e.g. ${exampleName(entity)}.scope(ids, { table: "${table}" })` as NoTableMessage<
    TEntity,
    TTable
  >;

/**
 * `TIds`: how the entity's kit spells an id schema (a {@link Vocabulary}'s `ids`): `""` for the default kit's
 * `capsuleId()`, `"ids."` for a kit's `ids.workspaceId()`.
 */
export type ScopePlainIdMessage<
  TEntity extends string,
  TField extends string,
  TIds extends string = "",
> = `[scope.plainId] ${QuotedName<TEntity>} scope id ${TField} is a plain string, not a parsed id | parse it first, so that only a checked id reaches a scope | e.g. db.entity(${ExampleName<TEntity>}).scope({ ...scopeIds, ${TField}: ${TIds}${TField}().parse(request.${TField}) })`;
/** Type-only (a parsed id is a plain string at runtime): the catalog's sample of the compiler's message. */
export const scopePlainIdMessage = <TEntity extends string, TField extends string, TIds extends string = "">(
  entity: TEntity,
  field: TField,
  ids: TIds = "" as TIds,
): ScopePlainIdMessage<TEntity, TField, TIds> =>
  `[scope.plainId] ${quotedName(entity)} scope id ${field} is a plain string, not a parsed id | parse it first, so that only a checked id reaches a scope | e.g. db.entity(${exampleName(entity)}).scope({ ...scopeIds, ${field}: ${ids}${field}().parse(request.${field}) })` as ScopePlainIdMessage<
    TEntity,
    TField,
    TIds
  >;

/** `TIds`: the kit's spelling of an id schema, as {@link ScopePlainIdMessage}'s. */
export type ScopeWrongIdMessage<
  TEntity extends string,
  TField extends string,
  TIds extends string = "",
> = `[scope.wrongId] ${QuotedName<TEntity>} scope id ${TField} is a parsed id of another field or kit, not its ${TField} | give each field the id parsed for it | e.g. db.entity(${ExampleName<TEntity>}).scope({ ...scopeIds, ${TField}: ${TIds}${TField}().parse(request.${TField}) })`;
/** Type-only (every id is a string at runtime): the catalog's sample of the compiler's message for swapped ids. */
export const scopeWrongIdMessage = <TEntity extends string, TField extends string, TIds extends string = "">(
  entity: TEntity,
  field: TField,
  ids: TIds = "" as TIds,
): ScopeWrongIdMessage<TEntity, TField, TIds> =>
  `[scope.wrongId] ${quotedName(entity)} scope id ${field} is a parsed id of another field or kit, not its ${field} | give each field the id parsed for it | e.g. db.entity(${exampleName(entity)}).scope({ ...scopeIds, ${field}: ${ids}${field}().parse(request.${field}) })` as ScopeWrongIdMessage<
    TEntity,
    TField,
    TIds
  >;

export type ScopeOtherIdMessage<
  TEntity extends string,
  TIds extends string,
  TField extends string,
> = `[scope.otherId] ${QuotedName<TEntity>} scope takes ${TIds}; ${TField} is none of its ids | give the scope only the ids of the entity's levels, the other fields to its operations | e.g. db.entity(${ExampleName<TEntity>}).scope(ids).get({ id })`;
/**
 * Type-only, as TypeScript's excess-property error was: at runtime a scope reads the ids of its levels and ignores
 * others (a transaction hands a capsule's ids to its tenant-level entities). `ids` sorted, as the compiler lists them.
 */
export const scopeOtherIdMessage = (entity: string, ids: readonly string[], field: string): string =>
  `[scope.otherId] ${quotedName(entity)} scope takes ${[...ids].sort().join(", ")}; ${field} is none of its ids | give the scope only the ids of the entity's levels, the other fields to its operations | e.g. db.entity(${exampleName(entity)}).scope(ids).get({ id })`;

/**
 * A scope without the ids of some of its levels (`{ tenantId }` for a capsule entity, `{}` for a tenant-level one),
 * or with them `undefined`. `TMissing` and `TIds` (every id the scope takes) sorted, as the compiler lists them.
 */
export type ScopeMissingIdMessage<
  TEntity extends string,
  TMissing extends string,
  TIds extends string,
> = `[scope.missingId] ${QuotedName<TEntity>} scope needs ${TMissing} | pass the id of every level down to the entity's own: ${TIds} | e.g. db.entity(${ExampleName<TEntity>}).scope({ ${TIds} })`;
export const scopeMissingIdMessage = (entity: string, missing: readonly string[], ids: readonly string[]): string =>
  `[scope.missingId] ${quotedName(entity)} scope needs ${[...missing].sort().join(", ")} | pass the id of every level down to the entity's own: ${[...ids].sort().join(", ")} | e.g. db.entity(${exampleName(entity)}).scope({ ${[...ids].sort().join(", ")} })`;

/**
 * How a put's example gives an id at a path: the scope's id at an isolation path (`tenantId: ids.tenantId`), else the
 * value parsed by its id's schema (`TIdCall`, `capsuleId()`: `parentId: capsuleId().parse(request.parentId)`); one
 * level down, `ctx: { ...attributes.ctx, tenantId: ids.tenantId }`.
 */
export type PutIdAssignment<
  TPath extends string,
  TIdCall extends string = never,
> = TPath extends `${infer THolder}.${infer TField}`
  ? `${THolder}: { ...attributes.${THolder}, ${TField}: ${PutIdValue<TField, TIdCall>} }`
  : `${TPath}: ${PutIdValue<TPath, TIdCall>}`;
/** The value of {@link PutIdAssignment}: the scope's id, or the field's value parsed by `TIdCall`. */
type PutIdValue<TField extends string, TIdCall extends string> = [TIdCall] extends [never]
  ? `ids.${TField}`
  : `${TIdCall}.parse(request.${TField})`;
/** Runtime twin of {@link PutIdAssignment}. */
export const putIdAssignment = <TPath extends string, TIdCall extends string = never>(
  path: TPath,
  idCall?: TIdCall,
): PutIdAssignment<TPath, TIdCall> => {
  const [holder, field] = path.split(".") as [string, string?];
  const value = (name: string) => (idCall === undefined ? `ids.${name}` : `${idCall}.parse(request.${name})`);
  return (
    field === undefined
      ? `${holder}: ${value(holder)}`
      : `${holder}: { ...attributes.${holder}, ${field}: ${value(field)} }`
  ) as PutIdAssignment<TPath, TIdCall>;
};

/**
 * A put's attributes (scope `put`, `batchPut`, a transaction's `put`) with an isolation field given a plain string
 * (`TPath`: where it sits, `ctx.tenantId` one level down). Type-only: a parsed id is a plain string at runtime, and
 * the runtime refuses a value other than the scope's own (`isolation.foreign`).
 */
export type PutPlainIdMessage<
  TEntity extends string,
  TPath extends string,
> = `[put.plainId] ${QuotedName<TEntity>} put's ${TPath} is a plain string, not a parsed id | give put the id the scope was opened with | e.g. db.entity(${ExampleName<TEntity>}).scope(ids).put({ ...attributes, ${PutIdAssignment<TPath>} })`;
/** Type-only: the catalog's sample of the compiler's message. */
export const putPlainIdMessage = <TEntity extends string, TPath extends string>(
  entity: TEntity,
  path: TPath,
): PutPlainIdMessage<TEntity, TPath> =>
  `[put.plainId] ${quotedName(entity)} put's ${path} is a plain string, not a parsed id | give put the id the scope was opened with | e.g. db.entity(${exampleName(entity)}).scope(ids).put({ ...attributes, ${putIdAssignment(path)} })` as PutPlainIdMessage<
    TEntity,
    TPath
  >;

/**
 * A put's attributes with an isolation field given the parsed id of another level or kit (two levels' ids swapped,
 * another vocabulary's, the default kit's `tenantId` in a kit). Type-only: the runtime refuses the swap by its value
 * (`isolation.foreign`), and an id of another kit spelling the same value builds the same key.
 */
export type PutWrongIdMessage<
  TEntity extends string,
  TPath extends string,
> = `[put.wrongId] ${QuotedName<TEntity>} put's ${TPath} is a parsed id of another field or kit, not this scope's | give put the id the scope was opened with | e.g. db.entity(${ExampleName<TEntity>}).scope(ids).put({ ...attributes, ${PutIdAssignment<TPath>} })`;
/** Type-only: the catalog's sample of the compiler's message for swapped ids. */
export const putWrongIdMessage = <TEntity extends string, TPath extends string>(
  entity: TEntity,
  path: TPath,
): PutWrongIdMessage<TEntity, TPath> =>
  `[put.wrongId] ${quotedName(entity)} put's ${path} is a parsed id of another field or kit, not this scope's | give put the id the scope was opened with | e.g. db.entity(${exampleName(entity)}).scope(ids).put({ ...attributes, ${putIdAssignment(path)} })` as PutWrongIdMessage<
    TEntity,
    TPath
  >;

/**
 * A put's attributes with an id field that is no isolation field (a tenant-level entity's `capsuleId: capsuleId()`,
 * a `parentId: ids.workspaceId()`) given a plain string: put takes the parsed id there too (typed by schema, as keys()
 * reads it). `TIdCall` is the schema's constructor in the kit's words (`capsuleId()`, `ids.workspaceId()`). Type-only:
 * a parsed id is a plain string at runtime, where put parses the field with its schema (an empty value or one holding
 * `#` is `item.invalid`).
 */
export type PutUnparsedIdMessage<
  TEntity extends string,
  TPath extends string,
  TIdCall extends string,
> = `[put.unparsedId] ${QuotedName<TEntity>} put's ${TPath} is a plain string, not a parsed id | parse it with its id's schema first | e.g. db.entity(${ExampleName<TEntity>}).scope(scopeIds).put({ ...attributes, ${PutIdAssignment<TPath, TIdCall>} })`;
/** Type-only: the catalog's sample of the compiler's message. */
export const putUnparsedIdMessage = <TEntity extends string, TPath extends string, TIdCall extends string>(
  entity: TEntity,
  path: TPath,
  idCall: TIdCall,
): PutUnparsedIdMessage<TEntity, TPath, TIdCall> =>
  `[put.unparsedId] ${quotedName(entity)} put's ${path} is a plain string, not a parsed id | parse it with its id's schema first | e.g. db.entity(${exampleName(entity)}).scope(scopeIds).put({ ...attributes, ${putIdAssignment(path, idCall)} })` as PutUnparsedIdMessage<
    TEntity,
    TPath,
    TIdCall
  >;

export const itemInvalidMessage = (entity: string, issues: string): string =>
  `[item.invalid] ${entity} item does not match its schema: ${issues} | write items through toItem() or scope().put(), which validate first | e.g. ${entity}.toItem(attributes)`;

/**
 * An update changing a field the primary key or the isolation ids are built from (`TIsolation`: the entity's isolation
 * paths, `tenantId | capsuleId`, `ctx.tenantId | ctx.capsuleId`). The example puts the item anew: under a new key in
 * the same scope, or, for an isolation field (or the object holding it), in the scope opened with the other ids, which
 * are parsed ids (`scope.put({ ...attributes, ...ids })`, the idiom of a scope's put), so that it compiles as printed.
 */
export type UpdateKeyFieldMessage<
  TEntity extends string,
  TField extends string,
  TIsolation extends string,
> = `[update.keyField] ${QuotedName<TEntity>} cannot update ${TField}: the primary key or the isolation ids are built from it | delete the item and put a new one | e.g. scope.delete(key) then ${TField extends TIsolation
  ? `db.entity(${ExampleName<TEntity>}).scope(ids).put({ ...item, ...ids })`
  : [Extract<TIsolation, `${TField}.${string}`>] extends [never]
    ? `scope.put({ ...item, ${TField}: next })`
    : `db.entity(${ExampleName<TEntity>}).scope(ids).put({ ...item, ${TField}: { ...item.${TField}, ...ids } })`}`;
/** Runtime twin of {@link UpdateKeyFieldMessage}: `isolation`, the entity's isolation paths. */
export const updateKeyFieldMessage = (entity: string, field: string, isolation: readonly string[]): string =>
  `[update.keyField] ${quotedName(entity)} cannot update ${field}: the primary key or the isolation ids are built from it | delete the item and put a new one | e.g. scope.delete(key) then ${
    isolation.includes(field)
      ? `db.entity(${exampleName(entity)}).scope(ids).put({ ...item, ...ids })`
      : isolation.some((path) => path.startsWith(`${field}.`))
        ? `db.entity(${exampleName(entity)}).scope(ids).put({ ...item, ${field}: { ...item.${field}, ...ids } })`
        : `scope.put({ ...item, ${field}: next })`
  }`;

export const updateUnknownFieldMessage = (entity: string, field: string): string =>
  `[update.unknownField] ${entity} has no attribute ${field} to update | update fields of the entity's schema | e.g. scope.update({ id: "r1" }, { role: "admin" })`;

/** An update whose changes name no field (`update(key, {})`): the `this` of the exact `update` overloads. */
export type UpdateNothingMessage<TEntity extends string> =
  `[update.nothing] ${TEntity} update has no changes | pass at least one attribute to set, or undefined to remove an optional one | e.g. scope.update({ id: "r1" }, { role: "admin" })`;
/** Runtime twin of {@link UpdateNothingMessage}. */
export const updateNothingMessage = <TEntity extends string>(entity: TEntity): UpdateNothingMessage<TEntity> =>
  `[update.nothing] ${entity} update has no changes | pass at least one attribute to set, or undefined to remove an optional one | e.g. scope.update({ id: "r1" }, { role: "admin" })`;

export const updatePartialIndexMessage = (
  entity: string,
  attribute: string,
  changed: string,
  missing: string,
): string =>
  `[update.partialIndexKey] ${entity} index key ${attribute} is built from ${changed} and ${missing}, and only ${changed} is in the update | pass every field of the index key, so it is rebuilt, never left stale | e.g. scope.update(key, { ${changed}: …, ${missing}: … })`;

export const sortKeyConditionMessage = (entity: string, attribute: string, problem: string): string =>
  `[query.sortKey] ${quotedName(entity)} ${sortKeyWords(attribute)} condition ${problem} | give the leading fields of the sort key in order, the last one optionally as { beginsWith } | e.g. sortKey: { noteId: "n1" } or sortKey: { noteId: { beginsWith: "n" } }`;

/**
 * `{ author }`, `{ ctx: { region } }`: a partition giving the fields of a pk template beyond the scope's ids
 * (`TIds`), in the template's order, each once, as shorthand properties; `{}` when it has none. Error path only: a
 * walk over the template's placeholders.
 *
 * @example
 * type Example = PartitionExample<"TENANT#${tenantId}#AUTHOR#${author}", "tenantId">; //=> "{ author }"
 */
export type PartitionExample<TTemplate extends string, TIds extends string> =
  PartitionFields<TTemplate, TIds> extends infer TFields extends string
    ? TFields extends ""
      ? "{}"
      : `{ ${TFields} }`
    : never;
type PartitionFields<
  TRest extends string,
  TIds extends string,
  TSeen extends string = never,
  TDone extends string = "",
> = TRest extends `${string}\${${infer TPath}}${infer TTail}`
  ? [TPath] extends [TIds | TSeen]
    ? PartitionFields<TTail, TIds, TSeen, TDone>
    : PartitionFields<
        TTail,
        TIds,
        TSeen | TPath,
        `${TDone}${TDone extends "" ? "" : ", "}${TPath extends `${infer THolder}.${infer TField}` ? `${THolder}: { ${TField} }` : TPath}`
      >
  : TDone;
/** Runtime twin of {@link PartitionExample}. */
export const partitionExample = (template: string, ids: readonly string[]): string => {
  const paths = [...template.matchAll(/\$\{([^}]*)\}/g)].map((match) => match[1]!);
  const fields = [...new Set(paths)]
    .filter((path) => !ids.includes(path))
    .map((path) =>
      path.includes(".") ? `${path.slice(0, path.indexOf("."))}: { ${path.slice(path.indexOf(".") + 1)} }` : path,
    );
  return fields.length === 0 ? "{}" : `{ ${fields.join(", ")} }`;
};

/** `TKnown`: the entity's indexes, listed (`ListOf`: sorted, `none` without any); the example names the first. */
export type UnknownIndexMessage<
  TEntity extends string,
  TIndex extends string,
  TKnown extends string,
> = `[query.unknownIndex] ${QuotedName<TEntity>} has no index "${QuotedName<TIndex>}" | query one of the entity's indexes (${QuotedNames<TKnown>}), or leave index out for the table | e.g. ${TKnown extends "none" ? `remove index: "${QuotedName<TIndex>}"` : `index: "${QuotedName<TKnown extends `${infer TFirst}, ${string}` ? TFirst : TKnown>}"`}`;
/** `index` quoted as the type quotes it (a name as {@link quotedName}, another value as describeValue); `known` sorted here. */
export const unknownIndexMessage = (entity: string, index: unknown, known: readonly string[]): string => {
  const quoted = typeof index === "string" ? `"${quotedName(index)}"` : describeValue(index);
  const sorted = [...known].sort();
  const example = sorted.length === 0 ? `remove index: ${quoted}` : `index: "${quotedName(sorted[0]!)}"`;
  return `[query.unknownIndex] ${quotedName(entity)} has no index ${quoted} | query one of the entity's indexes (${quotedNames(sorted) || "none"}), or leave index out for the table | e.g. ${example}`;
};

/** `TIds`: the paths of the scope's ids, which the example's partition leaves out. */
export type QueryPartitionMessage<
  TEntity extends string,
  TIndex extends string,
  TTemplate extends string,
  TIds extends string,
> = `[query.partition] ${QuotedName<TEntity>} query on ${TIndex extends "" ? "the table" : `index ${QuotedName<TIndex>}`} has no partition, and its pk template "${TTemplate}" has fields beyond the scope's ids | give those fields in partition | e.g. partition: ${PartitionExample<TTemplate, TIds>}`;
export const queryPartitionMessage = (
  entity: string,
  index: string,
  template: string,
  ids: readonly string[],
): string =>
  `[query.partition] ${quotedName(entity)} query on ${index === "" ? "the table" : `index ${quotedName(index)}`} has no partition, and its pk template "${template}" has fields beyond the scope's ids | give those fields in partition | e.g. partition: ${partitionExample(template, ids)}`;

/**
 * A partition given, but not the pk template's fields beyond the scope's ids: `problem` says which one it lacks
 * (`has no author`) or names that the template does not take (`names "author"`, where the pk has no such field).
 */
export type QueryPartitionFieldMessage<
  TEntity extends string,
  TIndex extends string,
  TProblem extends string,
  TTemplate extends string,
  TIds extends string,
> = `[query.partition] ${QuotedName<TEntity>} query on ${TIndex extends "" ? "the table" : `index ${QuotedName<TIndex>}`} partition ${TProblem}: its pk template is "${TTemplate}" | give exactly its fields beyond the scope's ids | e.g. partition: ${PartitionExample<TTemplate, TIds>}`;
export const queryPartitionFieldMessage = (
  entity: string,
  index: string,
  problem: string,
  template: string,
  ids: readonly string[],
): string =>
  `[query.partition] ${quotedName(entity)} query on ${index === "" ? "the table" : `index ${quotedName(index)}`} partition ${problem}: its pk template is "${template}" | give exactly its fields beyond the scope's ids | e.g. partition: ${partitionExample(template, ids)}`;

/** A sort-key attribute in a message: `sk` for the table's, `index byTag sk` for an index's (stored as `byTagsk`). */
type SortKeyWords<TAttribute extends string> = TAttribute extends `${infer TIndex}sk`
  ? TIndex extends ""
    ? "sk"
    : `index ${QuotedName<TIndex>} sk`
  : TAttribute;
/** {@link SortKeyWords} at runtime. */
const sortKeyWords = (attribute: string): string =>
  attribute === "sk" || !attribute.endsWith("sk")
    ? attribute
    : `index ${quotedName(attribute.slice(0, -"sk".length))} sk`;

export type SortKeyStrayMessage<
  TEntity extends string,
  TAttribute extends string,
  TField extends string,
  TTemplate extends string,
> = `[query.sortKey] ${QuotedName<TEntity>} ${SortKeyWords<TAttribute>} condition names "${TField}", which is not a field of the template "${TTemplate}" | give the leading fields of the sort key in order, the last one optionally as { beginsWith } | e.g. sortKey: { noteId: "n1" } or sortKey: { noteId: { beginsWith: "n" } }`;

/** `query.sortKey` with the runtime's own `problem` text (a gap, an operator before a later field, a range on a number). */
export type SortKeyConditionMessage<
  TEntity extends string,
  TAttribute extends string,
  TProblem extends string,
> = `[query.sortKey] ${QuotedName<TEntity>} ${SortKeyWords<TAttribute>} condition ${TProblem} | give the leading fields of the sort key in order, the last one optionally as { beginsWith } | e.g. sortKey: { noteId: "n1" } or sortKey: { noteId: { beginsWith: "n" } }`;

export type IndexLevelScopeMessage<
  TEntity extends string,
  TIndex extends string,
  TLevel extends string,
  TScopeLevel extends string,
  TPrefix extends string,
> = `[scope.indexLevel] ${QuotedName<TEntity>}'s index ${QuotedName<TIndex>} is keyed at the ${TLevel} level, wider than a ${TScopeLevel} scope | query it from a ${TLevel} scope, or key one inside the ${TScopeLevel} | e.g. indexes: { byStatus: { pk: "${TPrefix}#STATUS#\${status}" } }`;
/** `prefix`: the entity's own partition prefix (`TENANT#${tenantId}#CAPSULE#${capsuleId}`, a kit's in its labels). */
export const indexLevelScopeMessage = (
  entity: string,
  index: string,
  level: string,
  scopeLevel: string,
  prefix: string,
): string =>
  `[scope.indexLevel] ${quotedName(entity)}'s index ${quotedName(index)} is keyed at the ${level} level, wider than a ${scopeLevel} scope | query it from a ${level} scope, or key one inside the ${scopeLevel} | e.g. indexes: { byStatus: { pk: "${prefix}#STATUS#\${status}" } }`;

/**
 * A scope opened at an outer level (`scope({ tenantId })` of a capsule entity) asked for anything but a query of
 * an index opted out to that level (`scope.outerLevel`).
 *
 * @example
 * outerLevelScopeMessage("Document", "tenant", "get", ["byTenant"], ["tenantId"]); //=> "[scope.outerLevel] Document's tenant scope …"
 * @see docs/dynamodb.md
 */
export type OuterLevelScopeMessage<
  TEntity extends string,
  TLevel extends string,
  TWhat extends string,
  TIndexes extends string,
  TIds extends string,
  TFirst extends string,
> = `[scope.outerLevel] ${QuotedName<TEntity>}'s ${TLevel} scope can only query the indexes opted out to the ${TLevel} level (${QuotedNames<TIndexes>}), not ${TWhat} | open a scope with the ids of every level for anything else | e.g. db.entity(${ExampleName<TEntity>}).scope({ ${TIds} }).query({ index: "${QuotedName<TFirst>}" })`;
export const outerLevelScopeMessage = (
  entity: string,
  level: string,
  what: string,
  indexes: readonly string[],
  ids: readonly string[],
): string =>
  `[scope.outerLevel] ${quotedName(entity)}'s ${level} scope can only query the indexes opted out to the ${level} level (${quotedNames(indexes)}), not ${what} | open a scope with the ids of every level for anything else | e.g. db.entity(${exampleName(entity)}).scope({ ${ids.join(", ")} }).query({ index: "${quotedName(indexes[0] ?? "")}" })`;

export type QueryOptionMessage<
  TEntity extends string,
  TOption extends string,
  TProblem extends string,
> = `[query.invalidOption] ${QuotedName<TEntity>} query ${TOption} ${TProblem} | limit, pageSize and maxRequests are positive integers, order "asc" or "desc", consistent (only without index) and hydrate true or false | e.g. scope.query({ limit: 25, order: "desc" })`;
export const queryOptionMessage = <TEntity extends string, TOption extends string, TProblem extends string>(
  entity: TEntity,
  option: TOption,
  problem: TProblem,
): QueryOptionMessage<TEntity, TOption, TProblem> =>
  `[query.invalidOption] ${quotedName(entity)} query ${option} ${problem} | limit, pageSize and maxRequests are positive integers, order "asc" or "desc", consistent (only without index) and hydrate true or false | e.g. scope.query({ limit: 25, order: "desc" })` as QueryOptionMessage<
    TEntity,
    TOption,
    TProblem
  >;
/**
 * `query.invalidOption` of a command builder's query (`Note.scope(ids).query(…)`, a `QueryCommand` input): the options
 * it takes, which are not all the adapter's (`pageSize`, `maxRequests` and `hydrate` are read by the adapter's pages).
 */
export type BuilderQueryOptionMessage<
  TEntity extends string,
  TOption extends string,
  TProblem extends string,
> = `[query.invalidOption] ${QuotedName<TEntity>} query ${TOption} ${TProblem} | a command takes limit (a positive integer), order "asc" or "desc", cursor and consistent (only without index); pageSize, maxRequests and hydrate are the adapter's | e.g. scope.query({ limit: 25 })`;
export const builderQueryOptionMessage = <TEntity extends string, TOption extends string, TProblem extends string>(
  entity: TEntity,
  option: TOption,
  problem: TProblem,
): BuilderQueryOptionMessage<TEntity, TOption, TProblem> =>
  `[query.invalidOption] ${quotedName(entity)} query ${option} ${problem} | a command takes limit (a positive integer), order "asc" or "desc", cursor and consistent (only without index); pageSize, maxRequests and hydrate are the adapter's | e.g. scope.query({ limit: 25 })` as BuilderQueryOptionMessage<
    TEntity,
    TOption,
    TProblem
  >;
/** What `query.invalidOption` says of a key that is no query option (a misspelt `limitt`). */
export const notAQueryOption = "is not an option of a query";
export type NotAQueryOption = typeof notAQueryOption;
/** What `query.invalidOption` says of a key that is no option of a collection's query (`sortKey`, `hydrate`, `limitt`). */
export const notACollectionOption = "is not an option of a collection query";
export type NotACollectionOption = typeof notACollectionOption;
/**
 * `query.invalidOption` of a collection's query (`members`: its entity names, `"Note, Comment"`): the options it
 * takes, which are not an entity query's (no `sortKey`, no `hydrate`).
 */
export type CollectionOptionMessage<
  TMembers extends string,
  TOption extends string,
  TProblem extends string,
> = `[query.invalidOption] collection(${TMembers}) query ${TOption} ${TProblem} | a collection takes no sortKey or hydrate; limit, pageSize, maxRequests: positive integers; order: "asc" or "desc" | e.g. db.collection(entities).scope(ids).query({ limit: 25 })`;
export const collectionOptionMessage = <TMembers extends string, TOption extends string, TProblem extends string>(
  members: TMembers,
  option: TOption,
  problem: TProblem,
): CollectionOptionMessage<TMembers, TOption, TProblem> =>
  `[query.invalidOption] collection(${members}) query ${option} ${problem} | a collection takes no sortKey or hydrate; limit, pageSize, maxRequests: positive integers; order: "asc" or "desc" | e.g. db.collection(entities).scope(ids).query({ limit: 25 })`;

export const getOptionMessage = (entity: string, option: string, problem: string): string =>
  `[get.invalidOption] ${entity} get ${option} ${problem} | consistent is true or false (a string from a request's query string is neither: compare it first) | e.g. scope.get(key, { consistent: true })`;

export type FilterKeyFieldMessage<TPath extends string> =
  `[filter.keyField] the filter names ${TPath}, a key or isolation field of the query: the key condition already decides it | give key fields in partition or sortKey (the scope fixes the ids); filter on other attributes | e.g. filter: (f) => f.eq("status", "draft")`;
export const filterKeyFieldMessage = <TPath extends string>(path: TPath): FilterKeyFieldMessage<TPath> =>
  `[filter.keyField] the filter names ${path}, a key or isolation field of the query: the key condition already decides it | give key fields in partition or sortKey (the scope fixes the ids); filter on other attributes | e.g. filter: (f) => f.eq("status", "draft")`;

/**
 * `TFields`: the entity's top-level isolation fields as `ListOf` lists them (sorted, `none` for a global entity),
 * which the example's projection includes beside `entityType`.
 */
export type TableProjectionMessage<
  TEntity extends string,
  TIndex extends string,
  TProblem extends string,
  TFields extends string = "capsuleId, tenantId",
> = `[table.projection] ${QuotedName<TEntity>} uses index ${QuotedName<TIndex>}, whose projection ${TProblem} | include the entity's isolation fields and only attributes of its schema, or project ALL | e.g. projection: { include: ["entityType", ${IncludedFields<TFields>}"title"] }`;
/** `"capsuleId", "tenantId", `: each listed field quoted and followed by a comma, nothing for `none`. */
type IncludedFields<TFields extends string> = TFields extends "none"
  ? ""
  : TFields extends `${infer TField}, ${infer TRest}`
    ? `"${TField}", ${IncludedFields<TRest>}`
    : `"${TFields}", `;
/** `fields`: the entity's top-level isolation fields (the default kit's by default), sorted here as the type lists them. */
export const tableProjectionMessage = (
  entity: string,
  index: string,
  problem: string,
  fields: readonly string[] = ["tenantId", "capsuleId"],
): string =>
  `[table.projection] ${quotedName(entity)} uses index ${quotedName(index)}, whose projection ${problem} | include the entity's isolation fields and only attributes of its schema, or project ALL | e.g. projection: { include: ["entityType", ${[
    ...fields,
  ]
    .sort()
    .map((field) => `"${field}", `)
    .join("")}"title"] }`;

export const hydrateMissingMessage = (operation: string, where: string, keys: string): string =>
  `[query.hydrateMissing] ${operation} in ${where} read index entries whose items are gone (deleted between the index read and the fetch): ${keys} | read again; hydrate reports these instead of dropping them | e.g. await notes.query({ index, hydrate: true })`;

export type CollectionMessage<
  TEntities extends string,
  TProblem extends string,
> = `[collection.invalid] collection of ${TEntities} ${TProblem} | list distinct entities of one table that share their pk template | e.g. db.collection([Note, Comment]).scope(ids).query()`;
export const collectionMessage = <TEntities extends string, TProblem extends string>(
  entities: TEntities,
  problem: TProblem,
): CollectionMessage<TEntities, TProblem> =>
  `[collection.invalid] collection of ${entities} ${problem} | list distinct entities of one table that share their pk template | e.g. db.collection([Note, Comment]).scope(ids).query()`;

export const requestCapMessage = (operation: string, requests: number, returned: number, wanted: string): string =>
  `[query.requestCap] ${operation} sent its ${requests} requests (maxRequests) and returned ${returned} of ${wanted} items | raise maxRequests or pageSize, narrow the sort key, or read by page(), which returns what it has and a cursor | e.g. notes.page({ limit: 25, maxRequests: 10 })`;

export const invalidCursorMessage = (entity: string, problem: string): string =>
  `[query.invalidCursor] ${entity} cursor ${problem} | pass back the cursor a page of this same query returned, unchanged | e.g. scope.query({ ...input, cursor: page.cursor })`;

export const foreignCursorMessage = (entity: string, expected: string, actual: string): string =>
  `[isolation.foreignCursor] ${entity} cursor points into partition ${actual}, not this query's ${expected} | a cursor only resumes the query and scope that returned it | e.g. scope.query({ ...sameInput, cursor })`;

// ── tables ─────────────────────────────────────────────────────────────────────────────────────────────

/** `example`: the example's table name ({@link exampleTableName}: `app_data` for a kit's entity). */
export const invalidTableMessage = (table: string, problem: string, example = "platform_data"): string =>
  `[table.invalid] table ${table} ${problem} | use 3-255 of a-z A-Z 0-9 _ . - for table and index names, and one non-empty attribute per key | e.g. defineTable({ name: "${example}", pk: "PK", sk: "SK", indexes: { gsi1: { pk: "GSI1PK" } } })`;

/** `renamed`: the table's names of the keys it renames, sorted (`GSI1PK, PK, SK`). */
export type TableByNameMessage<
  TEntity extends string,
  TTable extends string,
  TRenamed extends string,
> = `[table.byName] ${QuotedName<TEntity>} is given its table "${TTable}" by name, which keeps the entity's key names; the table stores ${TRenamed} | give the defineTable() value, or no table option | e.g. connect(client, { table: PlatformTable })`;
export const tableByNameMessage = (entity: string, table: string, renamed: string): string =>
  `[table.byName] ${quotedName(entity)} is given its table ${JSON.stringify(table)} by name, which keeps the entity's key names; the table stores ${renamed} | give the defineTable() value, or no table option | e.g. connect(client, { table: PlatformTable })`;

export type TableMissingKeyMessage<
  TEntity extends string,
  TTable extends string,
  TAttribute extends string,
> = `[table.missingKey] ${QuotedName<TEntity>} has no ${TAttribute} template, but table ${TTable} keys items by ${TAttribute} | declare it on the entity, or describe the table as it is | e.g. defineTable({ name: "${TTable}", sk: false }) for a table without a sort key`;
export const tableMissingKeyMessage = <TEntity extends string, TTable extends string, TAttribute extends string>(
  entity: TEntity,
  table: TTable,
  attribute: TAttribute,
): TableMissingKeyMessage<TEntity, TTable, TAttribute> =>
  `[table.missingKey] ${quotedName(entity)} has no ${attribute} template, but table ${table} keys items by ${attribute} | declare it on the entity, or describe the table as it is | e.g. defineTable({ name: "${table}", sk: false }) for a table without a sort key` as TableMissingKeyMessage<
    TEntity,
    TTable,
    TAttribute
  >;

export type TableUnknownKeyMessage<
  TEntity extends string,
  TTable extends string,
  TAttribute extends string,
> = `[table.unknownKey] ${QuotedName<TEntity>} stores key ${QuotedName<TAttribute>}, which table ${TTable} does not have | add the index (or sort key) to defineTable, or remove it from the entity | e.g. defineTable({ name: "${TTable}", indexes: { gsi1: { pk: "GSI1PK", sk: "GSI1SK" } } })`;
export const tableUnknownKeyMessage = <TEntity extends string, TTable extends string, TAttribute extends string>(
  entity: TEntity,
  table: TTable,
  attribute: TAttribute,
): TableUnknownKeyMessage<TEntity, TTable, TAttribute> =>
  `[table.unknownKey] ${quotedName(entity)} stores key ${quotedName(attribute)}, which table ${table} does not have | add the index (or sort key) to defineTable, or remove it from the entity | e.g. defineTable({ name: "${table}", indexes: { gsi1: { pk: "GSI1PK", sk: "GSI1SK" } } })` as TableUnknownKeyMessage<
    TEntity,
    TTable,
    TAttribute
  >;

export const tableAttributeClashMessage = (entity: string, table: string, attribute: string): string =>
  `[table.attributeClash] table ${table} stores a key in attribute ${attribute}, which ${entity} also declares as a field | rename the field or the table's key attribute | e.g. defineTable({ name: "${table}", pk: "PK", sk: "SK" })`;

// ── the DynamoDB adapter ───────────────────────────────────────────────────────────────────────────────

export const tokenReusedMessage = (operation: string, where: string): string =>
  `[dynamodb.tokenReused] ${operation} in ${where} reused a token DynamoDB saw within ten minutes on other items | give each new transaction its own token; reuse one only to retry the same items | e.g. await tx.commit({ token: randomUUID() })`;

export const dynamoRequestMessage = (operation: string, where: string, cause: string): string =>
  `[dynamodb.request] ${operation} in ${where} failed: ${cause} | check the table name, its key schema and the client's endpoint and credentials; the AWS error is the cause | e.g. connect(client, { table: "platform_data" })`;

export const dynamoConditionMessage = (operation: string, where: string): string =>
  `[dynamodb.conditionFailed] ${operation} in ${where} was refused by its condition: the item exists (ifNotExists), is missing (update), or is of another entity type | read the item first, or put without ifNotExists to replace it | e.g. await notes.get({ id })`;

export type ScanReasonMessage =
  `[dynamodb.scanReason] scanning every partition needs a non-empty reason written as a literal | say why this read may cross isolation boundaries | e.g. unscopedScan({ reason: "nightly export to the data lake" })`;
export const scanReasonMessage = (): ScanReasonMessage =>
  `[dynamodb.scanReason] scanning every partition needs a non-empty reason written as a literal | say why this read may cross isolation boundaries | e.g. unscopedScan({ reason: "nightly export to the data lake" })`;

/** unscopedScan's own options: `reason`, `index`, `pageSize`, `filter` (a query's `limit` or `order` is none of them). */
export const scanOptionMessage = (entity: string, option: string, problem: string): string =>
  `[dynamodb.scanOption] ${entity} unscopedScan ${option} ${problem} | unscopedScan takes reason (a non-empty literal), index (one projecting ALL), pageSize (a positive integer) and filter | e.g. db.entity(${entity}).unscopedScan({ reason: "nightly export", pageSize: 100 })`;

/** An option bag's key the call does not take, or options that are no object (src/internal/option-keys.ts). */
export const invalidOptionsMessage = (
  call: string,
  problem: string,
  takes: readonly string[],
  example: string,
): string =>
  `[options.invalid] ${call} ${problem} | ${call} ${takes.length === 0 ? "takes no options" : `takes ${takes.join(", ")}`}; a misspelt option would be ignored, so it is refused | e.g. ${example}`;

// ── IAM ────────────────────────────────────────────────────────────────────────────────────────────────

/**
 * `outermost`: the field of the kit's outermost level, for the example (`tenantId` in the default kit), whose tag key
 * is named after it as IAM takes it (`prj$` → `prj`). `underIds`: the kit's ids go under `ids` (a level field is named
 * like an option of the policy, `accountId` for an `ACCOUNT#…` table), and the example gives them there. `call`: the
 * policy written, `leadingKeysPolicy` (ids or principal tags) or `sessionPolicy` (a session's literal ids).
 */
export type PolicyInputMessage<
  TField extends string,
  TProblem extends string,
  TOutermost extends string = "tenantId",
  TUnderIds extends boolean = false,
  TCall extends PolicyCall = "leadingKeysPolicy",
> = `[policy.invalid] ${TCall} ${TField} ${TProblem} | give a 12-digit account, a region, ids without "#"${TCall extends "leadingKeysPolicy" ? ", tag keys of letters, digits and _.:/=+-@" : ""} | e.g. ${TCall}({ table, region: "eu-west-1", accountId: "123456789012", ${TUnderIds extends true ? `ids: { ${PolicyIdExample<TOutermost, TCall>} }` : PolicyIdExample<TOutermost, TCall>} })`;
/** The policies whose options {@link PolicyInputMessage} words: the one naming principal tags, the session's. */
export type PolicyCall = "leadingKeysPolicy" | "sessionPolicy";
type PolicyIdExample<TOutermost extends string, TCall extends PolicyCall> = TCall extends "leadingKeysPolicy"
  ? `${TOutermost}: { principalTag: "${TagKeyFor<TOutermost>}" }`
  : `${TOutermost}: "acme"`;
export const policyInputMessage = (
  field: string,
  problem: string,
  outermost = "tenantId",
  underIds = false,
  call: PolicyCall = "leadingKeysPolicy",
): string => {
  const id =
    call === "leadingKeysPolicy" ? `${outermost}: { principalTag: "${tagKeyFor(outermost)}" }` : `${outermost}: "acme"`;
  const tagKeys = call === "leadingKeysPolicy" ? ", tag keys of letters, digits and _.:/=+-@" : "";
  return `[policy.invalid] ${call} ${field} ${problem} | give a 12-digit account, a region, ids without "#"${tagKeys} | e.g. ${call}({ table, region: "eu-west-1", accountId: "123456789012", ${underIds ? `ids: { ${id} }` : id} })`;
};

// ── per-tenant credentials ─────────────────────────────────────────────────────────────────────────────

/** `TRole`: the example role's name, in the kit's words (`tenant-data` in the default kit, `org-data` in an org kit). */
export type CredentialsInvalidMessage<
  TField extends string,
  TProblem extends string,
  TRole extends string = "tenant-data",
> = `[credentials.invalid] ${TField} ${TProblem} | give what STS accepts (see docs/leading-keys.md) | e.g. assumeRoleInput(ids, { roleArn: "arn:aws:iam::123456789012:role/${TRole}", confine: { sessionTags: {} } })`;
export const credentialsInvalidMessage = <TField extends string, TProblem extends string, TRole extends string>(
  field: TField,
  problem: TProblem,
  role: TRole = "tenant-data" as TRole,
): CredentialsInvalidMessage<TField, TProblem, TRole> =>
  `[credentials.invalid] ${field} ${problem} | give what STS accepts (see docs/leading-keys.md) | e.g. assumeRoleInput(ids, { roleArn: "arn:aws:iam::123456789012:role/${role}", confine: { sessionTags: {} } })`;

/** `index`: the example index's name, in the kit's words (`byTenant` in the default kit, `byOrg` in an org kit). */
export const sessionPolicySizeMessage = (what: string, size: string, limit: string, index = "byTenant"): string =>
  `[credentials.policyTooLarge] ${what} is ${size}, over STS's limit of ${limit} | grant fewer indexes or actions, or use session tags (ABAC) | e.g. sessionPolicy({ ...options, indexes: ["${index}"], actions: ["dynamodb:Query"] })`;
// ── events: definitions ─────────────────────────────────────────────────────────────────────────────────

/** Where an event type comes from: `defineEvent({ type })` or `Entity.event(verb)`. */
export type EventNameProperty = "type" | "verb";

/**
 * `TEntity`: the entity of the example: for a verb, the entity whose `event()` was called; for a type, the
 * vocabulary's `exampleEntity` ({@link exampleEntityName}).
 */
type EventNameExample<TProperty extends EventNameProperty, TEntity extends string> = TProperty extends "type"
  ? `type: "${ExampleName<TEntity>}Created"`
  : `${ExampleName<TEntity>}.event("Created")`;
const eventNameExample = <TProperty extends EventNameProperty, TEntity extends string>(
  property: TProperty,
  entity: TEntity,
): EventNameExample<TProperty, TEntity> =>
  (property === "type"
    ? `type: "${exampleName(entity)}Created"`
    : `${exampleName(entity)}.event("Created")`) as EventNameExample<TProperty, TEntity>;

export type EventNameNotLiteralMessage<
  TProperty extends EventNameProperty,
  TEntity extends string = "RoleAssignment",
> = `[event.typeNotLiteral] ${TProperty} must be a non-empty string literal: consumers route and validate events by their type | write it inline | e.g. ${EventNameExample<TProperty, TEntity>}`;
export const eventNameNotLiteralMessage = <
  TProperty extends EventNameProperty,
  TEntity extends string = "RoleAssignment",
>(
  property: TProperty,
  entity: TEntity = "RoleAssignment" as TEntity,
): EventNameNotLiteralMessage<TProperty, TEntity> =>
  `[event.typeNotLiteral] ${property} must be a non-empty string literal: consumers route and validate events by their type | write it inline | e.g. ${eventNameExample(property, entity)}`;

export type DetailOverlapMessage<
  TField extends string,
  TEntity extends string,
> = `[event.detailOverlap] detail redeclares ${TField}, which every ${QuotedName<TEntity>} event already carries from the entity's isolation and key fields | drop it from detail, or rename it | e.g. ${ExampleName<TEntity>}.event("Created", { detail: z.object({ actorId: z.string() }) })`;
export const detailOverlapMessage = <TField extends string, TEntity extends string>(
  field: TField,
  entity: TEntity,
): DetailOverlapMessage<TField, TEntity> =>
  `[event.detailOverlap] detail redeclares ${field}, which every ${quotedName(entity)} event already carries from the entity's isolation and key fields | drop it from detail, or rename it | e.g. ${exampleName(entity)}.event("Created", { detail: z.object({ actorId: z.string() }) })` as DetailOverlapMessage<
    TField,
    TEntity
  >;

export type WeakerIsolationMessage<
  TLevel extends string,
  TEntity extends string,
  TEntityLevel extends string,
> = `[event.weakerIsolation] isolation level "${TLevel}" is weaker than ${QuotedName<TEntity>}'s "${TEntityLevel}": an event about an entity carries its isolation fields | leave isolation out, so the event inherits the entity's level | e.g. defineEvent({ type, entity: ${ExampleName<TEntity>}, detail })`;
export const weakerIsolationMessage = <TLevel extends string, TEntity extends string, TEntityLevel extends string>(
  level: TLevel,
  entity: TEntity,
  entityLevel: TEntityLevel,
): WeakerIsolationMessage<TLevel, TEntity, TEntityLevel> =>
  `[event.weakerIsolation] isolation level "${level}" is weaker than ${quotedName(entity)}'s "${entityLevel}": an event about an entity carries its isolation fields | leave isolation out, so the event inherits the entity's level | e.g. defineEvent({ type, entity: ${exampleName(entity)}, detail })` as WeakerIsolationMessage<
    TLevel,
    TEntity,
    TEntityLevel
  >;

/**
 * Runtime only (plain JS callers): an event option of the wrong kind. The example is built by the caller from
 * what it knows: the declared event types, or the kit's levels ({@link exampleEventEntity}).
 */
export const invalidEventOptionMessage = (option: string, expected: string, example: string): string =>
  `[event.invalidOption] ${option} must be ${expected} | pass it as the types describe | e.g. ${example}`;

/**
 * The `entity:` of an event example in a kit's words: the default kit's case-study entity, or an entity the
 * kit's `defineEntity` accepts (its level fields and prefix).
 *
 * @example
 * exampleEventEntity(orgKit); //=> 'defineEntity({ name, schema: z.object({ orgId: ids.orgId(), workspaceId: ids.workspaceId(), id: z.string() }), pk: "ORG#${orgId}#WS#${workspaceId}#ROLE#${id}" })'
 */
export const exampleEventEntity = (vocabulary: Vocabulary): string => {
  if (vocabulary.ids === defaultVocabulary.ids) return "RoleAssignment";
  const innermost = innermostLevel(vocabulary).name;
  return `defineEntity({ name, schema: ${exampleSchema(innermost, vocabulary)}, pk: "${examplePk(innermost, vocabulary)}" })`;
};

// ── events: violations found by the validator (runtime only) ─────────────────────────────────────────────

/** What a missing or invalid detail field is to the event: decides the violation's severity. */
export type EventFieldRole = "isolation field" | "key field" | "field";

/**
 * `declared`: a type the validator knows, for the example. The validator's messages take their examples from the
 * declared types (their names, their detail fields: `tenantId, capsuleId, id` or a kit's `orgId, workspaceId, docId`).
 */
export const unknownEventTypeMessage = (type: string, path: string, declared: string): string =>
  `[event.unknownType] ${path} ${type} names no declared event type | declare it with defineEvent() or Entity.event() and pass it to createEventValidator, or fix the name | e.g. createEventValidator({ events: [${declared}, …] })`;

export const notAnEventMessage = (received: string, declared: string, fields: string): string =>
  `[event.notAnEvent] input is not an event: ${received} | send an EventBridge envelope with "detail-type", source and detail, or a flat { type, detail } | e.g. { type: "${declared}", detail: { ${fields} } }`;

export const unreadableEventMessage = (type: string, problem: string): string =>
  `[event.unreadable] ${type} could not be read: ${problem} | emit plain JSON data (no getters, proxies or cycles) | e.g. JSON.parse(JSON.stringify(event))`;

export const missingEventFieldMessage = (type: string, path: string, role: EventFieldRole, fields: string): string =>
  `[event.missingField] ${type} has no ${path}, a required ${role} | emit every field its detail schema requires${role === "isolation field" ? ": without it no consumer can scope the event" : ""} | e.g. detail: { ${fields} }`;

export const invalidEventFieldMessage = (type: string, path: string, role: EventFieldRole, problem: string): string =>
  `[event.invalidField] ${type} ${path} (${role}) is invalid: ${problem} | emit a value its declared schema accepts | e.g. assertValidEvents(validator, emitted) in the emitter's tests`;

export const relatedFieldMessage = (type: string, path: string, related: string): string =>
  `[event.relatedFieldMissing] ${type} has no ${path}, which every related event type (${related}) requires | add it to ${type}'s detail and emit it, or relate the types differently | e.g. related: { groups: [[...]] }`;

export const keyIdMismatchMessage = (
  type: string,
  path: string,
  label: string,
  keyId: string,
  idPath: string,
  id: string,
  entity: string,
): string =>
  `[event.keyMismatch] ${type} ${path} names ${label} ${keyId}, but ${idPath} is ${id}: the event points into another partition | build keys from the event's own ids | e.g. ${entity}.keys(detail)`;

/** `ids`: the event's isolation fields (`tenantId, capsuleId`), for the example. */
export const scanIncompleteMessage = (type: string, limit: string, ids: string): string =>
  `[event.scanIncomplete] ${type} detail is larger than the key-value scan reads (${limit}); the rest was not checked for key-shaped values | keep event details small, or store a reference | e.g. detail: { ${ids === "" ? "" : `${ids}, `}s3Key }`;

// ── events: where they run ──────────────────────────────────────────────────────────────────────────────

export const eventsRejectedMessage = (invalid: number, total: number, threshold: string, first: string): string =>
  `[event.rejected] ${invalid} of ${total} events have violations at or above ${threshold} (first: ${first}); the invocation fails so EventBridge retries and dead-letters | fix the emitter or raise failOn | e.g. createEventValidationHandler({ validator, failOn: "critical" })`;

/** `example`: the first invalid event's declared type and its detail fields (`DocumentCreated detail: { orgId, … }`). */
export const invalidEventsMessage = (invalid: number, total: number, example: string): string =>
  `[event.invalidEvents] ${invalid} of ${total} emitted events are invalid | fix the emitter so each carries what its type declares (violations below, most severe first) | e.g. ${example}`;

// ── isolation vocabularies (defineIsolation) ──────────────────────────────────────────────────────────

/** A correct two-level vocabulary, for the `e.g.` part of vocabulary messages. */
type ExampleLevels =
  'levels: [{ name: "org", field: "orgId", label: "ORG" }, { name: "workspace", field: "workspaceId", label: "WS" }]';
const exampleLevels: ExampleLevels =
  'levels: [{ name: "org", field: "orgId", label: "ORG" }, { name: "workspace", field: "workspaceId", label: "WS" }]';

export type LevelCountMessage<TCount extends number> =
  `[vocabulary.levelCount] levels has ${TCount} levels, a vocabulary one to three | list the levels outermost first, at most three | e.g. ${ExampleLevels}`;
export const levelCountMessage = <TCount extends number>(count: TCount): LevelCountMessage<TCount> =>
  `[vocabulary.levelCount] levels has ${count} levels, a vocabulary one to three | list the levels outermost first, at most three | e.g. ${exampleLevels}`;

export type LevelNameMessage<TName extends string> =
  `[vocabulary.name] level name "${TName}" is empty or "global", which every kit keeps for entities without isolation | name the level as your code says it | e.g. name: "workspace"`;
export const levelNameMessage = <TName extends string>(name: TName): LevelNameMessage<TName> =>
  `[vocabulary.name] level name "${name}" is empty or "global", which every kit keeps for entities without isolation | name the level as your code says it | e.g. name: "workspace"`;

export type LevelFieldMessage<
  TName extends string,
  TField extends string,
> = `[vocabulary.field] level ${TName} field "${TField}" is not an identifier: key placeholders and scope ids name it | use letters, digits, _ and $, not starting with a digit | e.g. field: "${TName}Id"`;
export const levelFieldMessage = <TName extends string, TField extends string>(
  name: TName,
  field: TField,
): LevelFieldMessage<TName, TField> =>
  `[vocabulary.field] level ${name} field "${field}" is not an identifier: key placeholders and scope ids name it | use letters, digits, _ and $, not starting with a digit | e.g. field: "${name}Id"`;

export type LevelReservedNameMessage<TName extends string> =
  `[vocabulary.name] level name "${TName}" is a name every object inherits, which a lookup by level would find on any object | name the level as your code says it | e.g. name: "workspace"`;
export const levelReservedNameMessage = <TName extends string>(name: TName): LevelReservedNameMessage<TName> =>
  `[vocabulary.name] level name "${name}" is a name every object inherits, which a lookup by level would find on any object | name the level as your code says it | e.g. name: "workspace"`;

export type LevelReservedFieldMessage<
  TName extends string,
  TField extends string,
> = `[vocabulary.field] level ${TName} field "${TField}" is reserved: items store pk, sk and entityType, and objects inherit __proto__, constructor, toString… | name the field after the level | e.g. field: "${TName}Id"`;
export const levelReservedFieldMessage = <TName extends string, TField extends string>(
  name: TName,
  field: TField,
): LevelReservedFieldMessage<TName, TField> =>
  `[vocabulary.field] level ${name} field "${field}" is reserved: items store pk, sk and entityType, and objects inherit __proto__, constructor, toString… | name the field after the level | e.g. field: "${name}Id"`;

export type LevelLabelMessage<
  TName extends string,
  TLabel extends string,
> = `[vocabulary.label] level ${TName} label "${TLabel}" does not match [A-Z][A-Z0-9_]*: it starts every key of the level as LABEL#id | write it in capitals, without # | e.g. label: "WS"`;
export const levelLabelMessage = <TName extends string, TLabel extends string>(
  name: TName,
  label: TLabel,
): LevelLabelMessage<TName, TLabel> =>
  `[vocabulary.label] level ${name} label "${label}" does not match [A-Z][A-Z0-9_]*: it starts every key of the level as LABEL#id | write it in capitals, without # | e.g. label: "WS"`;

export type DuplicateLevelMessage<
  TProperty extends string,
  TValue extends string,
> = `[vocabulary.duplicate] ${TProperty} "${TValue}" is already an outer level's | give every level its own name, field and label | e.g. ${ExampleLevels}`;
export const duplicateLevelMessage = <TProperty extends string, TValue extends string>(
  property: TProperty,
  value: TValue,
): DuplicateLevelMessage<TProperty, TValue> =>
  `[vocabulary.duplicate] ${property} "${value}" is already an outer level's | give every level its own name, field and label | e.g. ${exampleLevels}`;

// ── guarded writes (capsule-entity/dynamodb): conditions, transactions, batches, locking ─────────────────

export const updateOperatorMessage = (entity: string, field: string, attribute: string): string =>
  `[update.operatorOnKeyField] ${entity} cannot update ${field} with an operator: ${attribute} is built from it, and the value DynamoDB computes is not known to rebuild the key | set ${field} to a value instead | e.g. update({ id }, { ${field}: next })`;

export const writeOptionMessage = (entity: string, operation: string, option: string, problem: string): string =>
  `[write.invalidOption] ${entity}.${operation} option ${option} ${problem} | see the option's type for the values it takes | e.g. update(key, changes, { returnValues: "ALL_OLD" })`;

export const maintainedFieldMessage = (operation: string, field: string): string =>
  `[update.maintainedField] ${operation} gives ${field}, which the library maintains (timestamps): the value would be overwritten or the creation time lost | leave ${field} out of the changes | e.g. update({ id }, { title: "New" })`;

/** `what` is the value DynamoDB cannot take: "an empty set", or "1e+300, a number beyond ±2^53". */
export const unstorableMessage = (operation: string, path: string, what: string): string =>
  `[write.unstorable] ${operation} gives ${path} ${what}, which DynamoDB cannot store | leave an empty set out (undefined removes it), keep numbers within ±2^53, or let the schema refuse them | e.g. labels: z.set(z.string()).min(1).optional(), views: z.number().int().safe()`;

export const duplicateKeyMessage = (operation: string, where: string, key: string): string =>
  `[write.duplicateKey] ${operation} in ${where} names ${key} twice, which DynamoDB refuses in one request | write each item once (merge the two writes) | e.g. tx.entity(Note).update({ noteId }, { title, views: op.add(1) })`;

export const batchUnprocessedMessage = (operation: string, where: string, left: number, attempts: number): string =>
  `[dynamodb.unprocessed] ${operation} in ${where} still had ${left} unprocessed after ${attempts} attempts with backoff | the table is throttled: retry later, raise its capacity, or send smaller batches | e.g. await notes.batchPut(items.slice(0, 100))`;

export type TransactionReasonMessage =
  `[transaction.reason] another scope in a transaction needs a non-empty reason written as a literal | say why this transaction may write outside its scope | e.g. also: { archive: { ids, reason: "moving a note to the archive" } }`;
export const transactionReasonMessage = (): TransactionReasonMessage =>
  `[transaction.reason] another scope in a transaction needs a non-empty reason written as a literal | say why this transaction may write outside its scope | e.g. also: { archive: { ids, reason: "moving a note to the archive" } }`;

export type TransactionScopeMessage<TName extends string> =
  `[transaction.otherScope] the transaction names scope "${TName}", which it did not declare | declare the other scope, with a reason, when starting the transaction | e.g. db.transaction(ids, { also: { ${TName}: { ids: otherIds, reason: "…" } } })`;
export const transactionScopeMessage = <TName extends string>(name: TName): TransactionScopeMessage<TName> =>
  `[transaction.otherScope] the transaction names scope "${name}", which it did not declare | declare the other scope, with a reason, when starting the transaction | e.g. db.transaction(ids, { also: { ${name}: { ids: otherIds, reason: "…" } } })`;

/** The level fields of a prefix, outermost first: `TENANT#${tenantId}#CAPSULE#${ctx.capsuleId}` → `tenantId, capsuleId`. */
export type PrefixFields<TPrefix> = TPrefix extends `${string}\${${infer TPath}}${infer TRest}`
  ? TRest extends `${string}\${${string}}${string}`
    ? `${LastSegment<TPath>}, ${PrefixFields<TRest>}`
    : LastSegment<TPath>
  : "";
type LastSegment<TPath extends string> = TPath extends `${string}.${infer TRest}` ? LastSegment<TRest> : TPath;

export type TransactionIdsMessage<
  TEntity extends string,
  TFields extends string,
> = `[transaction.ids] ${QuotedName<TEntity>}'s scope needs ${TFields}, which the transaction's ids lack or hold from another kit | start the transaction with the ids of every level its entities are isolated by | e.g. db.transaction({ ${TFields} })`;
/** `fields`: the entity's level fields, outermost first (`orgId, workspaceId`). */
export const transactionIdsMessage = <TEntity extends string, TFields extends string>(
  entity: TEntity,
  fields: TFields,
): TransactionIdsMessage<TEntity, TFields> =>
  `[transaction.ids] ${quotedName(entity)}'s scope needs ${fields}, which the transaction's ids lack or hold from another kit | start the transaction with the ids of every level its entities are isolated by | e.g. db.transaction({ ${fields} })` as TransactionIdsMessage<
    TEntity,
    TFields
  >;

export const transactionSizeMessage = (where: string, limit: number): string =>
  `[transaction.tooManyItems] the ${where} has more than ${limit} items, DynamoDB's limit | split it into several transactions, or use batch writes where no condition is needed | e.g. await tx.commit(); const next = db.transaction(ids)`;

export const transactionCanceledMessage = (where: string, size: number, failures: readonly string[]): string =>
  `[dynamodb.transactionCanceled] the ${where} (${size} items) was cancelled: ${failures.join("; ") || "DynamoDB gave no reason"} | nothing was written: read the items again and retry | e.g. error.failures[0].reason`;

/** The example of a write option's message: a field of the kind the option needs, and the option naming it. */
type WriteOptionExample<TKind extends "number" | "string"> = TKind extends "number"
  ? `schema: z.object({ …, version: z.number().int() }), version: "version"`
  : `schema: z.object({ …, updatedAt: z.string() }), timestamps: { updatedAt: "updatedAt" }`;
export type WriteOptionFieldMessage<
  TOption extends string,
  TField extends string,
  TKind extends "number" | "string",
> = `[entity.writeOption] ${TOption} names "${TField}", which is not a top-level ${TKind} field of the schema | add the field to the schema, or name one that is | e.g. ${WriteOptionExample<TKind>}`;
/** `field` as written in the definition (JSON), so a non-string value reads as itself. */
export const writeOptionFieldMessage = (option: string, field: string, kind: "number" | "string"): string =>
  `[entity.writeOption] ${option} names ${field}, which is not a top-level ${kind} field of the schema | add the field to the schema, or name one that is | e.g. ${
    kind === "number"
      ? 'schema: z.object({ …, version: z.number().int() }), version: "version"'
      : 'schema: z.object({ …, updatedAt: z.string() }), timestamps: { updatedAt: "updatedAt" }'
  }`;

export const versionMissingMessage = (operation: string, field: string): string =>
  `[version.missing] ${operation} needs the version it read: ${field} is the entity's lock | pass the stored ${field} (0 for a new item); the write stores ${field} + 1 | e.g. update({ id }, { ${field}: note.${field}, title })`;

export const versionConflictMessage = (operation: string, where: string, expected: string, stored: string): string =>
  `[dynamodb.versionConflict] ${operation} in ${where} expected version ${expected}, but the stored item has ${stored} | another writer changed it: read it again and reapply the change | e.g. const fresh = await notes.get({ id })`;

export const batchGuardMessage = (operation: string, why: string): string =>
  `[batch.guardNotKept] ${operation} cannot keep its guard: ${why}, and BatchWriteItem carries no condition | write these items in a transaction, which keeps every guard | e.g. const tx = db.transaction(ids); for (const item of items) tx.entity(Note).put(item)`;

export type ConditionPathMessage<TPath extends string> =
  `[condition.unknownPath] the condition names "${TPath}", which is not an attribute of the item | name one of the entity's attributes, a nested one with dots | e.g. c.exists("meta.author")`;
export const conditionPathMessage = <TPath extends string>(path: TPath): ConditionPathMessage<TPath> =>
  `[condition.unknownPath] the condition names "${path}", which is not an attribute of the item | name one of the entity's attributes, a nested one with dots | e.g. c.exists("meta.author")`;

export type ConditionValueMessage<TPath extends string> =
  `[condition.valueType] the condition's value for ${TPath} is not of the attribute's type | give a value the attribute's schema accepts (a size is a number) | e.g. c.eq("status", "draft") or c.gt(c.size("tags"), 2)`;
export const conditionValueMessage = <TPath extends string>(path: TPath): ConditionValueMessage<TPath> =>
  `[condition.valueType] the condition's value for ${path} is not of the attribute's type | give a value the attribute's schema accepts (a size is a number) | e.g. c.eq("status", "draft") or c.gt(c.size("tags"), 2)`;

export type UpdateOperatorTypeMessage<
  TField extends string,
  TKind extends string,
> = `[update.operatorType] ${TField} does not take op.${TKind}: add and subtract are for numbers, add and deleteFromSet for sets, append and prepend for lists | set a value, or use an operator of the field's type | e.g. update(key, { views: op.add(1), tags: op.append(["new"]) })`;
export const updateOperatorTypeMessage = <TField extends string, TKind extends string>(
  field: TField,
  kind: TKind,
): UpdateOperatorTypeMessage<TField, TKind> =>
  `[update.operatorType] ${field} does not take op.${kind}: add and subtract are for numbers, add and deleteFromSet for sets, append and prepend for lists | set a value, or use an operator of the field's type | e.g. update(key, { views: op.add(1), tags: op.append(["new"]) })`;

export const conditionInvalidMessage = (entity: string, problem: string): string =>
  `[condition.invalid] the condition on ${entity} ${problem} | build it with the builder's functions over the entity's attributes | e.g. condition: (c) => c.and(c.eq("status", "draft"), c.exists("title"))`;

/**
 * Every catalog code: the type of `CapsuleEntityError["code"]`. {@link errorCatalog} is mapped over it, so a code
 * without an entry, or an entry without its code, does not compile; messages.test.ts checks that every `[code]`
 * a message writes is one of them.
 *
 * @example
 * if (error instanceof CapsuleEntityError && error.code === ("isolation.foreign" satisfies ErrorCode)) deny();
 * @see docs/errors.md
 */
export type ErrorCode =
  | "isolation.missingField"
  | "isolation.fieldTooDeep"
  | "isolation.optionalField"
  | "isolation.wrongType"
  | "isolation.ambiguousField"
  | "isolation.missingReason"
  | "entity.nameNotLiteral"
  | "key.notLiteral"
  | "isolation.keyPrefix"
  | "isolation.capsulePartition"
  | "key.unclosedPlaceholder"
  | "key.emptyPlaceholder"
  | "key.sharedSegment"
  | "key.unknownField"
  | "key.notScalar"
  | "key.dottedField"
  | "entity.schemaNotObject"
  | "entity.reservedAttribute"
  | "entity.indexName"
  | "index.unknownLevel"
  | "index.missingReason"
  | "scope.indexLevel"
  | "scope.outerLevel"
  | "isolation.unknownLevel"
  | "isolation.ownLevel"
  | "vocabulary.levelCount"
  | "vocabulary.name"
  | "vocabulary.field"
  | "vocabulary.label"
  | "vocabulary.duplicate"
  | "key.invalidValue"
  | "isolation.keyMismatch"
  | "isolation.entityType"
  | "item.invalid"
  | "key.unknownAttribute"
  | "isolation.foreign"
  | "scope.globalEntity"
  | "scope.noTable"
  | "scope.plainId"
  | "scope.wrongId"
  | "scope.otherId"
  | "scope.missingId"
  | "put.plainId"
  | "put.wrongId"
  | "put.unparsedId"
  | "update.keyField"
  | "update.unknownField"
  | "update.nothing"
  | "update.partialIndexKey"
  | "query.sortKey"
  | "query.partition"
  | "query.unknownIndex"
  | "query.invalidOption"
  | "get.invalidOption"
  | "table.byName"
  | "query.requestCap"
  | "collection.invalid"
  | "filter.keyField"
  | "table.projection"
  | "query.hydrateMissing"
  | "query.invalidCursor"
  | "isolation.foreignCursor"
  | "table.invalid"
  | "table.missingKey"
  | "table.unknownKey"
  | "table.attributeClash"
  | "dynamodb.request"
  | "dynamodb.tokenReused"
  | "dynamodb.conditionFailed"
  | "dynamodb.scanReason"
  | "dynamodb.scanOption"
  | "options.invalid"
  | "policy.invalid"
  | "credentials.invalid"
  | "credentials.policyTooLarge"
  | "event.typeNotLiteral"
  | "event.detailOverlap"
  | "event.weakerIsolation"
  | "event.invalidOption"
  | "event.rejected"
  | "event.invalidEvents"
  | "event.unknownType"
  | "event.notAnEvent"
  | "event.unreadable"
  | "event.missingField"
  | "event.invalidField"
  | "event.relatedFieldMissing"
  | "event.keyMismatch"
  | "event.scanIncomplete"
  | "update.operatorOnKeyField"
  | "write.invalidOption"
  | "write.unstorable"
  | "update.maintainedField"
  | "write.duplicateKey"
  | "dynamodb.unprocessed"
  | "transaction.reason"
  | "transaction.otherScope"
  | "transaction.ids"
  | "transaction.tooManyItems"
  | "dynamodb.transactionCanceled"
  | "entity.writeOption"
  | "version.missing"
  | "dynamodb.versionConflict"
  | "batch.guardNotKept"
  | "condition.invalid"
  | "condition.unknownPath"
  | "condition.valueType"
  | "update.operatorType"
  | "isolation.idInner"
  | "key.fieldForm"
  | "schema.rewritten"
  | "key.empty"
  | "key.tooLong";

/**
 * A set of catalog codes, checked: a code that is not in the catalog does not compile.
 *
 * @example
 * type Codes = CatalogCodes<"event.missingField" | "event.invalidField">;
 */
export type CatalogCodes<TCode extends ErrorCode> = TCode;

/**
 * A catalog entry: the rule a code enforces, and a sample of its message.
 *
 * @example
 * errorCatalog["isolation.keyPrefix"]; //=> { rule: "3", sample: "[isolation.keyPrefix] pk must start with …" }
 */
export interface CatalogEntry {
  readonly rule: string;
  readonly sample: string;
  /** The same code in another caller's words (its own option list), shown beside the sample. */
  readonly also?: { readonly caller: string; readonly sample: string };
}

/**
 * Every error code, with the rule it enforces and a sample message: the source of docs/errors.md.
 * Adding a message without an entry here fails `messages.test.ts`.
 *
 * @example
 * errorCatalog["isolation.keyPrefix"].rule; //=> "3"
 * @see docs/errors.md
 */
export const errorCatalog: { readonly [TCode in ErrorCode]: CatalogEntry } = {
  "isolation.missingField": { rule: "1", sample: missingFieldMessage("capsuleId", "capsule") },
  "isolation.fieldTooDeep": { rule: "1", sample: fieldTooDeepMessage("capsuleId", "meta.context.capsuleId") },
  "isolation.optionalField": { rule: "1", sample: optionalFieldMessage("capsuleId", "capsuleId") },
  "isolation.wrongType": { rule: "1", sample: wrongTypeMessage("tenantId", "tenantId") },
  "isolation.ambiguousField": { rule: "1", sample: ambiguousFieldMessage("tenantId", "tenantId and context.tenantId") },
  "isolation.missingReason": { rule: "opt-out", sample: missingReasonMessage("tenant") },
  "entity.nameNotLiteral": { rule: "name", sample: nameNotLiteralMessage() },
  "key.notLiteral": { rule: "2", sample: notLiteralMessage("pk", "capsule") },
  "isolation.keyPrefix": {
    rule: "3",
    sample: missingPrefixMessage(
      "pk",
      "TENANT#${tenantId}#CAPSULE#${capsuleId}",
      "TENANT#${tenantId}#CAPSULE#${capsuleId}#ROLE#${id}",
    ),
  },
  "isolation.capsulePartition": { rule: "3 (opt-outs)", sample: capsulePartitionMessage("pk", "tenant") },
  "key.unclosedPlaceholder": { rule: "4", sample: unclosedPlaceholderMessage("pk", "TENANT#${tenantId") },
  "key.emptyPlaceholder": { rule: "4", sample: emptyPlaceholderMessage("sk", "ROLE#${}") },
  "key.sharedSegment": { rule: "4", sample: sharedSegmentMessage("sk", "kind", "id") },
  "key.unknownField": { rule: "4", sample: unknownFieldMessage("pk", "idd") },
  "key.notScalar": { rule: "4", sample: notScalarMessage("sk", "tags") },
  "key.dottedField": { rule: "4", sample: dottedFieldMessage("sk", "region.code") },
  "entity.schemaNotObject": { rule: "runtime: plain JS callers", sample: schemaNotObjectMessage() },
  "entity.reservedAttribute": { rule: "item attributes", sample: reservedAttributeMessage("pk") },
  "entity.indexName": { rule: "item attributes", sample: indexNameMessage("") },
  "index.unknownLevel": { rule: "3 (index opt-outs)", sample: indexLevelMessage("byTenant", "capsule") },
  "index.missingReason": { rule: "3 (index opt-outs)", sample: indexReasonMessage("byTenant", "tenant") },
  "isolation.idInner": {
    rule: "rule table",
    sample: idInnerMessage("capsuleId", "refused: z.custom checks what its function says, which no type can see"),
  },
  "key.fieldForm": {
    rule: "rule table",
    sample: keyFieldFormMessage(
      "sk",
      "code",
      "pipe",
      "refused: a transform or pipe may store another value than the key is built from",
    ),
  },
  "schema.rewritten": {
    rule: "rule table (runtime only)",
    sample: rewrittenFieldMessage("tenantId at", "tenantId", "its schema"),
  },
  "key.empty": { rule: "DynamoDB limits", sample: emptyKeyMessage("sk") },
  "key.tooLong": { rule: "DynamoDB limits (runtime only)", sample: keyTooLongMessage("sk", 1030, 1024, '"SSSS…"') },
  "isolation.unknownLevel": { rule: "opt-out", sample: unknownLevelMessage("tenent") },
  "isolation.ownLevel": { rule: "opt-out", sample: ownLevelMessage("capsule") },
  "vocabulary.levelCount": { rule: "vocabulary", sample: levelCountMessage(4) },
  "vocabulary.name": { rule: "vocabulary", sample: levelNameMessage("global") },
  "vocabulary.field": { rule: "vocabulary", sample: levelFieldMessage("workspace", "workspace-id") },
  "vocabulary.label": { rule: "vocabulary", sample: levelLabelMessage("workspace", "ws") },
  "vocabulary.duplicate": { rule: "vocabulary", sample: duplicateLevelMessage("label", "ORG") },
  "key.invalidValue": {
    rule: "query time (KeyValueError)",
    sample: keyValueMessage("pk", "id", 'contains "#"', '"a#CAPSULE#b"'),
  },
  "isolation.keyMismatch": {
    rule: "query time (IsolationError)",
    sample: keyMismatchMessage("pk", '"TENANT#t1#CAPSULE#c2#ROLE#r1"', '"TENANT#t1#CAPSULE#c1#ROLE#r1"'),
  },
  "isolation.entityType": {
    rule: "query time (IsolationError)",
    sample: entityTypeMismatchMessage("RoleAssignment", '"Session"'),
  },
  "item.invalid": {
    rule: "query time (ItemValidationError)",
    sample: itemInvalidMessage("RoleAssignment", "✖ Invalid input: expected string, received undefined → at id"),
  },
  "key.unknownAttribute": {
    rule: "query time",
    sample: unknownKeyAttributeMessage("RoleAssignment", '"gsi9pk"', ["pk", "sk"]),
  },
  "isolation.foreign": {
    rule: "query time (IsolationError)",
    sample: foreignItemMessage("capsuleId", '"c1"', '"c10"', "Note", ["tenantId", "capsuleId"], "capsule"),
  },
  "scope.globalEntity": { rule: "scoped access", sample: globalEntityMessage("Country") },
  "scope.indexLevel": {
    rule: "scoped access",
    sample: indexLevelScopeMessage(
      "Document",
      "byTenant",
      "tenant",
      "capsule",
      "TENANT#${tenantId}#CAPSULE#${capsuleId}",
    ),
  },
  "scope.outerLevel": {
    rule: "scoped access",
    sample: outerLevelScopeMessage("Document", "tenant", "get", ["byTenant"], ["tenantId"]),
  },
  "scope.noTable": { rule: "scoped access", sample: noTableMessage("RoleAssignment") },
  "scope.otherId": {
    rule: "scoped access (compile time only)",
    sample: scopeOtherIdMessage("Note", ["tenantId", "capsuleId"], "noteId"),
  },
  "scope.plainId": { rule: "scoped access (compile time only)", sample: scopePlainIdMessage("Note", "tenantId") },
  "scope.wrongId": { rule: "scoped access (compile time only)", sample: scopeWrongIdMessage("Note", "tenantId") },
  "scope.missingId": {
    rule: "scoped access",
    sample: scopeMissingIdMessage("Note", ["capsuleId"], ["tenantId", "capsuleId"]),
  },
  "put.plainId": {
    rule: "scoped access: put (compile time only)",
    sample: putPlainIdMessage("Note", "tenantId"),
  },
  "put.wrongId": {
    rule: "scoped access: put (compile time only)",
    sample: putWrongIdMessage("Note", "context.capsuleId"),
  },
  "put.unparsedId": {
    rule: "scoped access: put (compile time only)",
    sample: putUnparsedIdMessage("Project", "parentId", "capsuleId()"),
  },
  "update.keyField": {
    rule: "scoped access: update",
    sample: updateKeyFieldMessage("RoleAssignment", "tenantId", ["tenantId", "capsuleId"]),
  },
  "update.unknownField": {
    rule: "scoped access: update",
    sample: updateUnknownFieldMessage("RoleAssignment", "rolee"),
  },
  "update.nothing": { rule: "scoped access: update", sample: updateNothingMessage("RoleAssignment") },
  "update.partialIndexKey": {
    rule: "scoped access: update",
    sample: updatePartialIndexMessage("Note", "gsi1sk", "title", "rank"),
  },
  "query.sortKey": {
    rule: "scoped access: query",
    sample: sortKeyConditionMessage("Note", "sk", "gives version without noteId before it"),
  },
  "query.unknownIndex": { rule: "scoped access: query", sample: unknownIndexMessage("Note", "byTags", ["byTag"]) },
  "query.partition": {
    rule: "scoped access: query",
    sample: queryPartitionMessage("Note", "byTag", "TENANT#${tenantId}#CAPSULE#${capsuleId}#TAG#${tag}", [
      "tenantId",
      "capsuleId",
    ]),
  },
  "filter.keyField": { rule: "scoped access: query filters", sample: filterKeyFieldMessage("noteId") },
  "table.projection": {
    rule: "entity in a table: index projections",
    sample: tableProjectionMessage("Note", "byStatus", "omits the isolation field capsuleId"),
  },
  "query.hydrateMissing": {
    rule: "capsule-entity/dynamodb: hydration",
    sample: hydrateMissingMessage("Note.query", 'scope {"tenantId":"t1","capsuleId":"c1"}', "NOTE#n1"),
  },
  "query.invalidOption": {
    rule: "scoped access: query",
    sample: queryOptionMessage("Note", "limit", "is 0"),
    also: {
      caller: "a command builder's query (`Note.scope(ids).query`)",
      sample: builderQueryOptionMessage("Note", "pageSize", notAQueryOption),
    },
  },
  "get.invalidOption": { rule: "scoped access: get", sample: getOptionMessage("Note", "consistent", 'is "true"') },
  "collection.invalid": {
    rule: "capsule-entity/dynamodb",
    sample: collectionMessage(
      "Note, Member",
      "mixes partition keys TENANT#${tenantId}#CAPSULE#${capsuleId}#NOTES and TENANT#${tenantId}#MEMBERS: one query reads one",
    ),
  },
  "query.requestCap": { rule: "capsule-entity/dynamodb", sample: requestCapMessage("Note.query", 10, 3, "25") },
  "query.invalidCursor": {
    rule: "scoped access: query",
    sample: invalidCursorMessage("Note", "is not base64url JSON"),
  },
  "isolation.foreignCursor": {
    rule: "query time (IsolationError)",
    sample: foreignCursorMessage("Note", '"TENANT#t1#CAPSULE#c1#NOTES"', '"TENANT#t1#CAPSULE#c10#NOTES"'),
  },
  "table.invalid": {
    rule: "defineTable",
    sample: invalidTableMessage('"platform_data"', 'uses attribute "PK" for both pk and indexes.gsi1.pk'),
  },
  "table.byName": {
    rule: "entity in a table",
    sample: tableByNameMessage("Note", "platform_data", "GSI1PK, GSI1SK, PK, SK"),
  },
  "table.missingKey": { rule: "entity in a table", sample: tableMissingKeyMessage("Note", "platform_data", "sk") },
  "table.unknownKey": { rule: "entity in a table", sample: tableUnknownKeyMessage("Note", "platform_data", "gsi2pk") },
  "table.attributeClash": {
    rule: "entity in a table",
    sample: tableAttributeClashMessage("Note", "platform_data", "id"),
  },
  "dynamodb.request": {
    rule: "capsule-entity/dynamodb",
    sample: dynamoRequestMessage(
      "Note.query",
      "TENANT#t1#CAPSULE#c1",
      "ResourceNotFoundException: Cannot do operations on a non-existent table",
    ),
  },
  "dynamodb.tokenReused": {
    rule: "capsule-entity/dynamodb: transactions",
    sample: tokenReusedMessage("transaction.commit", 'transaction in scope {"tenantId":"t1"}'),
  },
  "dynamodb.conditionFailed": {
    rule: "capsule-entity/dynamodb",
    sample: dynamoConditionMessage("Note.put", "TENANT#t1#CAPSULE#c1"),
  },
  "dynamodb.scanReason": { rule: "capsule-entity/dynamodb", sample: scanReasonMessage() },
  "dynamodb.scanOption": {
    rule: "capsule-entity/dynamodb (runtime only)",
    sample: scanOptionMessage("Note", "pageSize", "is 0"),
  },
  "options.invalid": {
    rule: "option bags (runtime; TypeScript's excess-property error at compile time)",
    sample: invalidOptionsMessage(
      "connect",
      'option "tabel" is not one it takes',
      ["table"],
      "connect(client, { table: PlatformTable })",
    ),
  },
  "policy.invalid": { rule: "leadingKeysPolicy", sample: policyInputMessage("accountId", 'is "12345", not 12 digits') },
  "credentials.invalid": {
    rule: "per-tenant credentials",
    sample: credentialsInvalidMessage("durationSeconds", "is 60, not 900 to 43200"),
  },
  "credentials.policyTooLarge": {
    rule: "per-tenant credentials",
    sample: sessionPolicySizeMessage("the session policy", "2,311 characters", "2,048 characters"),
  },
  "event.typeNotLiteral": { rule: "event definition", sample: eventNameNotLiteralMessage("type") },
  "event.detailOverlap": { rule: "event definition", sample: detailOverlapMessage("capsuleId", "RoleAssignment") },
  "event.weakerIsolation": {
    rule: "event definition",
    sample: weakerIsolationMessage("tenant", "RoleAssignment", "capsule"),
  },
  "event.invalidOption": {
    rule: "runtime: plain JS callers",
    sample: invalidEventOptionMessage("detail", "a zod object schema", "detail: z.object({ actorId: z.string() })"),
  },
  "event.rejected": {
    rule: "event handler (EventValidationError)",
    sample: eventsRejectedMessage(1, 1, "high", "RoleAssignmentCreated event.missingField at detail.capsuleId"),
  },
  "event.invalidEvents": {
    rule: "test fixture (EventValidationError)",
    sample: invalidEventsMessage(1, 3, "RoleAssignmentCreated detail: { tenantId, capsuleId, id }"),
  },
  "event.unknownType": {
    rule: "event validation",
    sample: unknownEventTypeMessage('"RoleAsignmentCreated"', "detail-type", "RoleAssignmentCreated"),
  },
  "event.notAnEvent": {
    rule: "event validation",
    sample: notAnEventMessage("null", "RoleAssignmentCreated", "tenantId, capsuleId, assignmentId"),
  },
  "event.unreadable": {
    rule: "event validation",
    sample: unreadableEventMessage("RoleAssignmentCreated", "a getter threw: boom"),
  },
  "event.missingField": {
    rule: "event validation",
    sample: missingEventFieldMessage(
      "RoleAssignmentCreated",
      "detail.capsuleId",
      "isolation field",
      "tenantId, capsuleId, assignmentId",
    ),
  },
  "event.invalidField": {
    rule: "event validation",
    sample: invalidEventFieldMessage(
      "RoleAssignmentCreated",
      "detail.capsuleId",
      "isolation field",
      'capsuleId must not contain "#"',
    ),
  },
  "event.relatedFieldMissing": {
    rule: "event validation",
    sample: relatedFieldMessage(
      "SessionStarted",
      "detail.actorId",
      'same source "auth": AccountCreated, RoleAssignmentCreated',
    ),
  },
  "event.keyMismatch": {
    rule: "event validation",
    sample: keyIdMismatchMessage(
      "RoleAssignmentCreated",
      "detail.pk",
      "CAPSULE",
      '"c2"',
      "detail.capsuleId",
      '"c1"',
      "RoleAssignment",
    ),
  },
  "event.scanIncomplete": {
    rule: "event validation",
    sample: scanIncompleteMessage("RoleAssignmentCreated", "10000 values", "tenantId, capsuleId"),
  },
  "update.operatorOnKeyField": {
    rule: "capsule-entity/dynamodb: update operators",
    sample: updateOperatorMessage("Note", "rank", "gsi1sk"),
  },
  "write.invalidOption": {
    rule: "capsule-entity/dynamodb",
    sample: writeOptionMessage("Note", "update", "returnValues", '"UPDATED_NEW"'),
  },
  "update.maintainedField": {
    rule: "capsule-entity/dynamodb: timestamps",
    sample: maintainedFieldMessage("Note.update", "updatedAt"),
  },
  "write.unstorable": {
    rule: "capsule-entity/dynamodb",
    sample: unstorableMessage("Note.update", "labels", "an empty set"),
  },
  "write.duplicateKey": {
    rule: "capsule-entity/dynamodb: batches and transactions",
    sample: duplicateKeyMessage(
      "Note.batchPut",
      'scope {"tenantId":"t1","capsuleId":"c1"}',
      '{"pk":"TENANT#t1#CAPSULE#c1#NOTES","sk":"NOTE#n1"}',
    ),
  },
  "dynamodb.unprocessed": {
    rule: "capsule-entity/dynamodb: batches",
    sample: batchUnprocessedMessage("Note.batchGet", 'scope {"tenantId":"t1","capsuleId":"c1"}', 12, 8),
  },
  "transaction.reason": { rule: "capsule-entity/dynamodb: transactions", sample: transactionReasonMessage() },
  "transaction.otherScope": {
    rule: "capsule-entity/dynamodb: transactions",
    sample: transactionScopeMessage("archive"),
  },
  "transaction.ids": {
    rule: "capsule-entity/dynamodb: transactions",
    sample: transactionIdsMessage("Note", "tenantId, capsuleId"),
  },
  "transaction.tooManyItems": {
    rule: "capsule-entity/dynamodb: transactions",
    sample: transactionSizeMessage('transaction in scope {"tenantId":"t1","capsuleId":"c1"}', 100),
  },
  "dynamodb.transactionCanceled": {
    rule: "capsule-entity/dynamodb: transactions",
    sample: transactionCanceledMessage('transaction in scope {"tenantId":"t1"}', 2, [
      'item 1 Note.update {"pk":"TENANT#t1#NOTES","sk":"NOTE#n1"}: the item is absent',
    ]),
  },
  "entity.writeOption": {
    rule: "defineEntity: write options",
    sample: writeOptionFieldMessage("version", '"rev"', "number"),
  },
  "version.missing": { rule: "optimistic locking", sample: versionMissingMessage("Note.update", "version") },
  "dynamodb.versionConflict": {
    rule: "optimistic locking",
    sample: versionConflictMessage("Note.update", 'scope {"tenantId":"t1"}', "3", "4"),
  },
  "batch.guardNotKept": {
    rule: "capsule-entity/dynamodb: batches",
    sample: batchGuardMessage("Note.batchPut", "Note is versioned (optimistic locking)"),
  },
  "condition.invalid": {
    rule: "capsule-entity/dynamodb: conditions",
    sample: conditionInvalidMessage("Note", "has an empty or()"),
  },
  "condition.unknownPath": { rule: "capsule-entity/dynamodb: conditions", sample: conditionPathMessage("titel") },
  "condition.valueType": { rule: "capsule-entity/dynamodb: conditions", sample: conditionValueMessage("meta.rank") },
  "update.operatorType": {
    rule: "capsule-entity/dynamodb: update operators",
    sample: updateOperatorTypeMessage("title", "add"),
  },
};
