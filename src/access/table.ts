/**
 * `defineTable()`: the key attribute names and global secondary indexes of a real DynamoDB table, so entities
 * (which name their keys `pk`, `sk`, `<index>pk`, `<index>sk`) can live in a table whose attributes are called
 * `PK`, `GSI1PK`, …. An entity fits a table when it has exactly the table's primary key attributes and, for
 * each of the table's indexes it uses, exactly that index's key attributes: checked by the compiler where a
 * scope or connection is given the table, and by {@link checkTableFit} at runtime.
 */
import { isEntityTable, type KeyTemplates, type TableProjection } from "../entity/define-entity.js";
import { isolationFieldsOf, type ResolvedIsolation } from "../entity/isolation.js";
import type { ListOf } from "../internal/types.js";
import { CapsuleEntityError } from "../errors.js";
import { describeValue } from "../internal/describe.js";
import type { Shape } from "../internal/zod-shape.js";
import { checkTableByName } from "../internal/table-names.js";
import {
  invalidTableMessage,
  noTableMessage,
  tableAttributeClashMessage,
  tableMissingKeyMessage,
  tableProjectionMessage,
  tableUnknownKeyMessage,
  type TableMissingKeyMessage,
  type TableProjectionMessage,
  type TableUnknownKeyMessage,
} from "../messages.js";

/**
 * One global secondary index: its key attribute names (default `<index>pk` / `<index>sk`); `sk: false` for none.
 *
 * @example
 * const gsi1: TableIndexDefinition = { pk: "GSI1PK", sk: "GSI1SK" };
 */
export interface TableIndexDefinition {
  readonly pk?: string;
  readonly sk?: string | false;
  /** What the index holds besides its keys; default `"ALL"`. */
  readonly projection?: TableProjection;
}

// Declared beside `EntityTable` (entity/ may not import access/), whose `projections` it types.
export type { TableProjection };

/**
 * The argument of {@link defineTable}.
 *
 * @example
 * const definition = { name: "platform_data", pk: "PK", sk: "SK" } as const satisfies TableDefinition;
 */
export interface TableDefinition {
  /** The table name, as DynamoDB knows it. */
  readonly name: string;
  /** The partition key attribute; default `pk`. */
  readonly pk?: string;
  /** The sort key attribute; default `sk`; `false` for a table without a sort key. */
  readonly sk?: string | false;
  /** Global secondary indexes by their DynamoDB index name, which entities use as their index name too. */
  readonly indexes?: Readonly<Record<string, TableIndexDefinition>>;
  /** The TTL attribute (epoch seconds): DynamoDB deletes items after that time ({@link timeToLiveInput}). */
  readonly ttl?: string;
}

/**
 * Logical key attribute (as entities name it: `pk`, `sk`, `gsi1pk`, …) → the table's attribute name.
 *
 * @example
 * const attributes: TableAttributes = { pk: "PK", sk: "SK", gsi1pk: "GSI1PK", gsi1sk: "GSI1SK" };
 */
export type TableAttributes = Readonly<Record<string, string>>;

/**
 * A table: its name, its key attributes by logical name, and its index names. Built by {@link defineTable}.
 *
 * @example
 * PlatformTable.attributes //=> { pk: "PK", sk: "SK", gsi1pk: "GSI1PK", gsi1sk: "GSI1SK" }
 * @see docs/dynamodb.md
 */
export interface Table<
  TName extends string = string,
  TAttributes extends TableAttributes = TableAttributes,
  TProjections extends TableProjections = TableProjections,
> {
  readonly name: TName;
  readonly attributes: TAttributes;
  readonly indexes: readonly string[];
  /** Each index's projection (`"ALL"` when the definition gives none). */
  readonly projections: TProjections;
  /** The TTL attribute, when the definition names one. */
  readonly ttl?: string;
}

/**
 * Index name → its projection.
 *
 * @example
 * const projections: TableProjections = { gsi1: "ALL", byStatus: "KEYS_ONLY" };
 */
export type TableProjections = Readonly<Record<string, TableProjection>>;

/**
 * The projections a table definition declares (`"ALL"` where it gives none).
 *
 * @example
 * type P = InferTableProjections<{ name: "t"; indexes: { gsi1: { projection: "KEYS_ONLY" } } }>; //=> { gsi1: "KEYS_ONLY" }
 */
export type InferTableProjections<TDefinition extends TableDefinition> = {
  readonly [
    TIndex in keyof IndexesOf<TDefinition> & string
  ]: IndexesOf<TDefinition>[TIndex]["projection"] extends infer TGiven extends TableProjection ? TGiven : "ALL";
};

type NameOr<TGiven, TDefault extends string> = TGiven extends string ? TGiven : TDefault;
type IndexesOf<TDefinition extends TableDefinition> = NonNullable<TDefinition["indexes"]>;

/**
 * The logical → physical key attributes a table definition declares.
 *
 * @example
 * type Attributes = InferTableAttributes<{ name: "t"; pk: "PK"; indexes: { gsi1: { sk: false } } }>;
 * //=> { pk: "PK"; sk: "sk"; gsi1pk: "gsi1pk" }
 */
export type InferTableAttributes<TDefinition extends TableDefinition> = {
  readonly pk: NameOr<TDefinition["pk"], "pk">;
} & (TDefinition["sk"] extends false ? {} : { readonly sk: NameOr<TDefinition["sk"], "sk"> }) & {
    readonly [TIndex in keyof IndexesOf<TDefinition> & string as `${TIndex}pk`]: NameOr<
      IndexesOf<TDefinition>[TIndex]["pk"],
      `${TIndex}pk`
    >;
  } & {
    readonly [
      TIndex in keyof IndexesOf<TDefinition> & string as IndexesOf<TDefinition>[TIndex]["sk"] extends false
        ? never
        : `${TIndex}sk`
    ]: NameOr<IndexesOf<TDefinition>[TIndex]["sk"], `${TIndex}sk`>;
  };

const namePattern = /^[A-Za-z0-9_.-]{3,255}$/;
/** The keys of a table definition and of one of its indexes. */
const tableKeys: readonly string[] = ["name", "pk", "sk", "indexes", "ttl"];
const indexKeys: readonly string[] = ["pk", "sk", "projection"];

/**
 * Describes a DynamoDB table: key attribute names other than `pk` / `sk`, and named global secondary indexes.
 * Refuses (with `CapsuleEntityError` `table.invalid`) names DynamoDB would refuse and two keys sharing one attribute.
 *
 * @example
 * export const PlatformTable = defineTable({
 *   name: "platform_data",
 *   pk: "PK",
 *   sk: "SK",
 *   indexes: { gsi1: { pk: "GSI1PK", sk: "GSI1SK" } },
 * });
 * Note.scope({ tenantId, capsuleId }, { table: PlatformTable }).get({ noteId: "n1" });
 * //=> { TableName: "platform_data", Key: { PK: "TENANT#t1#CAPSULE#c1#NOTES", SK: "NOTE#n1" } }
 * @see docs/dynamodb.md
 */
export function defineTable<const TDefinition extends TableDefinition>(
  definition: TDefinition,
): Table<TDefinition["name"], InferTableAttributes<TDefinition>, InferTableProjections<TDefinition>> {
  const label = typeof definition.name === "string" ? JSON.stringify(definition.name) : String(definition.name);
  const invalid = (problem: string): CapsuleEntityError => new CapsuleEntityError(invalidTableMessage(label, problem));
  if (typeof definition.name !== "string" || !namePattern.test(definition.name)) throw invalid("has an invalid name");
  // A misspelt key (`PK` for `pk`, `index`) would be ignored: the table described without it.
  const stray = (given: object, takes: readonly string[]): string | undefined =>
    Object.keys(given).find((key) => !takes.includes(key));
  const strayTop = stray(definition, tableKeys);
  if (strayTop !== undefined)
    throw invalid(`has ${JSON.stringify(strayTop)}, which defineTable does not take (${tableKeys.join(", ")})`);
  const attributes: Record<string, string> = {};
  const owner = new Map<string, string>();
  const add = (logical: string, property: string, given: unknown, fallback: string): void => {
    if (given === false) return;
    const physical = given === undefined ? fallback : given;
    // "__proto__" would be a prototype setter, not an attribute, wherever items are built as plain objects.
    if (typeof physical !== "string" || physical === "" || physical === "__proto__")
      throw invalid(`has an invalid ${property} attribute ${JSON.stringify(physical)}`);
    const other = owner.get(physical);
    if (other !== undefined || physical === "entityType")
      throw invalid(`uses attribute ${JSON.stringify(physical)} for both ${other ?? "entityType"} and ${property}`);
    owner.set(physical, property);
    attributes[logical] = physical;
  };
  if (definition.pk === (false as unknown)) throw invalid("has no partition key");
  add("pk", "pk", definition.pk, "pk");
  add("sk", "sk", definition.sk, "sk");
  const indexes = Object.entries(definition.indexes ?? {});
  const projections: Record<string, TableProjection> = {};
  for (const [index, keys] of indexes) {
    if (!namePattern.test(index)) throw invalid(`has an index with an invalid name ${JSON.stringify(index)}`);
    if (typeof keys !== "object" || keys === null || keys.pk === (false as unknown))
      throw invalid(`index ${index} has no partition key`);
    const strayIndex = stray(keys, indexKeys);
    if (strayIndex !== undefined)
      throw invalid(
        `index ${index} has ${JSON.stringify(strayIndex)}, which an index does not take (${indexKeys.join(", ")})`,
      );
    add(`${index}pk`, `indexes.${index}.pk`, keys.pk, `${index}pk`);
    add(`${index}sk`, `indexes.${index}.sk`, keys.sk, `${index}sk`);
    projections[index] = checkedProjection(index, keys.projection, invalid);
  }
  const ttl: unknown = definition.ttl;
  if (
    ttl !== undefined &&
    (typeof ttl !== "string" || ttl === "" || ttl === "__proto__" || owner.has(ttl) || ttl === "entityType")
  )
    throw invalid(`has an invalid ttl attribute ${JSON.stringify(ttl)} (a key attribute, entityType, or not a name)`);
  return Object.freeze({
    name: definition.name,
    attributes: Object.freeze(attributes),
    indexes: Object.freeze(indexes.map(([index]) => index)),
    projections: Object.freeze(projections),
    ...(ttl === undefined ? {} : { ttl }),
  }) as Table<TDefinition["name"], InferTableAttributes<TDefinition>, InferTableProjections<TDefinition>>;
}

/** An index's projection as declared, checked: `INCLUDE` lists distinct names, `entityType` among them. */
function checkedProjection(
  index: string,
  given: unknown,
  invalid: (problem: string) => CapsuleEntityError,
): TableProjection {
  if (given === undefined || given === "ALL" || given === "KEYS_ONLY") return given ?? "ALL";
  const include: unknown =
    typeof given === "object" && given !== null ? (given as { include?: unknown }).include : undefined;
  if (!Array.isArray(include) || include.some((name) => typeof name !== "string" || name === ""))
    throw invalid(
      `index ${index} has projection ${describeValue(given)}, not "ALL", "KEYS_ONLY" or { include: [names] }`,
    );
  if (new Set(include).size !== include.length) throw invalid(`index ${index} includes an attribute twice`);
  if (!include.includes("entityType"))
    throw invalid(`index ${index} includes no entityType, which every query through it filters on`);
  return Object.freeze({ include: Object.freeze([...(include as string[])]) });
}

// ── an entity in a table ────────────────────────────────────────────────────────────────────────────────

/** The table's indexes an entity uses: those whose partition key it builds. */
type UsedIndexes<TAttributes, TTemplates> = keyof TAttributes extends infer TAttribute
  ? TAttribute extends `${infer TIndex}pk`
    ? TIndex extends ""
      ? never
      : TAttribute extends keyof TTemplates
        ? TIndex
        : never
    : never
  : never;

/** The key attributes the table needs from an entity: its primary key, and every key of each index it uses. */
type RequiredAttributes<TAttributes, TTemplates> =
  ("pk" | "sk") | `${UsedIndexes<TAttributes, TTemplates>}${"pk" | "sk"}`;

/**
 * `never` when an entity fits a table, else the catalog message for each key attribute the entity lacks or the
 * table lacks.
 *
 * @example
 * type Ok = TableFit<typeof PlatformTable, "Note", typeof Note.templates>; //=> never
 */
export type TableFit<TTable extends Table, TEntity extends string, TTemplates> =
  | (Exclude<keyof TTemplates & string, keyof TTable["attributes"]> extends infer TUnknown extends string
      ? TUnknown extends string
        ? TableUnknownKeyMessage<TEntity, TTable["name"], TUnknown>
        : never
      : never)
  | (Exclude<
      RequiredAttributes<TTable["attributes"], TTemplates> & keyof TTable["attributes"] & string,
      keyof TTemplates
    > extends infer TMissing extends string
      ? TMissing extends string
        ? TableMissingKeyMessage<TEntity, TTable["name"], TMissing>
        : never
      : never);

/**
 * A table option as given, or the {@link TableFit} message when the entity does not fit the table: the error
 * then appears on the `table` property.
 *
 * @example
 * type Option = CheckTable<typeof PlatformTable, "Loose", typeof Loose.templates>;
 * //=> "[table.missingKey] Loose has no sk template, but table platform_data keys items by sk | …"
 */
export type CheckTable<TTable, TEntity extends string, TTemplates> = TTable extends Table
  ? [TableFit<TTable, TEntity, TTemplates>] extends [never]
    ? TTable
    : // Re-spelled as a template literal, so that the compiler prints the message rather than `TableFit<…>`.
      `${TableFit<TTable, TEntity, TTemplates>}`
  : TTable;

/**
 * `never` when every `INCLUDE` index of the table that the entity uses names only attributes of its schema (and
 * `entityType`) and every top-level isolation field (`TIsolation`); else the catalog message of each problem.
 * Runtime twin: `checkProjectionFit`.
 *
 * @example
 * type Ok = ProjectionFit<typeof PlatformTable["projections"], "Note", typeof Note.templates, NoteShape, "tenantId" | "capsuleId">;
 */
export type ProjectionFit<TProjections, TEntity extends string, TTemplates, TShape, TIsolation extends string> = {
  [TIndex in keyof TProjections & string]: `${TIndex}pk` extends keyof TTemplates
    ? TProjections[TIndex] extends { readonly include: readonly (infer TName extends string)[] }
      ? | (Exclude<TName, keyof TShape | "entityType"> extends infer TUnknown extends string
            ? TUnknown extends string
              ? TableProjectionMessage<
                  TEntity,
                  TIndex,
                  `includes ${TUnknown}, not an attribute of ${TEntity}`,
                  ListOf<TIsolation>
                >
              : never
            : never)
        | (Exclude<TIsolation, TName> extends infer TOmitted extends string
            ? TOmitted extends string
              ? TableProjectionMessage<TEntity, TIndex, `omits the isolation field ${TOmitted}`, ListOf<TIsolation>>
              : never
            : never)
      : never
    : never;
}[keyof TProjections & string];

/** Runtime twin of {@link TableFit}, plus the check that no key attribute of the table is a field of the schema. */
export function checkTableFit(table: Table, entity: string, templates: KeyTemplates, shape: Shape): void {
  const logical = Object.keys(table.attributes);
  const unknown = Object.keys(templates).find((attribute) => !Object.hasOwn(table.attributes, attribute));
  if (unknown !== undefined) throw new CapsuleEntityError(tableUnknownKeyMessage(entity, table.name, unknown));
  const used = table.indexes.filter((index) => Object.hasOwn(templates, `${index}pk`));
  const required = ["pk", "sk", ...used.flatMap((index) => [`${index}pk`, `${index}sk`])];
  const missing = required.find((attribute) => logical.includes(attribute) && !Object.hasOwn(templates, attribute));
  if (missing !== undefined) throw new CapsuleEntityError(tableMissingKeyMessage(entity, table.name, missing));
  const clash = Object.values(table.attributes).find((physical) => Object.hasOwn(shape, physical));
  if (clash !== undefined) throw new CapsuleEntityError(tableAttributeClashMessage(entity, table.name, clash));
}

/**
 * Runtime twin of {@link ProjectionFit}: each `INCLUDE` index the entity uses names only attributes of its schema
 * (and `entityType`) and every top-level isolation field.
 */
export function checkProjectionFit(
  table: Table,
  entity: {
    readonly name: string;
    readonly templates: KeyTemplates;
    readonly schema: { readonly shape: Shape };
    readonly isolation: ResolvedIsolation;
  },
): void {
  const { name, templates, schema } = entity;
  const isolationFields = isolationFieldsOf(entity.isolation.prefix ?? "");
  for (const [index, projection] of Object.entries(table.projections)) {
    if (typeof projection === "string" || !Object.hasOwn(templates, `${index}pk`)) continue;
    const unknown = projection.include.find(
      (attribute) => attribute !== "entityType" && !Object.hasOwn(schema.shape, attribute),
    );
    if (unknown !== undefined)
      throw new CapsuleEntityError(
        tableProjectionMessage(name, index, `includes ${unknown}, not an attribute of ${name}`, isolationFields),
      );
    const omitted = isolationFields.find((field) => !projection.include.includes(field));
    if (omitted !== undefined)
      throw new CapsuleEntityError(
        tableProjectionMessage(name, index, `omits the isolation field ${omitted}`, isolationFields),
      );
  }
}

/**
 * The table a scope's option gives, checked: neither a non-empty name nor a `defineTable()` value is refused
 * (`table.invalid`); then against the entity's own: a name equal to the name of the entity's
 * `defineTable()` value that renames key attributes is refused (`table.byName`). The name alone would keep the
 * entity's key names, which DynamoDB stores as plain attributes beside the table's (a put succeeds, its item
 * missing from the renamed index). Another name is another table, keyed by the entity's names.
 *
 * @example
 * checkTableOption(Note, PlatformTable.name); // throws [table.byName] when PlatformTable renames pk to PK
 */
export function checkTableOption(
  entity: {
    readonly name: string;
    readonly table: Table | string | undefined;
    readonly isolation: { readonly kit?: string };
  },
  option: Table | string | undefined,
): void {
  // A JavaScript caller's "", null or object of another shape: refused as the entity's own `table:` is, not sent.
  const given: unknown = option;
  if (given !== undefined && !(typeof given === "string" && given !== "") && !isEntityTable(given))
    throw new CapsuleEntityError(
      invalidTableMessage(
        describeValue(given),
        "is neither a table name nor a defineTable() value",
        entity.isolation.kit === undefined ? undefined : "app_data",
      ),
    );
  checkTableByName(entity, option);
}

/** The table's name, or `scope.noTable` (its example table in the entity's kit's words) when there is no table. */
export function tableNameOf(
  table: Table | string | undefined,
  entity: { readonly name: string; readonly isolation: { readonly kit?: string } },
): string {
  if (table === undefined)
    throw new CapsuleEntityError(
      noTableMessage(entity.name, entity.isolation.kit === undefined ? undefined : "app_data"),
    );
  return typeof table === "string" ? table : table.name;
}

/**
 * The `CreateTable` input for a table: string key attributes, on-demand billing, indexes projecting what the
 * table declares (all attributes by default). For tests, local tools and as a starting point for infrastructure code.
 *
 * @example
 * await client.send(new CreateTableCommand(createTableInput(PlatformTable)));
 * @see docs/dynamodb.md
 */
export function createTableInput(table: Table): CreateTableInput {
  const keySchema = (pk: string, sk: string | undefined): KeySchemaElement[] => [
    { AttributeName: table.attributes[pk]!, KeyType: "HASH" },
    ...(sk !== undefined && table.attributes[sk] !== undefined
      ? [{ AttributeName: table.attributes[sk], KeyType: "RANGE" } as const]
      : []),
  ];
  return {
    TableName: table.name,
    BillingMode: "PAY_PER_REQUEST",
    AttributeDefinitions: Object.values(table.attributes).map((name) => ({ AttributeName: name, AttributeType: "S" })),
    KeySchema: keySchema("pk", "sk"),
    ...(table.indexes.length === 0
      ? {}
      : {
          GlobalSecondaryIndexes: table.indexes.map((index) => ({
            IndexName: index,
            KeySchema: keySchema(`${index}pk`, `${index}sk`),
            Projection: projectionInput(table.projections[index] ?? "ALL"),
          })),
        }),
  };
}

/** DynamoDB's `Projection` of a declared projection. */
const projectionInput = (projection: TableProjection): ProjectionInput =>
  typeof projection === "string"
    ? { ProjectionType: projection }
    : { ProjectionType: "INCLUDE", NonKeyAttributes: [...projection.include] };

/**
 * A DynamoDB index `Projection`, as {@link createTableInput} builds it.
 *
 * @example
 * const projection: ProjectionInput = { ProjectionType: "INCLUDE", NonKeyAttributes: ["entityType", "tenantId"] };
 */
export type ProjectionInput =
  | { readonly ProjectionType: "ALL" | "KEYS_ONLY" }
  | { readonly ProjectionType: "INCLUDE"; readonly NonKeyAttributes: string[] };

/**
 * The `UpdateTimeToLive` input that turns on the table's TTL attribute (CreateTable takes none: send it once the
 * table is active); `undefined` when the table declares no `ttl`.
 *
 * @example
 * const ttl = timeToLiveInput(PlatformTable);
 * if (ttl !== undefined) await client.send(new UpdateTimeToLiveCommand(ttl));
 * @see docs/dynamodb.md
 */
export function timeToLiveInput(table: Table): TimeToLiveInput | undefined {
  return table.ttl === undefined
    ? undefined
    : { TableName: table.name, TimeToLiveSpecification: { AttributeName: table.ttl, Enabled: true } };
}

/**
 * A DynamoDB `UpdateTimeToLive` input, as {@link timeToLiveInput} builds it.
 *
 * @example
 * const input: TimeToLiveInput = { TableName: "platform_data", TimeToLiveSpecification: { AttributeName: "expiresAt", Enabled: true } };
 */
export interface TimeToLiveInput {
  readonly TableName: string;
  readonly TimeToLiveSpecification: { readonly AttributeName: string; readonly Enabled: true };
}

/**
 * One element of a `KeySchema`.
 *
 * @example
 * const hash: KeySchemaElement = { AttributeName: "PK", KeyType: "HASH" };
 */
export interface KeySchemaElement {
  readonly AttributeName: string;
  readonly KeyType: "HASH" | "RANGE";
}

/**
 * A DynamoDB `CreateTable` input, as {@link createTableInput} builds it. Arrays are mutable so it is assignable
 * to the SDK's `CreateTableCommandInput`.
 *
 * @example
 * const input: CreateTableInput = createTableInput(PlatformTable);
 * await client.send(new CreateTableCommand(input));
 */
export interface CreateTableInput {
  readonly TableName: string;
  readonly BillingMode: "PAY_PER_REQUEST";
  readonly AttributeDefinitions: { readonly AttributeName: string; readonly AttributeType: "S" }[];
  readonly KeySchema: KeySchemaElement[];
  readonly GlobalSecondaryIndexes?: {
    readonly IndexName: string;
    readonly KeySchema: KeySchemaElement[];
    readonly Projection: ProjectionInput;
  }[];
}
