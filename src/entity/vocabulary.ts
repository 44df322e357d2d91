/**
 * The isolation vocabulary, as types: the levels a kit isolates by (outermost first, each with its level name,
 * its id field and its key label), and what the rules derive from them (level names, the prefix labels, the
 * branded id of each level). The default kit is `tenant`/`tenantId`/`TENANT`, `capsule`/`capsuleId`/`CAPSULE`;
 * `defineIsolation` (define-isolation.ts) builds a kit from any other vocabulary of one to three levels.
 *
 * Types only: every alias here is instantiated once per vocabulary (not per entity), so a kit costs the
 * compiler nothing per entity beyond the default kit.
 */

/**
 * One isolation level: its name (used in `isolation: { level }`), the schema field holding its id, and the
 * label its id follows in every partition key.
 *
 * @example
 * const org: IsolationLevelSpec = { name: "org", field: "orgId", label: "ORG" };
 * @see docs/patterns/isolation-vocabulary.md
 */
export interface IsolationLevelSpec {
  readonly name: string;
  readonly field: string;
  readonly label: string;
}

/**
 * A vocabulary: its levels, outermost first, and how examples spell a level's id schema (`""` for the default
 * kit's `tenantId()`, `"ids."` for a kit's `ids.orgId()`).
 *
 * @example
 * type Org = Vocabulary & { levels: readonly [{ name: "org"; field: "orgId"; label: "ORG" }]; ids: "ids." };
 * @see docs/patterns/isolation-vocabulary.md
 */
export interface Vocabulary {
  readonly levels: readonly IsolationLevelSpec[];
  readonly ids: string;
}

/**
 * The default kit's vocabulary: what the top-level exports (`defineEntity`, `tenantId()`, …) use.
 *
 * @example
 * type Innermost = InnermostLevel<DefaultVocabulary>; //=> "capsule"
 * @see docs/patterns/isolation-vocabulary.md
 */
export interface DefaultVocabulary {
  readonly levels: readonly [
    { readonly name: "tenant"; readonly field: "tenantId"; readonly label: "TENANT" },
    { readonly name: "capsule"; readonly field: "capsuleId"; readonly label: "CAPSULE" },
  ];
  readonly ids: "";
}

/**
 * One level as an interface instantiation. The levels `defineIsolation` infers are object literal types, which
 * TypeScript cannot tell free of type variables without instantiating them: a kit's vocabulary built from them
 * was instantiated again with every entity (≈ 20 instantiations each). Built from these, it never is.
 *
 * @example
 * type Org = Level<"org", "orgId", "ORG">;
 * @see docs/patterns/isolation-vocabulary.md
 */
export interface Level<TName extends string, TField extends string, TLabel extends string> extends IsolationLevelSpec {
  readonly name: TName;
  readonly field: TField;
  readonly label: TLabel;
}
/**
 * The levels a kit declares, each as a {@link Level}; computed once per kit. One case per length (one to three
 * levels, as `CheckLevels` allows; anything else stays as given) rather than a mapped type over the tuple: TypeScript
 * marks a mapped type's result as "could contain type variables" when its argument could (the object literal types
 * `defineIsolation` infers), and that mark, inherited by the kit's vocabulary, had every entity map the vocabulary
 * again (≈ 9 instantiations per entity, docs/benchmarks-typecost.md). A tuple written out is marked by its elements
 * (which must stay interface references: an alias among them would make the tuple a deferred, always-generic type).
 */
export type Levels<TLevels extends readonly IsolationLevelSpec[]> = TLevels extends readonly [
  infer TFirst extends IsolationLevelSpec,
]
  ? readonly [Level<TFirst["name"], TFirst["field"], TFirst["label"]>]
  : TLevels extends readonly [infer TFirst extends IsolationLevelSpec, infer TSecond extends IsolationLevelSpec]
    ? readonly [
        Level<TFirst["name"], TFirst["field"], TFirst["label"]>,
        Level<TSecond["name"], TSecond["field"], TSecond["label"]>,
      ]
    : TLevels extends readonly [
          infer TFirst extends IsolationLevelSpec,
          infer TSecond extends IsolationLevelSpec,
          infer TThird extends IsolationLevelSpec,
        ]
      ? readonly [
          Level<TFirst["name"], TFirst["field"], TFirst["label"]>,
          Level<TSecond["name"], TSecond["field"], TSecond["label"]>,
          Level<TThird["name"], TThird["field"], TThird["label"]>,
        ]
      : TLevels;

/** The names of a vocabulary's levels, as a union. */
export type LevelNames<TVocabulary extends Vocabulary> = TVocabulary["levels"][number]["name"];

/** The innermost level's name: an entity's level when it does not opt out. */
export type InnermostLevel<TVocabulary extends Vocabulary> = TVocabulary["levels"] extends readonly [
  ...unknown[],
  infer TLast extends IsolationLevelSpec,
]
  ? TLast["name"]
  : string;

/** The levels an entity may opt out to, besides `global`: every level but the innermost. */
export type OuterLevels<TVocabulary extends Vocabulary> = Exclude<LevelNames<TVocabulary>, InnermostLevel<TVocabulary>>;

/** The levels from the outermost down to `TLevel`, in order (empty for `global`). */
export type LevelsDownTo<
  TLevels extends readonly IsolationLevelSpec[],
  TLevel extends string,
  TDone extends readonly IsolationLevelSpec[] = [],
> = TLevels extends readonly [infer THead extends IsolationLevelSpec, ...infer TTail extends IsolationLevelSpec[]]
  ? THead["name"] extends TLevel
    ? [...TDone, THead]
    : LevelsDownTo<TTail, TLevel, [...TDone, THead]>
  : [];

/** The level after `TLevel` (the outermost for `global`): whose partition an opted-out key must not reach. */
export type NextLevel<TLevels extends readonly IsolationLevelSpec[], TLevel extends string> = TLevel extends "global"
  ? TLevels[0]
  : TLevels extends readonly [infer THead extends IsolationLevelSpec, ...infer TTail extends IsolationLevelSpec[]]
    ? THead["name"] extends TLevel
      ? TTail[0]
      : NextLevel<TTail, TLevel>
    : never;

/** The labels of a vocabulary joined by `#` (`ORG#WS`): what tells one kit's ids from another's. */
export type KitKey<TLevels extends readonly IsolationLevelSpec[]> = TLevels extends readonly [
  infer THead extends IsolationLevelSpec,
  ...infer TTail extends IsolationLevelSpec[],
]
  ? TTail extends []
    ? THead["label"]
    : `${THead["label"]}#${KitKey<TTail>}`
  : "";

declare const kitIdBrand: unique symbol;

/**
 * The id of one level of one kit: a non-empty string without `#`, branded with the kit's labels and the
 * level's field, so that neither another level's id nor another kit's fits.
 *
 * @example
 * const org: KitId<"ORG#WS", "orgId"> = ids.orgId().parse("acme");
 * const ws: KitId<"ORG#WS", "workspaceId"> = org; // type error
 * @see docs/patterns/isolation-vocabulary.md
 */
export type KitId<TKit extends string, TField extends string> = string & {
  readonly [kitIdBrand]: `${TKit}.${TField}`;
};

/** How an example writes the schema of a level's id: `tenantId()` for the default kit, `ids.orgId()` for a kit. */
export type IdCall<TVocabulary extends Vocabulary, TField extends string> = `${TVocabulary["ids"]}${TField}()`;
