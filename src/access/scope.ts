/**
 * `entity.scope(ids)`: access confined to one tenant and capsule. Inputs never carry the isolation ids (the
 * scope supplies them); attributes and items that carry other ids are refused with `IsolationError`.
 * Commands are plain DocumentClient inputs, so they work with any client, or none.
 * This module holds the types (the scope's typed surface, {@link EntityScope}); the runtime is create-scope.ts.
 */
import type {
  AnyObjectSchema,
  DefinedKeyInput,
  EntityItem,
  EntityKeyInput,
  EntityKeys,
  IndexDefinition,
  KeyTemplates,
  PrefixOf,
  ScannedTemplateSetPaths,
  TemplatesOf,
  TemplateSetPaths,
} from "../entity/define-entity.js";
import type { ResolvedIsolation } from "../entity/isolation.js";
import type { CapsuleId, TenantId } from "../ids.js";
import type { KitId } from "../entity/vocabulary.js";
import type { KeyInput, OutputOfField, PathKind } from "../keys/key-template.js";
import type { Shape } from "../internal/zod-shape.js";
import type { FirstOf, IsUnion, ListOf, TopOf } from "../internal/types.js";
import type {
  GlobalEntityMessage,
  IndexLevelScopeMessage,
  ScopeMissingIdMessage,
  ScopeOtherIdMessage,
  ScopePlainIdMessage,
  ScopeWrongIdMessage,
  OuterLevelScopeMessage,
  QueryPartitionFieldMessage,
  QueryPartitionMessage,
  SortKeyConditionMessage,
  SortKeyStrayMessage,
  UnknownIndexMessage,
  QueryOptionMessage,
  BuilderQueryOptionMessage,
  NotAQueryOption,
} from "../messages.js";
import type { Condition } from "./condition.js";
import type { CheckPutAttributes, PutAttributes, PutRestWhenIdMistake } from "./put-attributes.js";
import type { FilterBuilder } from "./filter.js";
import type { SortKeyCondition, TemplatePathList } from "./sort-key.js";
import type { Table } from "./table.js";
import type { CheckUpdateChanges, CheckUpdateKeyFields, FieldOf, UpdateRestWhenKeyField } from "./update.js";

/**
 * The ids a scope is fixed to: the fields of the levels down to the entity's own: tenant and capsule, the tenant
 * alone for tenant-level entities, none (`{}`) for global ones.
 *
 * @example
 * const ids: ScopeIds<typeof RoleAssignment.isolation> = { tenantId: tenantId().parse("acme"), capsuleId: capsuleId().parse("eu") };
 * @see docs/patterns/scoped-access.md
 */
export type ScopeIds<TResolved> = TResolved extends {
  readonly kit: infer TKit extends string;
  readonly fields: infer TFields;
}
  ? { readonly [TField in keyof TFields & string]: KitId<TKit, TField> } // a kit's entity (defineIsolation)
  : TResolved extends { readonly level: "capsule" }
    ? { readonly tenantId: TenantId; readonly capsuleId: CapsuleId }
    : TResolved extends { readonly level: "tenant" }
      ? { readonly tenantId: TenantId }
      : Readonly<Record<string, never>>;

/**
 * The `this` type of a connection's `entity(E).scope(ids)`: `unknown`, or the catalog message naming an id the
 * scope does not take (`scope.otherId`, in place of TypeScript's excess-property error, which inferring the ids as
 * written for this check gives up) or an id given as a plain string (`scope.plainId`). Both type-only: at runtime a
 * parsed id is a string too, and a scope reads the ids of its levels (a transaction hands a capsule's ids to its
 * tenant-level entities). The catch-all `scope` overloads (builders' and adapter's) check more: {@link CheckScopeIdsFully}.
 *
 * @example
 * db.entity(Note).scope({ tenantId: "t1", capsuleId }); // type error: "[scope.plainId] Note scope id tenantId is a plain string …"
 * @see docs/dynamodb.md
 */
export type CheckScopeIds<TName extends string, TIds, TScopeIds> = [TIds] extends [never]
  ? unknown // ids cast to never: nothing to check
  : [Exclude<keyof TIds, keyof TScopeIds>] extends [never]
    ? [PlainIdFields<TIds, TScopeIds>] extends [never]
      ? unknown
      : ScopePlainIdMessage<TName, FirstOf<PlainIdFields<TIds, TScopeIds>>, IdsSpelling<TScopeIds>>
    : ScopeOtherIdMessage<
        TName,
        ListOf<keyof TScopeIds & string>,
        FirstOf<Exclude<keyof TIds, keyof TScopeIds> & string>
      >;
/** How examples spell the scope's id schemas (a vocabulary's `ids`): a kit's ids are `ids.orgId()`, the default's `tenantId()`. */
type IdsSpelling<TScopeIds> = TScopeIds[keyof TScopeIds] extends KitId<string, string> ? "ids." : "";
/** The fields of `TIds` that are strings, where the scope takes a branded id. */
type PlainIdFields<TIds, TScopeIds> = {
  // A plain string has no keys beyond a string's; a branded id has its brand (another's: SwappedIdFields).
  [TField in keyof TIds & keyof TScopeIds]: TIds[TField] extends string
    ? keyof TIds[TField] extends keyof string
      ? TField
      : never
    : never;
}[keyof TIds & keyof TScopeIds] &
  string;
/**
 * The `this` type of the catch-all `scope(ids)` overloads (the command builders' `E.scope(ids)` and the adapter's
 * `db.entity(E).scope(ids)`), tried only when the ids do not fit the exact signature before it, so a correct call
 * never computes it: ids given to a global entity's scope (`scope.globalEntity`, which the runtime throws too), else
 * {@link CheckScopeIds} (in the order of the adapter's exact signature, which checks it too, so that TS 5.9, which
 * prints the first signature's message first, and TS 7, which prints the last's, name the same), else the ids of a
 * level missing or `undefined` (`scope.missingId`, the runtime's too), else a parsed id of another field or kit,
 * swapped (`scope.wrongId`, type-only). Ids typed `any` or `never` (a cast): nothing to check.
 *
 * @example
 * Note.scope({ tenantId: capsule, capsuleId: tenant }); // type error: "[scope.wrongId] Note scope id … is a parsed id of another field or kit …"
 * Note.scope({ tenantId }); // type error: "[scope.missingId] Note scope needs capsuleId | …"
 * @see docs/dynamodb.md
 */
export type CheckScopeIdsFully<TName extends string, TIds, TScopeIds> = [TIds] extends [never]
  ? unknown
  : unknown extends TIds
    ? unknown
    : string extends keyof TScopeIds // a global entity's ids: none
      ? [keyof TIds] extends [never]
        ? unknown
        : GlobalEntityMessage<TName>
      : CheckScopeIds<TName, TIds, TScopeIds> extends infer TChecked
        ? unknown extends TChecked
          ? [MissingIdFields<TIds, TScopeIds>] extends [never]
            ? [SwappedIdFields<TIds, TScopeIds>] extends [never]
              ? unknown
              : ScopeWrongIdMessage<TName, FirstOf<SwappedIdFields<TIds, TScopeIds>>, IdsSpelling<TScopeIds>>
            : ScopeMissingIdMessage<TName, ListOf<MissingIdFields<TIds, TScopeIds>>, ListOf<keyof TScopeIds & string>>
          : TChecked
        : never;
/** The fields of `TScopeIds` that `TIds` lacks or may give `undefined` (the runtime reads both as missing). */
type MissingIdFields<TIds, TScopeIds> = {
  [TField in keyof TScopeIds]: TField extends keyof TIds ? (undefined extends TIds[TField] ? TField : never) : TField;
}[keyof TScopeIds] &
  string;
/** The fields of `TIds` given a branded id of another field or kit (a capsule id as the tenant id). */
type SwappedIdFields<TIds, TScopeIds> = {
  [TField in keyof TIds & keyof TScopeIds]: TIds[TField] extends string
    ? TIds[TField] extends TScopeIds[TField]
      ? never
      : TField
    : never;
}[keyof TIds & keyof TScopeIds] &
  string;

/**
 * Where a scope's commands go, instead of the entity's own `table`: a table name, or a {@link Table}.
 *
 * @example
 * Note.scope(ids, { table: PlatformTable });
 * @see docs/dynamodb.md
 */
export interface ScopeOptions<TTable extends string | Table | undefined = string | Table> {
  readonly table?: TTable;
}

/**
 * The table commands go to: the option's (a scope's or a connection's), else the entity's own.
 *
 * @example
 * type Used = TableIn<undefined, typeof PlatformTable>; //=> typeof PlatformTable
 */
export type TableIn<TOption, TOwn> = [TOption] extends [undefined] ? TOwn : TOption;

/**
 * The key attribute names of a table option: the table's, or none (entities' own names) for a table name. A name (or
 * none) is tested first: the test against `Table` instantiates the interface, 2 of a scope call's instantiations.
 *
 * @example
 * type Names = AttributesOf<typeof PlatformTable>; //=> { pk: "PK"; sk: "SK"; … }
 */
export type AttributesOf<TTable> = TTable extends string | undefined
  ? {}
  : TTable extends Table
    ? TTable["attributes"]
    : {};

/**
 * Key attributes renamed to a table's attribute names.
 *
 * @example
 * type Key = StoredAs<{ pk: string; sk: "METADATA" }, { pk: "PK"; sk: "SK" }>; //=> { PK: string; SK: "METADATA" }
 * @see docs/patterns/scoped-access.md
 */
export type StoredAs<TValues, TAttributes> = {
  readonly [TKey in keyof TValues as TKey extends keyof TAttributes ? TAttributes[TKey] & string : TKey]: TValues[TKey];
};

/**
 * The isolation field paths of a resolved isolation (the default kit's, or a kit's `fields`).
 *
 * @example
 * type Paths = IsolationPaths<typeof Note.isolation>; //=> "tenantId" | "capsuleId"
 */
export type IsolationPaths<TResolved> =
  // One conditional rather than a union of three: each use instantiates it, and the scope's inputs use it often.
  TResolved extends {
    readonly tenant: infer TTenant extends string;
    readonly capsule: infer TCapsule extends string;
  }
    ? TTenant | TCapsule
    : TResolved extends { readonly tenant: infer TTenant extends string }
      ? TTenant
      : TResolved extends { readonly fields: infer TFields }
        ? TFields[keyof TFields] & string
        : never;

/**
 * What a scoped operation reads: the fields of the selected templates, without the isolation ids.
 *
 * @see docs/patterns/scoped-access.md
 */
export type ScopedInput<
  TShape extends Shape,
  TTemplates extends KeyTemplates,
  TResolved,
  TAttribute extends keyof TTemplates,
> = KeyInput<
  TShape,
  Exclude<ScannedTemplateSetPaths<TShape, TTemplates, TResolved, TAttribute>, IsolationPaths<TResolved>>
>;

/** The primary key attributes among an entity's key attributes. */
type PrimaryAttribute<TTemplates> = keyof TTemplates & ("pk" | "sk");

/**
 * The names of an entity's indexes.
 *
 * @example
 * type Indexes = IndexNames<{ pk: string; sk: string; gsi1pk: string; gsi1sk: string }>; //=> "gsi1"
 * @see docs/patterns/scoped-access.md
 */
export type IndexNames<TTemplates> = keyof TTemplates extends infer TAttribute
  ? TAttribute extends `${infer TIndex}pk`
    ? TIndex extends ""
      ? never
      : TIndex
    : never
  : never;

/**
 * The fields an update cannot change: those of the primary key and the isolation ids.
 *
 * @example
 * type Fixed = FixedFields<typeof Note.templates, typeof Note.isolation>; //=> "tenantId" | "capsuleId" | "noteId"
 * @see docs/patterns/scoped-access.md
 */
export type FixedFields<TTemplates extends KeyTemplates, TResolved> = FieldOf<
  TemplateSetPaths<TTemplates, PrimaryAttribute<TTemplates>> | IsolationPaths<TResolved>
>;

/**
 * The changes of a scope's catch-all `update`: {@link CheckUpdateKeyFields} with the entity's fixed fields and isolation
 * paths. Error path only.
 */
export type ScopeUpdateKeyFields<
  TName extends string,
  TSchema extends AnyObjectSchema,
  TTemplates extends KeyTemplates,
  TResolved,
  TChanges extends object,
> = CheckUpdateKeyFields<TName, TSchema, FixedFields<TTemplates, TResolved>, IsolationPaths<TResolved>, TChanges>;

/**
 * Paging and order of a query.
 *
 * @example
 * notes.query({ limit: 25, order: "desc", cursor: previous.cursor });
 * @see docs/patterns/scoped-access.md
 */
export interface QueryPageOptions {
  /**
   * Items returned. The adapter (`capsule-entity/dynamodb`) pages until it has this many; a single command
   * built here can only pass it on as DynamoDB's `Limit`, the items one request reads (before the entity-type
   * filter).
   */
  readonly limit?: number;
  /** Sort-key order; default `"asc"`. */
  readonly order?: "asc" | "desc";
  /** Resume after the page that returned this cursor (same query, same scope). */
  readonly cursor?: string;
  /** A strongly consistent read (tables only: DynamoDB's global secondary indexes have none). */
  readonly consistent?: boolean;
}

/**
 * The `partition` of a query (required when its pk template has fields beyond the ids; else none, and a field given
 * is refused, as the runtime refuses it, rather than accepted by `{}`) and its `filter`.
 */
type PartitionPart<TInput, TFilter> = {} extends TInput
  ? { readonly partition?: NoPartitionFields; readonly filter?: TFilter }
  : { readonly partition: TInput; readonly filter?: TFilter };
/**
 * {@link PartitionPart} of the table member of an entity scope's query (`QueryOn`'s `TPartitionPart`): the partition refuses
 * the entity's other fields (`?: never`). With no `index` written, TypeScript checks a partition literal's fields
 * against the union of every member's partition type, where another index's field (`author` of byAuthor) is known,
 * then relates the query to each member without excess-property checks: `{ threadId, author }` passed as a table
 * query, which the runtime refuses (`query.partition`); now the exact signature fails for the catch-all to name it.
 * Only there (+5 instantiations per entity on the bench's full shape; the refusal as `Exclude<keyof TShape, …>` costs
 * +12): an index member is told apart by the `index` written, and the adapter's signatures check the input as
 * written on `this`.
 */
type OnlyPartitionPart<TInput, TFilter, TShape> = {} extends TInput
  ? { readonly partition?: NoPartitionFields; readonly filter?: TFilter }
  : {
      readonly partition: TInput & {
        readonly [TField in keyof TShape]?: TField extends keyof TInput ? unknown : never;
      };
      readonly filter?: TFilter;
    };
/** The partition of a pk template without fields beyond the scope's ids: `{}`, and no field. */
type NoPartitionFields = Readonly<Record<string, never>>;
type SortKeyPart<
  TShape extends Shape,
  TTemplates extends KeyTemplates,
  TAttribute extends string,
  TResolved,
> = TAttribute extends keyof TTemplates
  ? {
      readonly sortKey?: SortKeyCondition<
        TShape,
        TemplatePathList<TTemplates[TAttribute] & string>,
        IsolationPaths<TResolved>
      >;
    }
  : {};
/**
 * The `filter` of a query on the table or an index (`TPrefix`, `""` for the table): a function of the builder over
 * the entity's attributes, refusing the fields of that key and the isolation ids, which the key condition already
 * decides.
 *
 * @example
 * const drafts: QueryFilter<typeof Note.schema.shape, typeof Note.templates, typeof Note.isolation, ""> = (f) =>
 *   f.eq("status", "draft");
 * @see docs/dynamodb.md
 */
export interface QueryFilter<TShape extends Shape, TTemplates extends KeyTemplates, TResolved, TPrefix extends string> {
  // A call signature of an interface: the paths are computed when a filter is written, not for every query. The item
  // it reads: each field's output type, as zod's output type (`z.core.$InferObjectOutput`) has it but for the optional
  // fields' `?`, which neither a path nor a path's value (`ValueAt`: `T | undefined` either way) tells apart; a mapping
  // of a conditional cached per field schema (`OutputOfField`, shared by every entity) rather than zod's two
  // key-remapped mapped types and `Prettify`: −280 instantiations per entity for a query with a `filter` (session s17).
  // Written here, not as an alias, so that the item is printed (hovers, messages) as zod's is, field by field.
  (
    builder: FilterBuilder<
      { -readonly [TKey in keyof TShape]: OutputOfField<TShape[TKey]> },
      TemplateSetPaths<TTemplates, `${TPrefix}${"pk" | "sk"}` & keyof TTemplates> | IsolationPaths<TResolved>
    >,
  ): Condition;
}
/**
 * {@link QueryInput} on the table (`TPrefix` `""`) or one index; `TPartitionPart` its partition and filter, by
 * default {@link PartitionPart} (an entity scope's table member passes {@link OnlyPartitionPart}). A parameter rather
 * than a member of its own, so that the union's members keep their order (a member of its own typed a `filter` beside
 * a misspelt index by another member), and rather than a flag tested here, which every member would pay for (+1
 * instantiation each, over the adapter probe's budget).
 */
type QueryOn<
  TShape extends Shape,
  TTemplates extends KeyTemplates,
  TResolved,
  TPrefix extends string,
  TPartitionPart = PartitionPart<
    ScopedInput<TShape, TTemplates, TResolved, `${TPrefix}pk` & keyof TTemplates>,
    QueryFilter<TShape, TTemplates, TResolved, TPrefix>
  >,
> = TPartitionPart & SortKeyPart<TShape, TTemplates, `${TPrefix}sk`, TResolved> & QueryPageOptions;

/**
 * What a scoped query reads: the table or one `index`, the `partition` fields beyond the isolation ids (when
 * its pk template has any), a `sortKey` condition derived from the sk template, a typed `filter` on the other
 * attributes, and paging: the adapter's, and what the command builder's catch-all infers a query as. Read from each
 * index's pk template when its member is built, not from the definitions (`TemplatesOf<pk, sk, indexes>`, +110
 * instantiations per entity on the full shape). The command builder's entity scope reads {@link OwnQueryInput}.
 *
 * @example
 * db.entity(Note).scope(ids).query({ sortKey: { noteId: "n1" }, limit: 25, order: "desc" });
 * db.entity(Note).scope(ids).query({ index: "gsi1", partition: { tag: "red" }, sortKey: { title: { beginsWith: "Re" } } });
 * @see docs/patterns/scoped-access.md
 */
export type QueryInput<TShape extends Shape, TTemplates extends KeyTemplates, TResolved> =
  | ({ readonly index?: undefined } & QueryOn<TShape, TTemplates, TResolved, "">)
  | {
      [TIndex in IndexNames<TTemplates>]: { readonly index: TIndex } & QueryOn<TShape, TTemplates, TResolved, TIndex>;
    }[IndexNames<TTemplates>];

/**
 * {@link QueryInput} whose table member's partition refuses the entity's other fields (`OnlyPartitionPart`), as an
 * entity scope's: the input of the adapter's first, non-generic query signatures (src/dynamodb), where no `this` check
 * follows to refuse `{ threadId, author }` (another index's field) as a table query's partition.
 *
 * @example
 * db.entity(Note).scope(ids).query({ index: "gsi1", partition: { tag: "red" } });
 * @see docs/patterns/scoped-access.md
 */
export type ExactQueryInput<TShape extends Shape, TTemplates extends KeyTemplates, TResolved> =
  | ({ readonly index?: undefined } & QueryOn<
      TShape,
      TTemplates,
      TResolved,
      "",
      OnlyPartitionPart<
        ScopedInput<TShape, TTemplates, TResolved, "pk" & keyof TTemplates>,
        QueryFilter<TShape, TTemplates, TResolved, "">,
        TShape
      >
    >)
  | {
      [TIndex in IndexNames<TTemplates>]: { readonly index: TIndex } & QueryOn<TShape, TTemplates, TResolved, TIndex>;
    }[IndexNames<TTemplates>];

/**
 * The query of the command builder's entity scope ({@link EntityScope.query}): {@link QueryInput}, its partitions read
 * from the definition's record (`TKeyInput`: `table`, and `indexes`, where an index opted out to an outer level, which
 * this scope does not reach, is `never`: a query of one fails the exact signature for the catch-all's check to name it,
 * `scope.indexLevel`, `CheckOwnLevelQuery`), not from the entity's templates (session s15). Its union starts with a
 * member that takes no input (`QueryListedProperties`), so that a query without `sortKey` builds no sort-key
 * conditions; not the adapter's, whose signatures intersect the union with the input as written and would print that
 * member in their messages. Its table member's partition refuses the entity's other fields (`OnlyPartitionPart`).
 *
 * @example
 * Note.scope(ids).query({ sortKey: { noteId: "n1" }, limit: 25, order: "desc" });
 * Note.scope(ids).query({ index: "gsi1", partition: { tag: "red" }, sortKey: { title: { beginsWith: "Re" } } });
 * @see docs/patterns/scoped-access.md
 */
export type OwnQueryInput<
  TShape extends Shape,
  TTemplates extends KeyTemplates,
  TResolved,
  TKeyInput extends DefinedKeyInput,
> =
  | OwnIndexQueryInput<TShape, TTemplates, TResolved, TKeyInput>
  | OwnTableQueryInput<TShape, TTemplates, TResolved, TKeyInput>;

/**
 * The index queries of {@link OwnQueryInput}: the input of {@link EntityScope.query}'s first signature, which takes no
 * call and types the literal of a call that fails every signature; its index members alone are the next signature's
 * (`IndexQueryInput`, session s20). Without the table's member (its partition and sort key: −31 instantiations per
 * entity on the bench's full shape, docs/benchmarks-typecost.md, session s16), which TypeScript reads in every member
 * of a union while it decides whether `partition` discriminates it; a table query is typed by
 * {@link OwnTableQueryInput}, the signature after.
 *
 * @example
 * Note.scope(ids).query({ index: "gsi1", partition: { tag: "red" }, sortKey: { title: { beginsWith: "Re" } } });
 * @see docs/patterns/scoped-access.md
 */
export type OwnIndexQueryInput<
  TShape extends Shape,
  TTemplates extends KeyTemplates,
  TResolved,
  TKeyInput extends DefinedKeyInput,
> =
  | QueryListedProperties // listed first: no sort-key conditions without sortKey
  | TableQueryContext<TShape, TTemplates, TResolved>
  | IndexQueryMember<TShape, TTemplates, TResolved, TKeyInput["indexes"]>;
/**
 * The input of {@link EntityScope.query}'s index signature: an entity's one index query alone ({@link IndexQueryOf}),
 * with no union for TypeScript to discriminate and relate member by member; several behind
 * {@link QueryListedProperties}, as in {@link OwnIndexQueryInput}, so that a query without `sortKey` builds no sort-key
 * conditions (the members alone, two indexes with a sort key: +5.5 thousand of the checker's function calls for such a
 * query; docs/benchmarks-typecost.md, session s20). The members of several indexes are not {@link IndexQuery}s: in the
 * union, a query without `sortKey` cost more (two indexes, TS 7: +226 heap allocations, +151 instantiations per query;
 * session s21).
 */
type IndexQueryInput<
  TShape extends Shape,
  TTemplates extends KeyTemplates,
  TResolved,
  TIndexes,
  TNames extends keyof TIndexes & string = keyof TIndexes & string,
> =
  IsUnion<TNames> extends true
    ? QueryListedProperties | IndexQueryMember<TShape, TTemplates, TResolved, TIndexes, TNames>
    : IndexQueryOf<TShape, TTemplates, TResolved, TIndexes, TNames>;
/**
 * The query of an entity's one index in {@link EntityScope.query}'s index signature: `never` for an index opted out
 * to an outer level, an {@link IndexQuery} for one whose partition has fields beyond the scope's ids (the common
 * case), else the member of {@link OwnIndexQueryInput} (its partition optional and empty, `PartitionPart`). Not in the
 * first signature's union, nor in the adapter's (`OwnQueryInput`): their messages print its members.
 */
type IndexQueryOf<
  TShape extends Shape,
  TTemplates extends KeyTemplates,
  TResolved,
  TIndexes,
  TIndex extends keyof TIndexes & string,
> =
  // Not wrapped (`[…] extends [never]`): the check type is an indexed access, not a type parameter (session s17).
  TIndexes[TIndex] extends never
    ? never // opted out to an outer level
    : {} extends TIndexes[TIndex]
      ? IndexQueryMember<TShape, TTemplates, TResolved, TIndexes, TIndex>
      : IndexQuery<TShape, TTemplates, TResolved, TIndex, TIndexes[TIndex]>;
/**
 * A query of an index whose partition has fields (`TPartition`, the record's): one interface, whose members are
 * computed when read (a query without `sortKey` or `filter` builds neither), rather than `QueryOn`'s intersection of
 * `{ index }`, two conditional types and `QueryPageOptions`, each part an object type that every query built and
 * related (per entity on the bench's full shape, TS 7: −5 types, −46 heap allocations; docs/benchmarks-typecost.md,
 * session s21).
 */
interface IndexQuery<
  TShape extends Shape,
  TTemplates extends KeyTemplates,
  TResolved,
  TIndex extends string,
  TPartition,
> extends QueryPageOptions {
  readonly index: TIndex;
  readonly partition: TPartition;
  readonly sortKey?: SortKeyOf<TShape, TTemplates, TResolved, `${TIndex}sk`>;
  readonly filter?: QueryFilter<TShape, TTemplates, TResolved, TIndex>;
}
/**
 * The sort-key condition of a query on a key attribute ({@link IndexQuery}, {@link TableQuery}): `never` without a
 * sort key, whose `sortKey` the runtime refuses (`undefined` aside, which it reads as none).
 */
type SortKeyOf<
  TShape extends Shape,
  TTemplates extends KeyTemplates,
  TResolved,
  TAttribute extends string,
> = TAttribute extends keyof TTemplates
  ? SortKeyCondition<TShape, TemplatePathList<TTemplates[TAttribute] & string>, IsolationPaths<TResolved>>
  : never;
/**
 * The index members of {@link OwnIndexQueryInput}, from the record's index partitions (read once); of the index
 * signature too for several indexes or an index without partition fields ({@link IndexQueryInput}).
 */
type IndexQueryMember<
  TShape extends Shape,
  TTemplates extends KeyTemplates,
  TResolved,
  TIndexes,
  // The index names once, for the mapping and its lookup (written twice, `keyof TIndexes & string` cost 4 per entity).
  TNames extends keyof TIndexes & string = keyof TIndexes & string,
> = {
  // Not wrapped (`[…] extends [never]`): the check type is an indexed access, not a type parameter, so it does not
  // distribute; the tuples cost 5 instantiations per entity on the bench's full shape (session s17).
  [TIndex in TNames]: TIndexes[TIndex] extends never
    ? never // opted out to an outer level
    : { readonly index: TIndex } & QueryOn<
        TShape,
        TTemplates,
        TResolved,
        TIndex,
        PartitionPart<TIndexes[TIndex], QueryFilter<TShape, TTemplates, TResolved, TIndex>>
      >;
}[TNames];

/**
 * The table query of {@link OwnQueryInput}: the second exact signature of {@link EntityScope.query}. Its partition
 * refuses the entity's other fields (`OnlyPartitionPart`).
 *
 * @example
 * Note.scope(ids).query({ sortKey: { noteId: "n1" }, limit: 25, order: "desc" });
 * @see docs/patterns/scoped-access.md
 */
export type OwnTableQueryInput<
  TShape extends Shape,
  TTemplates extends KeyTemplates,
  TResolved,
  TKeyInput extends DefinedKeyInput,
> =
  | QueryListedProperties // listed first: no sort-key conditions without sortKey
  | ({ readonly index?: undefined } & QueryOn<
      TShape,
      TTemplates,
      TResolved,
      "",
      OnlyPartitionPart<TKeyInput["table"], QueryFilter<TShape, TTemplates, TResolved, "">, TShape>
    >);

/**
 * The input of {@link EntityScope.query}'s table signature: a {@link TableQuery} when the pk template has fields beyond
 * the scope's ids, else {@link OwnTableQueryInput} (its partition optional, refusing any field).
 */
type TableQueryInput<
  TShape extends Shape,
  TTemplates extends KeyTemplates,
  TResolved,
  TKeyInput extends DefinedKeyInput,
> = {} extends TKeyInput["table"]
  ? OwnTableQueryInput<TShape, TTemplates, TResolved, TKeyInput>
  : TableQuery<TShape, TTemplates, TResolved, TKeyInput["table"]>;
/**
 * A query of the table whose partition has fields (`TPartition`, the record's): one interface, as {@link IndexQuery},
 * and no union. So the partition needs no refusal of the entity's other fields (`OnlyPartitionPart`): a partition
 * literal is checked for excess properties against this partition alone, not against every member's of a union
 * (per table query on the bench's entities, TS 7: −11 types, −151 heap allocations; docs/benchmarks-typecost.md,
 * session s21).
 */
interface TableQuery<
  TShape extends Shape,
  TTemplates extends KeyTemplates,
  TResolved,
  TPartition,
> extends QueryPageOptions {
  readonly index?: undefined;
  readonly partition: TPartition;
  readonly sortKey?: SortKeyOf<TShape, TTemplates, TResolved, "sk">;
  readonly filter?: QueryFilter<TShape, TTemplates, TResolved, "">;
}

/**
 * The key inputs of an entity scope read from the entity's templates, as `KeyInputOf` records them from the
 * definition: for a scope that is not given the entity's record (the adapter's, whose `db.entity(E)` does not infer
 * it).
 *
 * @example
 * type Primary = TemplateKeyInput<typeof Note.schema.shape, typeof Note.templates, typeof Note.isolation>["primary"];
 * //=> { readonly noteId: string }
 */
export interface TemplateKeyInput<
  TShape extends Shape,
  TTemplates extends KeyTemplates,
  TResolved extends ResolvedIsolation,
> {
  readonly input: EntityKeyInput<TShape, TTemplates, TResolved>;
  readonly primary: ScopedInput<TShape, TTemplates, TResolved, PrimaryAttribute<TTemplates>>;
  readonly table: ScopedInput<TShape, TTemplates, TResolved, "pk" & keyof TTemplates>;
  readonly indexes: {
    readonly [TIndex in IndexNames<TTemplates>]: TTemplates[`${TIndex}pk` &
      keyof TTemplates] extends `${OwnLevelPrefix<TResolved>}${string}`
      ? ScopedInput<TShape, TTemplates, TResolved, `${TIndex}pk` & keyof TTemplates>
      : never; // opted out to an outer level
  };
}

/**
 * The first member of an entity scope's {@link OwnQueryInput}, which takes no input (its `index` is `never`), so that a
 * query that gives no `sortKey` builds no sort-key conditions. TypeScript lists a union's properties from its first
 * member (the lowest type id: this interface is created once, before any entity's members) and keeps those that every
 * member has; to type a query literal, it asks each listed optional property the literal leaves out whether it tells
 * the members apart, which builds that property's type in every member (each index's `SortKeyCondition`, ≈ 66
 * instantiations per entity on the bench's full shape, docs/benchmarks-typecost.md). `sortKey` is not listed here, so
 * its conditions are built only for the member a written `sortKey` is checked against; `index` is (a literal without
 * one is still narrowed to the table, which types its `filter`), and so are the other properties, so that TypeScript's
 * errors elaborate the member they did. `partition?: never` adds nothing to the partition types a written partition's
 * fields are checked against (`unknown` there let a stray field through).
 */
/**
 * The member of {@link OwnIndexQueryInput} that a query without `index` is narrowed to while TypeScript types its literal
 * (its optional `index` is what a literal that leaves `index` out is told apart by), so that a table query's `filter`
 * callback is typed as the table's, as in {@link OwnTableQueryInput}, when TypeScript reports the mistakes of a call
 * that fails every signature from the first. It takes no input: `tableQuery` is required and `never`.
 */
interface TableQueryContext<TShape extends Shape, TTemplates extends KeyTemplates, TResolved> {
  readonly index?: undefined;
  readonly filter?: QueryFilter<TShape, TTemplates, TResolved, "">;
  readonly [tableQuery]: never;
}
/** The key no query literal has ({@link TableQueryContext}). */
declare const tableQuery: unique symbol;

interface QueryListedProperties extends QueryPageOptions {
  readonly index: never;
  readonly partition?: never;
  readonly filter?: unknown;
}

/**
 * The start of the pk template of every index an entity's own scope queries: its isolation prefix (defineEntity
 * requires it of every index but those opted out to an outer level, and refuses it to those); `""` for a global entity.
 */
type OwnLevelPrefix<TResolved> = TResolved extends { readonly prefix: infer TPrefix extends string } ? TPrefix : "";

/** The prefix of a query's key attributes: `""` for the table, else the index name. */
type KeyPrefix<TIndex> = TIndex extends string ? TIndex : "";

/**
 * What a query's call-site check ({@link CheckQuery}) reads of the input as written: any `index`, `partition` and
 * `sortKey`. The adapter's query methods take an input that is a {@link QueryInput} or this, so that an input with
 * a wrong index, no partition or a gap in its sort key is still inferred as written, for the check to name the
 * mistake (the input is checked against `QueryInput` too). `object &`: an object type whose properties are all
 * optional is "weak", and an input sharing none of them (`{ limitt: 5 }`) would fail the constraint, be inferred as
 * the constraint, and get TypeScript's excess-property error instead of `query.invalidOption`; an intersection with
 * `object` is not weak.
 *
 * @example
 * const written: QueryWritten = { index: "nope" };
 * @see docs/dynamodb.md
 */
export type QueryWritten = object & {
  readonly index?: unknown;
  readonly partition?: unknown;
  readonly sortKey?: unknown;
};

/**
 * The input of the command builder's catch-all `query` overload, tried only when the input fails the exact signature
 * before it: with no catalog message (`TCheck` `unknown`), `TQuery` itself, so that a mistake the catalog does not
 * name (an id in `sortKey`) is refused with TypeScript's own error, as the exact signature refuses it, rather than
 * accepted as written; with one (which `this` then reports alone), {@link QueryAsGiven}, from which TypeScript infers
 * the type parameters.
 *
 * @example
 * type Input = CheckedQueryInput<unknown, { limitt: 5 }, QueryInput<Shape, Templates, Resolved>>; //=> the QueryInput
 * @see docs/dynamodb.md
 */
export type CheckedQueryInput<TCheck, TInput, TQuery, TParts = {}> = unknown extends TCheck
  ? TQuery
  : QueryAsGiven<TInput, TQuery, TParts>;

/**
 * The input of a catch-all query overload as given: the input as written (when TypeScript inferred it), checked
 * against `TQuery`, and its key properties one by one (`TParts`, {@link QueryKeyParts}), from which the overload's
 * type parameters are inferred. The adapter's catch-alls take it as is: their exact signatures take the input as
 * written too (an outer scope's sort key holds ids its `QueryInput` pins), and a correct query beside a `filter`
 * that the exact signature refused (it could not infer the input in time for `this`) is taken here.
 *
 * @example
 * type Input = QueryAsGiven<QueryWritten, QueryInput<Shape, Templates, Resolved>, QueryKeyParts<"byAuthr", unknown, unknown>>;
 * @see docs/dynamodb.md
 */
export type QueryAsGiven<TInput, TQuery, TParts> = InferredInput<TInput> & TQuery & TParts;
/** The input as written, or `{}` when TypeScript did not infer it and it fell back to its constraint. */
type InferredInput<TInput> = QueryWritten extends TInput ? {} : TInput;
/**
 * The key properties of a query's input, each inferred into its own type parameter (`unknown` when not written) in
 * the catch-all overloads ({@link CheckedQueryInput}). TypeScript does not infer a literal holding an unannotated
 * callback (a `filter`) as a whole in time for `this` (the input as written falls back to its constraint), but it
 * infers the literal's other properties one by one: so a wrong index, a missing partition or a gap in the sort key
 * beside a `filter` still gets the catalog's message ({@link QueryAsWritten}). Only in the catch-alls: in an exact
 * signature an `index` typed by a type parameter stops the input's union narrowing the filter's contextual type to the
 * index written, and the inference costs every correct query (+146 instantiations per adapter query,
 * docs/benchmarks-typecost.md). `unknown` rather than `undefined` for a property not written: a `partition?: undefined`
 * intersected with the input's union empties the members that require a partition.
 *
 * @example
 * const parts: QueryKeyParts<"byAuthor", { author: "ann" }, unknown> = { index: "byAuthor", partition: { author: "ann" } };
 * @see docs/dynamodb.md
 */
export interface QueryKeyParts<TIndex, TPartition, TSortKey> {
  readonly index?: TIndex;
  readonly partition?: TPartition;
  readonly sortKey?: TSortKey;
}

/**
 * The input a query's check reads ({@link CheckQuery} and its level variants): the key properties as inferred one by
 * one ({@link QueryKeyParts}; `index` `undefined` when not written, `partition` and `sortKey` `unknown`, which the
 * checks read as absent), and the input as written for its option names when TypeScript inferred it, that is when it
 * is not {@link QueryWritten} or more, the constraint it falls back to beside a `filter` callback.
 *
 * @example
 * type Checked = QueryAsWritten<QueryWritten, "byAuthr", unknown, unknown>; //=> { index: "byAuthr"; partition: unknown; sortKey: unknown }
 * @see docs/dynamodb.md
 */
export type QueryAsWritten<TInput, TIndex, TPartition, TSortKey> = InferredInput<TInput> & {
  readonly index: unknown extends TIndex ? undefined : TIndex;
  readonly partition: TPartition;
  readonly sortKey: TSortKey;
};

/**
 * The `this` type of the adapter's `query`, `page` and `pages`, and of the command builder's catch-all `query`
 * overload (`EntityScope.query`): `unknown` for a query the input types accept, else
 * the catalog message of its first mistake: an index the entity does not have (`query.unknownIndex`), no
 * `partition` where the pk template has fields beyond the scope's ids (`query.partition`), a sort-key field that
 * is not one of the template's (`query.sortKey`, "names …") or given without an earlier one (`query.sortKey`,
 * "gives … without … before it"). On `this`, which the compiler checks before the arguments, so the message
 * replaces TypeScript's union error; and only as deep as the call goes. (An entity with indexes opted out to an
 * outer level: {@link CheckOwnLevelQuery}.)
 *
 * @example
 * type Check = CheckQuery<"Note", Shape, Templates, Resolved, { index: "nope" }>;
 * //=> "[query.unknownIndex] Note has no index \"nope\" | query one of the entity's indexes (byTag), …"
 * @see docs/dynamodb.md
 */
export type CheckQuery<
  TName extends string,
  TShape extends Shape,
  TTemplates extends KeyTemplates,
  TResolved,
  TInput,
> = [TInput] extends [never]
  ? unknown // an input cast to never: nothing to check
  : CheckQueryOptions<
      TName,
      TInput,
      [TInput] extends [{ readonly index: infer TIndex }]
        ? [TIndex] extends [IndexNames<TTemplates> | undefined]
          ? CheckQueryOn<TName, TShape, TTemplates, TResolved, KeyPrefix<TIndex>, TInput>
          : string extends TIndex
            ? unknown // not a literal: TypeScript's own error
            : UnknownIndexMessage<TName, TIndex & string, ListOf<IndexNames<TTemplates>>>
        : CheckQueryOn<TName, TShape, TTemplates, TResolved, "", TInput>
    >;
/**
 * `query.invalidOption` for a key of the input that is no query option (a misspelt `limitt`, which the input type,
 * an intersection with the input as written, would accept and the runtime refuses), else `TChecked`.
 */
type CheckQueryOptions<TName extends string, TInput, TChecked> = [Exclude<keyof TInput, QueryOptionName>] extends [
  never,
]
  ? TChecked
  : QueryOptionMessage<TName, FirstOf<Exclude<keyof TInput, QueryOptionName> & string>, NotAQueryOption>;
/**
 * The command builder's {@link CheckQueryOptions}, around the check its catch-all query overloads share with the
 * adapter (`TChecked`: {@link CheckOwnLevelQuery}, {@link CheckOuterQuery}): a key that is no option of a builder's
 * query (a misspelt `limitt`, or the adapter's `pageSize`, `maxRequests`, `hydrate`, which a `QueryCommand` input
 * cannot carry) is `query.invalidOption` in the builder's words, as its runtime (scope-query.ts) says it. A wrapper
 * rather than a parameter of the shared checks, which the adapter's exact signatures evaluate for every query (+3 /
 * +4 instantiations per entity on its probe); the builder reaches it only after its exact signature failed.
 *
 * @example
 * type Check = CheckBuilderQueryOptions<"Note", { pageSize: 5 }, unknown>;
 * //=> "[query.invalidOption] Note query pageSize is not an option of a query | a command takes limit …"
 */
export type CheckBuilderQueryOptions<TName extends string, TInput, TChecked> = [
  Exclude<keyof TInput, BuilderQueryOptionName>,
] extends [never]
  ? TChecked
  : BuilderQueryOptionMessage<TName, FirstOf<Exclude<keyof TInput, BuilderQueryOptionName> & string>, NotAQueryOption>;
/** The options of a command builder's query, its input's keys: the runtime's list (scope-query.ts, `builderQueryKeys`). */
type BuilderQueryOptionName = keyof QueryWritten | "filter" | "limit" | "order" | "cursor" | "consistent";
/** The options of the adapter's queries (capsule-entity/dynamodb): a command builder's and those its pages read. */
type QueryOptionName = BuilderQueryOptionName | "pageSize" | "maxRequests" | "hydrate";
/**
 * {@link CheckQuery} of the entity's own scope, for an entity with indexes opted out to an outer level: a query of one
 * of those is refused (`scope.indexLevel`, in the words of the entity's kit, its level recorded by the definition).
 * Its own check, so that an entity without such indexes pays nothing for it.
 *
 * @example
 * type Check = CheckOwnLevelQuery<"Document", Shape, Templates, typeof Document.isolation, { index: "byTenant" }>;
 * //=> "[scope.indexLevel] Document's index byTenant is keyed at the tenant level, wider than a capsule scope | …"
 * @see docs/dynamodb.md
 */
export type CheckOwnLevelQuery<
  TName extends string,
  TShape extends Shape,
  TTemplates extends KeyTemplates,
  TResolved,
  TInput,
> = [TInput] extends [never]
  ? unknown
  : [TInput] extends [{ readonly index: infer TIndex extends keyof OuterIndexesOf<TResolved> }]
    ? OuterIndexRefusal<TName, TResolved, TIndex>
    : CheckQuery<TName, TShape, TTemplates, TResolved, TInput>;
/** An entity scope's query of an index opted out to an outer level (`scope.indexLevel`), in the entity's words. */
type OuterIndexRefusal<
  TName extends string,
  TResolved,
  TIndex extends keyof OuterIndexesOf<TResolved>,
> = TResolved extends {
  readonly level: infer TLevel extends string;
  readonly prefix: infer TPrefix extends string;
}
  ? OuterIndexesOf<TResolved>[TIndex] extends infer TOuter extends OuterIndex
    ? IndexLevelScopeMessage<TName, TIndex & string, TOuter["level"], TLevel, TPrefix>
    : unknown
  : unknown;

/**
 * The indexes of an entity opted out to an outer level, as the adapter records them on the isolation type it reads
 * ({@link RecordedIsolation}): index → {@link OuterIndex} (its level and the ids of a scope there). `{}` for an
 * entity without.
 *
 * @example
 * type Outer = OuterIndexesOf<RecordedIsolation<typeof Document.templates, typeof Document.isolation>>;
 * //=> { readonly byTenant: OuterIndex<"tenant", "tenantId"> }
 */
export type OuterIndexesOf<TResolved> = TResolved extends { readonly outerIndexes: infer TOuter } ? TOuter : {};

/**
 * An index opted out to an outer level, as {@link RecordedIsolation} records it: the level's name and the id fields
 * of a scope at that level (the levels' fields down to it).
 *
 * @example
 * const byTenant: OuterIndex<"tenant", "tenantId"> = { level: "tenant", ids: ["tenantId"] };
 * @see docs/dynamodb.md
 */
export interface OuterIndex<TLevel extends string = string, TIds extends string = string> {
  readonly level: TLevel;
  readonly ids: readonly TIds[];
}

/**
 * The isolation type the adapter reads for an entity: its resolution, with the indexes opted out to an outer level
 * recorded as `outerIndexes` (level from the index's `isolation.level`, ids from its pk template), once per
 * `db.entity(E)`; the resolution itself for an entity without (the common case). The index definitions are read back
 * from the entity's templates type, `TemplatesOf<pk, sk, indexes>`, which defineEntity records at no cost (an
 * `isolation` member computed there cost every definition, opted out or not, 30 instantiations).
 *
 * @example
 * type Recorded = RecordedIsolation<typeof Document.templates, typeof Document.isolation>;
 * //=> typeof Document.isolation & { readonly outerIndexes: { readonly byTenant: OuterIndex<"tenant", "tenantId"> } }
 * @see docs/dynamodb.md
 */
export type RecordedIsolation<TTemplates, TResolved> =
  TTemplates extends TemplatesOf<
    infer _TPk,
    infer _TSk,
    infer TIndexes extends Readonly<Record<string, IndexDefinition>>
  >
    ? true extends OptsOut<TIndexes[keyof TIndexes]>
      ? TResolved & { readonly outerIndexes: OuterIndexRecord<TIndexes, TTemplates, TResolved> }
      : TResolved
    : TResolved;
/**
 * {@link RecordedIsolation} for `db.entity(E)`, which every entity of an application passes: the resolution itself
 * when every partition template starts with the entity's own level prefix, one test; else {@link RecordedIsolation},
 * whose `TemplatesOf` inference re-instantiates the index templates (`db.entity(E)` 192 → 118 instantiations for an
 * entity without opt-outs, docs/benchmarks-typecost.md, session s18). Exact for every entity `defineEntity` accepts:
 * an index of the entity's own level starts with its prefix (rule 1), and an index opted out to an outer level may not
 * (`isolation.capsulePartition`); a global entity's prefix is `""`, and it has no outer level to opt out to.
 * types-tests/fast-paths.test-d.ts holds both equal.
 */
export type ConnectedIsolation<TTemplates, TResolved> = TTemplates[keyof TTemplates &
  `${string}pk`] extends `${OwnLevelPrefix<TResolved>}${string}`
  ? TResolved
  : RecordedIsolation<TTemplates, TResolved>;
/**
 * `true` for each index definition that carries `isolation`, distributed over the definitions (an indexed access
 * reads an absent `isolation` as `unknown`).
 */
type OptsOut<TIndex extends IndexDefinition> = TIndex extends unknown
  ? unknown extends TIndex["isolation"]
    ? never
    : true
  : never;
/** Opted-out index → its level and the level ids its pk template is keyed by. */
type OuterIndexRecord<TIndexes extends Readonly<Record<string, IndexDefinition>>, TTemplates, TResolved> = {
  readonly [TIndex in OptedOutName<TIndexes>]: OuterIndex<
    NonNullable<TIndexes[TIndex]["isolation"]>["level"],
    IndexFields<TTemplates, TResolved, TIndex>
  >;
};
/** The names of the index definitions that carry `isolation`. */
type OptedOutName<
  TIndexes extends Readonly<Record<string, IndexDefinition>>,
  TIndex extends keyof TIndexes & string = keyof TIndexes & string,
> = TIndex extends unknown ? (unknown extends TIndexes[TIndex]["isolation"] ? never : TIndex) : never;
/**
 * Level id field → its path in the schema: the default kit's `tenantId` / `capsuleId` (as far as the entity's level
 * goes), or a kit's `fields`.
 */
type LevelPaths<TResolved> = TResolved extends { readonly fields: infer TFields }
  ? TFields
  : (TResolved extends { readonly tenant: infer TTenant extends string } ? { readonly tenantId: TTenant } : {}) &
      (TResolved extends { readonly capsule: infer TCapsule extends string } ? { readonly capsuleId: TCapsule } : {});
/**
 * The level id fields an index's pk template is keyed by: an index opted out to an outer level carries exactly that
 * level's fields, down from the outermost (defineEntity's `isolation.keyPrefix` and `isolation.capsulePartition`).
 */
type IndexFields<TTemplates, TResolved, TIndex extends string> = {
  [TField in keyof LevelPaths<TResolved> & string]: TTemplates[`${TIndex}pk` &
    keyof TTemplates] extends `${string}\${${LevelPaths<TResolved>[TField] & string}}${string}`
    ? TField
    : never;
}[keyof LevelPaths<TResolved> & string];

/**
 * The opted-out indexes a scope with the ids `TIds` (their field names exactly) reaches: `never` for the entity's own
 * scope ids, or any others.
 *
 * @example
 * type Reached = OuterScopeIndexes<typeof Document.isolation, { tenantId: TenantId }>; //=> "byTenant"
 */
export type OuterScopeIndexes<TResolved, TIds> = [keyof ScopeIds<TResolved>] extends [keyof TIds]
  ? never // the entity's own scope ids (or more): the common case, decided before the indexes are read
  : [keyof TIds] extends [never]
    ? never // no ids (or ids not inferred yet)
    : OuterIdsIndexes<OuterIndexesOf<TResolved>, keyof TIds>;
/** {@link OuterScopeIndexes} for ids short of the entity's own: the indexes whose level takes exactly those. */
type OuterIdsIndexes<TOuter, TFields> = {
  [TIndex in keyof TOuter]: TOuter[TIndex] extends OuterIndex<string, infer TIds>
    ? [TFields] extends [TIds]
      ? [TIds] extends [TFields]
        ? TIndex
        : never
      : never
    : never;
}[keyof TOuter] &
  string;

/**
 * The ids `scope(ids)` takes: those of an outer level some index opted out to when `TIds` names exactly its fields
 * (`{ tenantId }` of a capsule entity with a tenant-level index), else the entity's {@link ScopeIds}.
 *
 * @example
 * type Ids = ScopeIdsFor<typeof Document.isolation, { tenantId: TenantId }>; //=> { readonly tenantId: TenantId }
 */
export type ScopeIdsFor<TResolved, TIds> = [OuterScopeIndexes<TResolved, TIds>] extends [never]
  ? ScopeIds<TResolved>
  : Pick<ScopeIds<TResolved>, keyof TIds & keyof ScopeIds<TResolved>>; // the ids of the level, as given

/**
 * The `this` type of an outer-level scope's `query` / `page` / `pages` (`scope({ tenantId })` of a capsule entity):
 * the catalog message for the table or an index not opted out to that level (`scope.outerLevel`), else
 * {@link CheckQuery}.
 *
 * @example
 * type Check = CheckOuterQuery<"Document", Shape, Templates, Resolved, "byTenant", {}>;
 * //=> "[scope.outerLevel] Document's tenant scope can only query the indexes opted out to the tenant level (byTenant), not the table | …"
 */
export type CheckOuterQuery<
  TName extends string,
  TShape extends Shape,
  TTemplates extends KeyTemplates,
  TResolved,
  TIndexes extends string,
  TInput,
> = [TInput] extends [never]
  ? unknown
  : CheckQueryOptions<
      TName,
      TInput,
      [TInput] extends [{ readonly index: infer TIndex extends TIndexes }]
        ? CheckQueryOn<TName, TShape, TTemplates, TResolved, TIndex, TInput>
        : [TInput] extends [{ readonly index: infer TIndex extends IndexNames<TTemplates> }]
          ? OuterLevelMessage<TName, TResolved, TIndexes, `index ${TIndex}`>
          : [TInput] extends [{ readonly index: {} }] // any other index: CheckQuery's `query.unknownIndex`
            ? CheckQuery<TName, TShape, TTemplates, TResolved, TInput>
            : // The table (not `extends { index?: undefined }`: a weak type, which an input naming none of its
              // properties, `{ sortKey }`, does not match).
              OuterLevelMessage<TName, TResolved, TIndexes, "the table">
    >;
/** `scope.outerLevel` for an outer scope, whose indexes `TIndexes` share one level. */
type OuterLevelMessage<
  TName extends string,
  TResolved,
  TIndexes extends string,
  TWhat extends string,
> = OuterIndexesOf<TResolved>[TIndexes & keyof OuterIndexesOf<TResolved>] extends infer TOuter extends OuterIndex
  ? OuterLevelScopeMessage<
      TName,
      TOuter["level"],
      TWhat,
      ListOf<TIndexes>,
      ListOf<TOuter["ids"][number]>,
      FirstOf<TIndexes>
    >
  : never;

/**
 * The ids of the command builder's outer-level `scope(ids)` overload (`Document.scope({ tenantId })`): those of the
 * outer level some index opted out to when `TIds` names exactly its fields, else `never`, so that the overload fails
 * and the catch-all after it names the mistake (`scope.missingId` for an entity without such an index).
 *
 * @example
 * type Ids = OuterScopeIds<RecordedIsolation<typeof Document.templates, typeof Document.isolation>, { tenantId: TenantId }>;
 * //=> { readonly tenantId: TenantId }
 */
export type OuterScopeIds<TRecorded, TIds> = [OuterScopeIndexes<TRecorded, TIds>] extends [never]
  ? never
  : Pick<ScopeIds<TRecorded>, keyof TIds & keyof ScopeIds<TRecorded>>;

/**
 * What a scope opened at an outer level pins, as an isolation: that level and its id fields only (the runtime's
 * `pins`: `tenantId` of a capsule entity's tenant scope; a kit's `fields` narrowed to the level's), so that its
 * queries' `partition`, `sortKey` and `filter` take the inner levels' fields as the runtime does
 * (`sortKey: { capsuleId }` on an index keyed `${capsuleId}#${docId}`); with the entity's opted-out indexes, for the
 * catalog's messages, and its prefix, for its items' key types. The builder's and the adapter's outer scopes read it.
 *
 * @example
 * type Pinned = OuterLevelIsolation<RecordedIsolation<typeof Document.templates, typeof Document.isolation>, "byTenant">;
 * //=> { readonly level: "tenant"; readonly outerIndexes: …; readonly prefix: "TENANT#…" } & { tenant: "tenantId" }
 */
export type OuterLevelIsolation<TRecorded, TIndexes extends string> =
  OuterIndexesOf<TRecorded>[TIndexes & keyof OuterIndexesOf<TRecorded>] extends OuterIndex<infer TLevel, infer TIds>
    ? // One object type per case (an intersection cost +5 per entity on the adapter probe's tenant scope). The
      // entity's own prefix, so that its items' key types are the entity's (EntityKeys reads it).
      TRecorded extends { readonly kit: infer TKit extends string; readonly fields: infer TFields }
      ? {
          readonly level: TLevel;
          readonly outerIndexes: OuterIndexesOf<TRecorded>;
          readonly prefix: PrefixOf<TRecorded>;
          readonly kit: TKit;
          readonly fields: Pick<TFields, TIds & keyof TFields>;
        }
      : TRecorded extends { readonly tenant: infer TTenant extends string }
        ? {
            readonly level: TLevel;
            readonly outerIndexes: OuterIndexesOf<TRecorded>;
            readonly prefix: PrefixOf<TRecorded>;
            readonly tenant: TTenant;
          }
        : {
            readonly level: TLevel;
            readonly outerIndexes: OuterIndexesOf<TRecorded>;
            readonly prefix: PrefixOf<TRecorded>;
          }
    : never;

/**
 * A query of an outer-level scope: one of the indexes opted out to its level (`TIndexes`), with the partition,
 * sort key and filter its pinned isolation `TLevel` leaves (`OuterLevelIsolation`). Its union starts with
 * `QueryListedProperties`, as an entity scope's {@link OwnQueryInput}, so that a query builds the sort-key
 * conditions only of the index it names: −136 instantiations per entity for a tenant scope of two opted-out indexes
 * (2,141 → 2,005), +8 for one (1,509 → 1,517; docs/benchmarks-typecost.md, session s12).
 *
 * @example
 * const input: OuterQueryInput<Shape, typeof Document.templates, Pinned, "byTenant"> = {
 *   index: "byTenant",
 *   sortKey: { capsuleId },
 * };
 */
export type OuterQueryInput<TShape extends Shape, TTemplates extends KeyTemplates, TLevel, TIndexes extends string> =
  | QueryListedProperties // listed first, as an entity scope's OwnQueryInput: no sort-key conditions without sortKey
  | {
      [TIndex in TIndexes]: { readonly index: TIndex } & QueryOn<TShape, TTemplates, TLevel, TIndex>;
    }[TIndexes];

/**
 * A capsule entity's scope at an outer level some of its indexes opted out to (`Document.scope({ tenantId })`), as
 * the runtime builds it (create-scope.ts): `QueryCommandInput`s of those indexes (`TIndexes`) only, read back and
 * verified as the entity's items under the level's partition (`readItem`, `owns`, `assertOwns`). The table, another
 * index and the single-item operations (`keys`, `get`, `put`, `update`, `delete`) are refused: `scope.outerLevel` on
 * `this`, and the same text at runtime. `TLevel` is what the scope pins (`OuterLevelIsolation`).
 *
 * @example
 * const everyCapsule = Document.scope({ tenantId });
 * const output = await client.send(new QueryCommand(everyCapsule.query({ index: "byTenant" })));
 * const documents = (output.Items ?? []).map(everyCapsule.readItem);
 * @see docs/dynamodb.md
 */
export interface OuterEntityScope<
  TName extends string,
  TSchema extends AnyObjectSchema,
  TTemplates extends KeyTemplates,
  TResolved extends ResolvedIsolation,
  TLevel,
  TIndexes extends string,
> {
  /** The ids of the level this scope is fixed to. */
  readonly ids: ScopeIds<TLevel>;
  /** A `QueryCommandInput` over one partition of an index opted out to this scope's level. */
  query(input: OuterQueryInput<TSchema["shape"], TTemplates, TLevel, TIndexes>): QueryCommandInput;
  /**
   * The catch-all, tried only when the signature above refuses the input: the catalog's message on `this`
   * (`CheckOuterQuery`, the adapter's outer scope's check: the table or another index is `scope.outerLevel`; an
   * option a command does not take first, in its words, `CheckBuilderQueryOptions`), the key
   * properties inferred one by one too (`QueryKeyParts`), for a mistake beside a `filter` callback.
   */
  query<
    const TInput extends QueryInput<TSchema["shape"], TTemplates, TLevel> | QueryWritten,
    const TIndex = unknown,
    const TPartition = unknown,
    const TSortKey = unknown,
  >(
    this: NoInfer<
      CheckBuilderOuterQuery<
        TName,
        TSchema["shape"],
        TTemplates,
        TLevel,
        TIndexes,
        QueryAsWritten<TInput, TIndex, TPartition, TSortKey>
      >
    >,
    input: CheckedQueryInput<
      CheckBuilderOuterQuery<
        TName,
        TSchema["shape"],
        TTemplates,
        TLevel,
        TIndexes,
        QueryAsWritten<TInput, TIndex, TPartition, TSortKey>
      >,
      TInput,
      OuterQueryInput<TSchema["shape"], TTemplates, TLevel, TIndexes>,
      QueryKeyParts<TIndex, TPartition, TSortKey>
    >,
  ): QueryCommandInput;
  /** The cursor for a query output's `LastEvaluatedKey`, to pass back as `cursor`; `undefined` after the last page. */
  cursor(lastEvaluatedKey: Readonly<Record<string, unknown>> | undefined): string | undefined;
  /**
   * A stored item as read from the index: `undefined` when absent or of another entity type; else validated by
   * `fromItem` and {@link OuterEntityScope.assertOwns} (an item of another tenant throws `IsolationError`).
   */
  readItem(raw: unknown): EntityItem<TName, TSchema, TTemplates, TResolved> | undefined;
  /** Whether an item carries this scope's ids and its keys lie in the level's partitions. */
  owns(item: unknown): boolean;
  /** Returns the item when {@link OuterEntityScope.owns} holds, else throws `IsolationError` naming the mismatch. */
  assertOwns<TItem>(item: TItem): TItem;
  /** Refused: an outer-level scope builds no single-item command (`scope.outerLevel`). */
  keys(this: OuterLevelMessage<TName, TLevel, TIndexes, "keys">, ...input: readonly unknown[]): never;
  /** Refused, as {@link OuterEntityScope.keys}. */
  get(this: OuterLevelMessage<TName, TLevel, TIndexes, "get">, ...input: readonly unknown[]): never;
  /** Refused, as {@link OuterEntityScope.keys}. */
  put(this: OuterLevelMessage<TName, TLevel, TIndexes, "put">, ...input: readonly unknown[]): never;
  /** Refused, as {@link OuterEntityScope.keys}. */
  update(this: OuterLevelMessage<TName, TLevel, TIndexes, "update">, ...input: readonly unknown[]): never;
  /** Refused, as {@link OuterEntityScope.keys}. */
  delete(this: OuterLevelMessage<TName, TLevel, TIndexes, "delete">, ...input: readonly unknown[]): never;
}

/** The check of {@link OuterEntityScope}'s catch-all query, on its `this` and in its input: the builder's options, then {@link CheckOuterQuery}. */
type CheckBuilderOuterQuery<
  TName extends string,
  TShape extends Shape,
  TTemplates extends KeyTemplates,
  TLevel,
  TIndexes extends string,
  TWritten,
> = CheckBuilderQueryOptions<TName, TWritten, CheckOuterQuery<TName, TShape, TTemplates, TLevel, TIndexes, TWritten>>;

/**
 * The scope the command builder's `scope(ids)` opens for ids of an outer level (`TIds`, checked by
 * {@link OuterScopeIds}): {@link OuterEntityScope} of the indexes opted out to that level.
 *
 * @example
 * type Scope = OuterScopeOf<"Document", typeof Document.schema, typeof Document.templates, typeof Document.isolation, { tenantId: TenantId }>;
 */
export type OuterScopeOf<
  TName extends string,
  TSchema extends AnyObjectSchema,
  TTemplates extends KeyTemplates,
  TResolved extends ResolvedIsolation,
  TIds,
> =
  RecordedIsolation<TTemplates, TResolved> extends infer TRecorded
    ? OuterScopeIndexes<TRecorded, TIds> extends infer TIndexes extends string
      ? OuterEntityScope<TName, TSchema, TTemplates, TResolved, OuterLevelIsolation<TRecorded, TIndexes>, TIndexes>
      : never
    : never;

/** {@link CheckQuery} on the table (`TOn` `""`) or a known index. */
type CheckQueryOn<
  TName extends string,
  TShape extends Shape,
  TTemplates extends KeyTemplates,
  TResolved,
  TOn extends string,
  TInput,
> = TInput extends { readonly partition: infer TPartition extends object }
  ? Exclude<
      ScannedTemplateSetPaths<TShape, TTemplates, TResolved, `${TOn}pk` & keyof TTemplates>,
      IsolationPaths<TResolved>
    > extends infer TNeeded extends string // the paths beyond the ids (ScopedInput's, a cache hit)
    ? CheckPartitionFields<
        TName,
        TOn,
        TTemplates[`${TOn}pk` & keyof TTemplates] & string,
        TNeeded,
        GivenPaths<TPartition, TNeeded | IsolationPaths<TResolved>, TNeeded>,
        IsolationPaths<TResolved>,
        CheckSortKey<TName, TShape, TTemplates, TResolved, `${TOn}sk`, TInput>
      >
    : unknown
  : {} extends ScopedInput<TShape, TTemplates, TResolved, `${TOn}pk` & keyof TTemplates>
    ? CheckSortKey<TName, TShape, TTemplates, TResolved, `${TOn}sk`, TInput>
    : QueryPartitionMessage<TName, TOn, TTemplates[`${TOn}pk` & keyof TTemplates] & string, IsolationPaths<TResolved>>;
/**
 * The paths a partition as written gives: its keys, and inside an object holding fields one level down (the top of
 * a nested path of `TPaths`, the template's and the ids', `ctx` of `ctx.tenantId`) the children's paths
 * (`ctx.region`); a holder that holds none is itself a path, unless the template takes paths in it (`TNeeded`:
 * `ctx: {}` then lacks `ctx.region`). The runtime reads it so (scope-query.ts, `givenPaths`).
 *
 * @example
 * type Given = GivenPaths<{ tag: "x"; ctx: { region: "eu" } }, "tag" | "ctx.tenantId", "tag">; //=> "tag" | "ctx.region"
 */
type GivenPaths<TPartition, TPaths extends string, TNeeded extends string> = [TPaths & `${string}.${string}`] extends [
  never,
]
  ? keyof TPartition & string // no nested path: the keys (the common case)
  : {
      [TKey in keyof TPartition & string]: TKey extends TopOf<TPaths & `${string}.${string}`>
        ? TPartition[TKey] extends string | number | bigint | boolean | null | undefined
          ? TKey
          : [keyof TPartition[TKey] & string] extends [never]
            ? TKey extends TopOf<TNeeded>
              ? never
              : TKey
            : `${TKey}.${keyof TPartition[TKey] & string}`
        : TKey;
    }[keyof TPartition & string];
/**
 * A partition's paths: one the pk template does not take beyond the scope's ids (sorted first, as the runtime
 * names it; it would be dropped from the key condition unread), else a scope id (`TIds`), which the scope gives (repeated, it would be one more value to keep equal
 * to the scope's), else one it lacks; else `TNext`.
 */
type CheckPartitionFields<
  TName extends string,
  TOn extends string,
  TTemplate extends string,
  TNeeded extends string,
  TGiven extends string,
  TIds extends string,
  TNext,
> = [Exclude<TGiven, TNeeded | TIds>] extends [never]
  ? [Exclude<TGiven & TIds, TNeeded>] extends [never]
    ? [Exclude<TNeeded, TGiven>] extends [never]
      ? TNext
      : QueryPartitionFieldMessage<TName, TOn, `has no ${FirstOf<Exclude<TNeeded, TGiven>>}`, TTemplate, TIds>
    : QueryPartitionFieldMessage<
        TName,
        TOn,
        `names "${FirstOf<Exclude<TGiven & TIds, TNeeded>>}", an id the scope already gives`,
        TTemplate,
        TIds
      >
  : QueryPartitionFieldMessage<TName, TOn, `names "${FirstOf<Exclude<TGiven, TNeeded | TIds>>}"`, TTemplate, TIds>;
/**
 * A field of a sort-key condition that is not the template's, a gap, an operator before a later field, or a range on
 * a number field, in the catalog's words.
 */
type CheckSortKey<
  TName extends string,
  TShape extends Shape,
  TTemplates extends KeyTemplates,
  TResolved,
  TAttribute extends string,
  TInput,
> = TInput extends { readonly sortKey: infer TCondition extends object }
  ? TAttribute extends keyof TTemplates
    ? CheckSortKeyFields<
        TName,
        TShape,
        TAttribute,
        TTemplates[TAttribute] & string,
        TemplatePathList<TTemplates[TAttribute] & string>,
        TCondition,
        IsolationPaths<TResolved>
      >
    : unknown // no sort key: TypeScript's excess-property error
  : unknown;
/** {@link CheckSortKey} on the fields given: the first stray one (sorted, as the runtime names it), else its order. */
type CheckSortKeyFields<
  TName extends string,
  TShape extends Shape,
  TAttribute extends string,
  TTemplate extends string,
  TPaths extends readonly string[],
  TCondition,
  TPinned extends string,
> = [Exclude<keyof TCondition & string, TopOf<TPaths[number] | TPinned>>] extends [infer TStray extends string]
  ? [TStray] extends [never]
    ? [SortKeyProblem<TShape, TPaths, TCondition, TPinned>] extends [infer TProblem extends string]
      ? [TProblem] extends [never]
        ? unknown
        : SortKeyConditionMessage<TName, TAttribute, TProblem>
      : unknown
    : SortKeyStrayMessage<TName, TAttribute, FirstOf<TStray>, TTemplate>
  : unknown;
/**
 * The runtime's problem with the order of a condition's fields (sort-key.ts, `sortKeyExpression`), or `never`. Walks
 * the template paths (the scope's `TPinned` ids skipped) to the first one not given or given an operator (`TStop`,
 * `TStopped` says which); a later path given then is a gap (`gives … without … before it`) or comes after an operator
 * (`gives … after an operator on …`); else an operator on a number field (`has gt on …, a number field`). Fields are
 * compared at the top level, as the condition nests dotted paths: an operator is read on top-level paths only.
 */
type SortKeyProblem<
  TShape extends Shape,
  TPaths extends readonly string[],
  TCondition,
  TPinned extends string,
  TStop extends string = never,
  TStopped extends "missing" | "operator" = never,
> = TPaths extends readonly [infer THead extends string, ...infer TTail extends readonly string[]]
  ? THead extends TPinned
    ? SortKeyProblem<TShape, TTail, TCondition, TPinned, TStop, TStopped>
    : [TStop] extends [never]
      ? TopOf<THead> extends keyof TCondition
        ? THead extends keyof TCondition
          ? TCondition[THead] extends
              string | number // a value (a branded id too); else an operator ({ gt: … })
            ? SortKeyProblem<TShape, TTail, TCondition, TPinned>
            : SortKeyProblem<TShape, TTail, TCondition, TPinned, THead, "operator">
          : SortKeyProblem<TShape, TTail, TCondition, TPinned> // a nested path, given
        : SortKeyProblem<TShape, TTail, TCondition, TPinned, THead, "missing">
      : TopOf<THead> extends keyof TCondition
        ? [TStopped] extends ["missing"]
          ? `gives ${THead} without ${TStop} before it`
          : `gives ${THead} after an operator on ${TStop}: only the last field given takes one`
        : SortKeyProblem<TShape, TTail, TCondition, TPinned, TStop, TStopped>
  : [TStopped] extends ["operator"]
    ? PathKind<TShape, TStop> extends "string"
      ? never
      : OperatorOf<TCondition[TStop & keyof TCondition]> extends infer TOperator extends string
        ? [TOperator] extends [never]
          ? never // not exactly one operator: the input's type refuses it
          : `has ${TOperator} on ${TStop}, a number field`
        : never
    : never;
/** The operator of a condition object with exactly one key, an operator's; else `never`. */
type OperatorOf<TValue> = keyof TValue extends infer TKey extends keyof SortKeyOperatorNames
  ? IsUnion<TKey> extends false
    ? TKey & string
    : never
  : never;
/** The names of the sort-key operators. */
interface SortKeyOperatorNames {
  readonly beginsWith: unknown;
  readonly gt: unknown;
  readonly gte: unknown;
  readonly lt: unknown;
  readonly lte: unknown;
  readonly between: unknown;
}

/**
 * A command input naming one item: the base of `GetCommand` and `DeleteCommand` inputs.
 *
 * @example
 * const input: KeyCommandInput<{ pk: string; sk: string }> = scope.get({ noteId: "n1" });
 * @see docs/patterns/scoped-access.md
 */
export interface KeyCommandInput<TKey> {
  readonly TableName: string;
  readonly Key: TKey;
}
/**
 * A DocumentClient `GetCommand` input, strongly consistent when asked for.
 *
 * @example
 * await client.send(new GetCommand(scope.get({ noteId: "n1" }, { consistent: true })));
 * @see docs/patterns/scoped-access.md
 */
export interface GetCommandInput<TKey> extends KeyCommandInput<TKey> {
  readonly ConsistentRead?: true;
}
/**
 * A DocumentClient `DeleteCommand` input: refuses to delete an item of another entity type at the key, or one
 * that does not carry the scope's ids.
 *
 * @example
 * await client.send(new DeleteCommand(scope.delete({ noteId: "n1" })));
 * @see docs/patterns/scoped-access.md
 */
export interface DeleteCommandInput<TKey> extends KeyCommandInput<TKey>, GuardedCommand {}
/** The condition every write carries, with the names and values it uses. */
export interface GuardedCommand {
  readonly ConditionExpression: string;
  readonly ExpressionAttributeNames: Readonly<Record<string, string>>;
  /** Absent when the condition uses no values (DynamoDB refuses an empty map). */
  readonly ExpressionAttributeValues?: Readonly<Record<string, unknown>>;
}
/**
 * A DocumentClient `PutCommand` input: refuses to overwrite an item of another entity type or one that does
 * not carry the scope's ids, or with `ifNotExists` any item.
 *
 * @example
 * await client.send(new PutCommand(scope.put(note, { ifNotExists: true })));
 * @see docs/patterns/scoped-access.md
 */
export interface PutCommandInput<TItem> extends GuardedCommand {
  readonly TableName: string;
  readonly Item: TItem;
}
/**
 * The `GetCommand` input of a scope's get: an interface, so that its key type is only computed when read.
 *
 * @see docs/patterns/scoped-access.md
 */
export interface ScopedGetInput<
  TSchema extends AnyObjectSchema,
  TTemplates extends KeyTemplates,
  TResolved extends ResolvedIsolation,
  TAttributes,
> extends GetCommandInput<PrimaryKeyOf<TSchema, TTemplates, TResolved, TAttributes>> {}
/** The `DeleteCommand` input of a scope's delete (lazy, like {@link ScopedGetInput}). */
export interface ScopedDeleteInput<
  TSchema extends AnyObjectSchema,
  TTemplates extends KeyTemplates,
  TResolved extends ResolvedIsolation,
  TAttributes,
> extends DeleteCommandInput<PrimaryKeyOf<TSchema, TTemplates, TResolved, TAttributes>> {}
/** The `UpdateCommand` input of a scope's update (lazy, like {@link ScopedGetInput}). */
export interface ScopedUpdateInput<
  TSchema extends AnyObjectSchema,
  TTemplates extends KeyTemplates,
  TResolved extends ResolvedIsolation,
  TAttributes,
> extends UpdateCommandInput<PrimaryKeyOf<TSchema, TTemplates, TResolved, TAttributes>> {}
/** The primary key of an item, as a table stores it. */
type PrimaryKeyOf<
  TSchema extends AnyObjectSchema,
  TTemplates extends KeyTemplates,
  TResolved extends ResolvedIsolation,
  TAttributes,
> = StoredAs<Pick<EntityKeys<TSchema["shape"], TTemplates, TResolved>, PrimaryAttribute<TTemplates>>, TAttributes>;
/**
 * The `PutCommand` input of a scope's put: an interface, so that its item type is only computed when read.
 *
 * @see docs/patterns/scoped-access.md
 */
export interface ScopedPutInput<
  TName extends string,
  TSchema extends AnyObjectSchema,
  TTemplates extends KeyTemplates,
  TResolved extends ResolvedIsolation,
  TAttributes,
> extends PutCommandInput<StoredAs<EntityItem<TName, TSchema, TTemplates, TResolved>, TAttributes>> {}
/**
 * A DocumentClient `UpdateCommand` input: only an existing item of this entity, returning the new item.
 *
 * @example
 * const { Attributes } = await client.send(new UpdateCommand(scope.update({ noteId: "n1" }, { title: "New" })));
 * scope.readItem(Attributes);
 * @see docs/patterns/scoped-access.md
 */
export interface UpdateCommandInput<TKey> extends DeleteCommandInput<TKey> {
  readonly UpdateExpression: string;
  readonly ReturnValues: "ALL_NEW";
}
/**
 * A DocumentClient `QueryCommand` input, confined to the scope's partition and the entity's type.
 *
 * @example
 * const output = await client.send(new QueryCommand(scope.query({ sortKey: { noteId: "n1" } })));
 * const notes = (output.Items ?? []).map(scope.readItem).filter((note) => note !== undefined);
 * const next = scope.cursor(output.LastEvaluatedKey);
 * @see docs/patterns/scoped-access.md
 */
export interface QueryCommandInput {
  readonly TableName: string;
  readonly IndexName?: string;
  readonly KeyConditionExpression: string;
  /** The entity-type filter and the caller's; none on a `KEYS_ONLY` index without a filter. */
  readonly FilterExpression?: string;
  readonly ExpressionAttributeNames: Readonly<Record<string, string>>;
  readonly ExpressionAttributeValues: Readonly<Record<string, unknown>>;
  readonly Limit?: number;
  readonly ScanIndexForward?: false;
  readonly ExclusiveStartKey?: Readonly<Record<string, string>>;
  readonly ConsistentRead?: true;
}

/**
 * Access to one entity, confined to one tenant and capsule.
 *
 * @example
 * const scope = RoleAssignment.scope({ tenantId, capsuleId });
 * const { Item } = await client.send(new GetCommand(scope.get({ id: "r1" })));
 * const role = scope.readItem(Item); // validated, owned by the scope, or undefined
 * @see docs/dynamodb.md
 */
export interface EntityScope<
  TName extends string,
  TSchema extends AnyObjectSchema,
  TTemplates extends KeyTemplates,
  TResolved extends ResolvedIsolation,
  TAttributes = {},
  // The key inputs as the definition recorded them (`KeyInputOf`, `Entity`'s `TKeyInput`), which `get`, `delete`,
  // `update` and `query` read: the entity's `scope()` passes them (the bench's full shape −48 instantiations per entity,
  // docs/benchmarks-typecost.md, session s15); the adapter's scopes read them from the templates (`TemplateKeyInput`).
  TKeyInput extends DefinedKeyInput = TemplateKeyInput<TSchema["shape"], TTemplates, TResolved>,
> {
  /** The ids this scope is fixed to. */
  readonly ids: ScopeIds<TResolved>;
  /** Every key of the entity, the isolation ids supplied by the scope. */
  keys(
    input: ScopedInput<TSchema["shape"], TTemplates, TResolved, keyof TTemplates>,
  ): EntityKeys<TSchema["shape"], TTemplates, TResolved>;
  /** A `GetCommand` input for one item; `consistent` for a strongly consistent read. */
  get(
    input: TKeyInput["primary"],
    options?: { readonly consistent?: boolean },
  ): ScopedGetInput<TSchema, TTemplates, TResolved, TAttributes>;
  /** A `DeleteCommand` input for one item; it refuses to delete an item of another entity type or with other ids. */
  delete(input: TKeyInput["primary"]): ScopedDeleteInput<TSchema, TTemplates, TResolved, TAttributes>;
  /**
   * A `PutCommand` input. The attributes must carry this scope's ids, typed as the scope's own (a plain string or
   * another level's or kit's id is a type error, `PutAttributes`; another scope's value, `IsolationError`;
   * the idiom: `scope.put({ ...attributes, ...ids })` with the ids the scope was opened with). The put never
   * overwrites an item of another entity type, nor one planted under its key with other ids; with
   * `ifNotExists` it overwrites nothing.
   */
  put(
    attributes: PutAttributes<TSchema>,
    options?: { readonly ifNotExists?: boolean },
  ): ScopedPutInput<TName, TSchema, TTemplates, TResolved, TAttributes>;
  /**
   * The catch-all, tried only when the signature above refuses the attributes: an isolation field given a plain
   * string or another field's or kit's id, or another id field a plain string, gets the catalog's message on that
   * property (`CheckPutAttributes`); any other mistake drops it on its arity (`PutRestWhenIdMistake`), so that the
   * signature above reports it alone.
   */
  put<const TPut extends object>(
    attributes: CheckPutAttributes<TName, TSchema, TResolved, TPut>,
    ...options: PutRestWhenIdMistake<TSchema, TResolved, [TPut], [options?: { readonly ifNotExists?: boolean }]>
  ): ScopedPutInput<TName, TSchema, TTemplates, TResolved, TAttributes>;
  /**
   * An `UpdateCommand` input changing non-key attributes of an existing item (see src/access/update.ts for the
   * rules: key and isolation fields are refused, index keys are rebuilt from complete index fields).
   */
  update<TChanges extends object>(
    key: TKeyInput["primary"],
    changes: CheckUpdateChanges<TName, TSchema, FixedFields<TTemplates, TResolved>, TChanges>,
  ): ScopedUpdateInput<TSchema, TTemplates, TResolved, TAttributes>;
  /**
   * The catch-all, tried only when the signature above refuses the changes: a key or isolation field among them gets
   * `update.keyField`'s message on that property (`CheckUpdateKeyFields`); any other mistake drops it on its arity
   * (`UpdateRestWhenKeyField`), so that the signature above reports it alone.
   */
  update<TChanges extends object>(
    key: TKeyInput["primary"],
    changes: ScopeUpdateKeyFields<TName, TSchema, TTemplates, TResolved, TChanges>,
    ...rest: UpdateRestWhenKeyField<FixedFields<TTemplates, TResolved>, TChanges, []>
  ): ScopedUpdateInput<TSchema, TTemplates, TResolved, TAttributes>;
  /**
   * A `QueryCommand` input over one partition of this scope (an index in the next signature, the table in the one
   * after), returning only this entity's items. A wrong index, an index opted out to an outer level, a missing
   * partition or a gap in the sort key is a type error in the catalog's words (the catch-all below), and
   * `CapsuleEntityError` with the same text at runtime.
   *
   * This signature takes no call (`this: never`, refused before the input is looked at; the input optional, so that
   * checking a call's arity does not build its type): it is the one a call that fails every signature is typed by
   * afterwards (TypeScript's first signature that takes as many arguments), so its union types a `filter` callback
   * as the query written has it (a table query's by `TableQueryContext`), and the catch-all's catalog message is
   * reported alone, by TS 5.9 and 6.0 as by TS 7.
   */
  query(this: never, input?: OwnIndexQueryInput<TSchema["shape"], TTemplates, TResolved, TKeyInput>): QueryCommandInput;
  /**
   * The index queries themselves: their members alone, no union with the members that type the literal above, which
   * TypeScript would discriminate and relate member by member (−2.3 thousand of the checker's function calls per
   * entity on the bench's full shape, 3.2 %; docs/benchmarks-typecost.md, session s20).
   */
  query(input: IndexQueryInput<TSchema["shape"], TTemplates, TResolved, TKeyInput["indexes"]>): QueryCommandInput;
  /** A `QueryCommandInput` over one partition of the table (tried after the index queries above). */
  query(input: TableQueryInput<TSchema["shape"], TTemplates, TResolved, TKeyInput>): QueryCommandInput;
  /**
   * The catch-all, tried only when the signature above refuses the input: the input inferred as written, for the
   * catalog's message (an option a command does not take first, in its words, `CheckBuilderQueryOptions`; then
   * `CheckOwnLevelQuery`, the adapter's check: an index opted out to an outer level, which the
   * signature above leaves out, is `scope.indexLevel`) on `this`; a mistake without one is refused as above
   * (`CheckedQueryInput`). Its key properties are inferred one by one too (`QueryKeyParts`), for a mistake beside a
   * `filter` callback, which TypeScript infers with the literal only after the callback. A correct query never gets
   * here, and pays nothing for the inference.
   */
  query<
    const TInput extends QueryInput<TSchema["shape"], TTemplates, TResolved> | QueryWritten,
    const TIndex = unknown,
    const TPartition = unknown,
    const TSortKey = unknown,
  >(
    this: NoInfer<
      CheckBuilderOwnQuery<
        TName,
        TSchema["shape"],
        TTemplates,
        TResolved,
        QueryAsWritten<TInput, TIndex, TPartition, TSortKey>
      >
    >,
    input: CheckedQueryInput<
      CheckBuilderOwnQuery<
        TName,
        TSchema["shape"],
        TTemplates,
        TResolved,
        QueryAsWritten<TInput, TIndex, TPartition, TSortKey>
      >,
      TInput,
      QueryInput<TSchema["shape"], TTemplates, TResolved>,
      QueryKeyParts<TIndex, TPartition, TSortKey>
    >,
  ): QueryCommandInput;
  /** The cursor for a query output's `LastEvaluatedKey`, to pass back as `cursor`; `undefined` after the last page. */
  cursor(lastEvaluatedKey: Readonly<Record<string, unknown>> | undefined): string | undefined;
  /**
   * A stored item as read from the table: `undefined` when absent or of another entity type; else validated
   * by `fromItem` and {@link EntityScope.assertOwns} (a foreign item throws `IsolationError`).
   */
  readItem(raw: unknown): EntityItem<TName, TSchema, TTemplates, TResolved> | undefined;
  /** Whether an item (or attribute set) carries this scope's ids and its partition keys lie in the scope. */
  owns(item: unknown): boolean;
  /** Returns the item when {@link EntityScope.owns} holds, else throws `IsolationError` naming the mismatch. */
  assertOwns<TItem>(item: TItem): TItem;
}

/** The check of {@link EntityScope}'s query, on its `this` and in its input: the builder's options, then {@link CheckOwnLevelQuery}. */
type CheckBuilderOwnQuery<
  TName extends string,
  TShape extends Shape,
  TTemplates extends KeyTemplates,
  TResolved extends ResolvedIsolation,
  TWritten,
> = CheckBuilderQueryOptions<
  TName,
  TWritten,
  CheckOwnLevelQuery<TName, TShape, TTemplates, RecordedIsolation<TTemplates, TResolved>, TWritten>
>;
