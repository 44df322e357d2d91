/**
 * Generated break cases for guarded writes on DynamoDB Local: malformed input from untyped callers (JSON from a
 * request, `as never`) on every operation, each of which must get a catalog error before anything is sent (never a
 * raw `ValidationException` wrapped as `dynamodb.request`, never a silent no-op); and every operation of one scope
 * aimed at another scope's item (2 tenants × c1/c10), which must be refused with the other item left as it was.
 */
import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { inspect } from "node:util";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { capsuleId, CapsuleEntityError, defineEntity, defineTable, op, tenantId } from "capsule-entity";
import { connect } from "capsule-entity/dynamodb";
import { localDynamo, uniqueTableName, type LocalDynamo } from "../../scripts/test-dynamodb.js";

const Doc = defineEntity({
  name: "Doc",
  schema: z.object({
    tenantId: tenantId(),
    capsuleId: capsuleId(),
    docId: z.string(),
    title: z.string().min(1),
    status: z.enum(["draft", "published", "archived"]),
    done: z.boolean().optional(),
    views: z.number().int().optional(),
    tags: z.array(z.string()).optional(),
    labels: z.set(z.string()).optional(),
    meta: z.object({ author: z.string(), rank: z.number() }).optional(),
  }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#DOCS",
  sk: "DOC#${docId}",
});

const Counter = defineEntity({
  name: "Counter",
  schema: z.object({
    tenantId: tenantId(),
    capsuleId: capsuleId(),
    counterId: z.string(),
    count: z.number(),
    version: z.number(),
  }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#COUNTERS",
  sk: "COUNTER#${counterId}",
  version: "version",
});

const Stamped = defineEntity({
  name: "Stamped",
  schema: z.object({
    tenantId: tenantId(),
    capsuleId: capsuleId(),
    stampedId: z.string(),
    title: z.string(),
    createdAt: z.string().optional(),
    updatedAt: z.string().optional(),
  }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#STAMPED",
  sk: "STAMPED#${stampedId}",
  timestamps: { createdAt: "createdAt", updatedAt: "updatedAt" },
});

const Table = defineTable({ name: uniqueTableName("malformed"), pk: "PK", sk: "SK" });

const scopes = [
  { tenantId: "t1", capsuleId: "c1" },
  { tenantId: "t1", capsuleId: "c10" },
  { tenantId: "t2", capsuleId: "c1" },
  { tenantId: "t2", capsuleId: "c10" },
] as const;
const ids = scopes[0];

let local: LocalDynamo;
let db: ReturnType<typeof connect<typeof Table>>;
/** The untyped face of the adapter, as a caller passing JSON sees it. */
type Loose = (...args: unknown[]) => unknown;
const loose = (scope: (typeof scopes)[number] = ids) =>
  db.entity(Doc).scope(scope as never) as unknown as Record<string, Loose>;
const stamped = () => db.entity(Stamped).scope(ids as never) as unknown as Record<string, Loose>;
const stored = (item: Readonly<Record<string, unknown>>) => ({
  docId: "d1",
  title: "Stored",
  status: "draft",
  views: 3,
  tags: ["a"],
  labels: new Set(["x"]),
  meta: { author: "ann", rank: 2 },
  ...item,
});
const raw = async (scope: (typeof scopes)[number], docId: string) =>
  (
    await local.documents.send(
      new GetCommand({
        TableName: Table.name,
        Key: { PK: `TENANT#${scope.tenantId}#CAPSULE#${scope.capsuleId}#DOCS`, SK: `DOC#${docId}` },
        ConsistentRead: true,
      }),
    )
  ).Item;
/** The error of a call that must fail, sync or async. */
const failure = async (run: () => unknown): Promise<unknown> => {
  try {
    await run();
  } catch (error) {
    return error;
  }
  return new Error("expected a failure, the call succeeded");
};

beforeAll(async () => {
  local = await localDynamo("dynamodb-local");
  await local.createTable(Table);
  db = connect(local.documents, { table: Table });
  for (const scope of scopes) await loose(scope)["put"]!(stored({ ...scope, title: titleOf(scope) }));
});
afterAll(() => local?.stop());

/** Each scope's item has its own title, so that a reveal of another scope's item shows in what comes back. */
const titleOf = (scope: (typeof scopes)[number]) => `Stored ${scope.tenantId} ${scope.capsuleId}`;

/** A condition option from a builder call (untyped). */
const when =
  (build: (c: Record<string, Loose>) => unknown) =>
  (c: unknown): unknown =>
    build(c as Record<string, Loose>);

/** Malformed inputs, each on an item that exists, so that only the input can be the reason of a refusal. */
const malformed: readonly (readonly [name: string, code: string, run: () => unknown])[] = [
  // Conditions: values DynamoDB cannot take or compare, sizes of unsized attributes.
  [
    "condition eq on an optional attribute with undefined",
    "condition.valueType",
    () => loose()["update"]!({ docId: "d1" }, { title: "x" }, { condition: when((c) => c["eq"]!("views", undefined)) }),
  ],
  [
    "condition in with undefined",
    "condition.valueType",
    () =>
      loose()["update"]!({ docId: "d1" }, { title: "x" }, { condition: when((c) => c["in"]!("views", [undefined])) }),
  ],
  [
    "condition between with undefined",
    "condition.valueType",
    () =>
      loose()["update"]!(
        { docId: "d1" },
        { title: "x" },
        { condition: when((c) => c["between"]!("views", undefined, 3)) },
      ),
  ],
  [
    "condition eq on a set with an empty set",
    "condition.invalid",
    () =>
      loose()["update"]!({ docId: "d1" }, { title: "x" }, { condition: when((c) => c["eq"]!("labels", new Set())) }),
  ],
  [
    "condition between with low above high (number)",
    "condition.invalid",
    () => loose()["update"]!({ docId: "d1" }, { title: "x" }, { condition: when((c) => c["between"]!("views", 5, 1)) }),
  ],
  [
    "condition between with low above high (string)",
    "condition.invalid",
    () =>
      loose()["update"]!({ docId: "d1" }, { title: "x" }, { condition: when((c) => c["between"]!("title", "z", "a")) }),
  ],
  [
    "condition between with low above high (size)",
    "condition.invalid",
    () =>
      loose()["update"]!(
        { docId: "d1" },
        { title: "x" },
        { condition: when((c) => c["between"]!(c["size"]!("tags"), 5, 1)) },
      ),
  ],
  [
    "condition size of a number",
    "condition.invalid",
    () =>
      loose()["update"]!({ docId: "d1" }, { title: "x" }, { condition: when((c) => c["gt"]!(c["size"]!("views"), 0)) }),
  ],
  [
    "condition size of a boolean",
    "condition.invalid",
    () =>
      loose()["update"]!({ docId: "d1" }, { title: "x" }, { condition: when((c) => c["gt"]!(c["size"]!("done"), 0)) }),
  ],
  [
    "condition in with 101 values",
    "condition.invalid",
    () =>
      loose()["update"]!(
        { docId: "d1" },
        { title: "x" },
        { condition: when((c) => c["in"]!("status", Array(101).fill("draft"))) },
      ),
  ],
  [
    "condition in with no list",
    "condition.invalid",
    () => loose()["update"]!({ docId: "d1" }, { title: "x" }, { condition: when((c) => c["in"]!("status", "draft")) }),
  ],
  [
    "condition path with an expression in it",
    "condition.unknownPath",
    () =>
      loose()["update"]!(
        { docId: "d1" },
        { title: "x" },
        { condition: when((c) => c["exists"]!("title) OR (attribute_exists(PK")) },
      ),
  ],
  [
    "condition path __proto__",
    "condition.unknownPath",
    () => loose()["update"]!({ docId: "d1" }, { title: "x" }, { condition: when((c) => c["exists"]!("__proto__")) }),
  ],
  [
    "condition path into a list",
    "condition.unknownPath",
    () => loose()["update"]!({ docId: "d1" }, { title: "x" }, { condition: when((c) => c["exists"]!("tags.0")) }),
  ],
  [
    "condition and() of nothing",
    "condition.invalid",
    () => loose()["update"]!({ docId: "d1" }, { title: "x" }, { condition: when((c) => c["and"]!()) }),
  ],
  [
    "condition not of a string",
    "condition.invalid",
    () => loose()["update"]!({ docId: "d1" }, { title: "x" }, { condition: when((c) => c["not"]!("title = title")) }),
  ],
  [
    "condition as a string expression",
    "condition.invalid",
    () => loose()["update"]!({ docId: "d1" }, { title: "x" }, { condition: "attribute_exists(PK)" }),
  ],
  [
    "condition returning a plain object",
    "condition.invalid",
    () => loose()["update"]!({ docId: "d1" }, { title: "x" }, { condition: () => ({ expression: "1 = 1" }) }),
  ],
  [
    "condition contains with an object",
    "condition.invalid",
    () =>
      loose()["update"]!({ docId: "d1" }, { title: "x" }, { condition: when((c) => c["contains"]!("tags", { a: 1 })) }),
  ],
  [
    "condition beginsWith with a number",
    "condition.valueType",
    () => loose()["update"]!({ docId: "d1" }, { title: "x" }, { condition: when((c) => c["beginsWith"]!("title", 1)) }),
  ],
  // Update values and operators.
  [
    "update a set to an empty set",
    "write.unstorable",
    () => loose()["update"]!({ docId: "d1" }, { labels: new Set() }),
  ],
  [
    "update op.add of an empty set",
    "write.unstorable",
    () => loose()["update"]!({ docId: "d1" }, { labels: op.add(new Set()) }),
  ],
  [
    "update op.deleteFromSet of an empty set",
    "write.unstorable",
    () => loose()["update"]!({ docId: "d1" }, { labels: op.deleteFromSet(new Set()) }),
  ],
  [
    "update op.ifNotExists of an empty set",
    "write.unstorable",
    () => loose()["update"]!({ docId: "d1" }, { labels: op.ifNotExists(new Set()) }),
  ],
  [
    "update op.add of undefined to an optional number",
    "item.invalid",
    () => loose()["update"]!({ docId: "d1" }, { views: op.add(undefined as never) }),
  ],
  [
    "update op.ifNotExists of undefined",
    "item.invalid",
    () => loose()["update"]!({ docId: "d1" }, { meta: op.ifNotExists(undefined) }),
  ],
  [
    "update of a maintained createdAt",
    "update.maintainedField",
    () => stamped()["update"]!({ stampedId: "s1" }, { createdAt: "2000-01-01T00:00:00.000Z" }),
  ],
  [
    "update of a maintained updatedAt",
    "update.maintainedField",
    () => stamped()["update"]!({ stampedId: "s1" }, { title: "x", updatedAt: "2000-01-01T00:00:00.000Z" }),
  ],
  ["update op.add on a string", "update.operatorType", () => loose()["update"]!({ docId: "d1" }, { title: op.add(1) })],
  [
    "update op.append on a number",
    "update.operatorType",
    () => loose()["update"]!({ docId: "d1" }, { views: op.append([1]) }),
  ],
  [
    "update op.add of a string to a number",
    "item.invalid",
    () => loose()["update"]!({ docId: "d1" }, { views: op.add("1" as never) }),
  ],
  ["update op.add of NaN", "item.invalid", () => loose()["update"]!({ docId: "d1" }, { views: op.add(Number.NaN) })],
  ["update op.add of Infinity", "item.invalid", () => loose()["update"]!({ docId: "d1" }, { views: op.add(Infinity) })],
  [
    "update op.append of a non-list",
    "item.invalid",
    () => loose()["update"]!({ docId: "d1" }, { tags: op.append("a" as never) }),
  ],
  [
    "update a forged operator object",
    "item.invalid",
    () => loose()["update"]!({ docId: "d1" }, { views: { operator: "add", value: 1 } }),
  ],
  ["update tenantId", "update.keyField", () => loose()["update"]!({ docId: "d1" }, { tenantId: "t2" })],
  [
    "update tenantId to its own value",
    "update.keyField",
    () => loose()["update"]!({ docId: "d1" }, { tenantId: "t1" }),
  ],
  ["update capsuleId", "update.keyField", () => loose()["update"]!({ docId: "d1" }, { capsuleId: "c10" })],
  ["update the key field", "update.keyField", () => loose()["update"]!({ docId: "d1" }, { docId: "d2" })],
  [
    "update an operator on the key field",
    "update.keyField",
    () => loose()["update"]!({ docId: "d1" }, { docId: op.ifNotExists("d2") }),
  ],
  [
    "update a table key attribute",
    "update.unknownField",
    () => loose()["update"]!({ docId: "d1" }, { PK: "TENANT#t2#CAPSULE#c1#DOCS" }),
  ],
  ["update of nothing", "update.nothing", () => loose()["update"]!({ docId: "d1" }, {})],
  ["update with changes null", "update.nothing", () => loose()["update"]!({ docId: "d1" }, null)],
  ["update with changes a string", "update.unknownField", () => loose()["update"]!({ docId: "d1" }, "title")],
  ["update with changes a list", "update.unknownField", () => loose()["update"]!({ docId: "d1" }, [{ title: "x" }])],
  [
    "update __proto__ from JSON",
    "update.unknownField",
    () => loose()["update"]!({ docId: "d1" }, JSON.parse('{"__proto__":{"title":"x"}}')),
  ],
  [
    "update a required field to undefined",
    "item.invalid",
    () => loose()["update"]!({ docId: "d1" }, { title: undefined }),
  ],
  ["update an unknown field", "update.unknownField", () => loose()["update"]!({ docId: "d1" }, { titel: "x" })],
  [
    "update returnValues UPDATED_NEW",
    "write.invalidOption",
    () => loose()["update"]!({ docId: "d1" }, { title: "x" }, { returnValues: "UPDATED_NEW" }),
  ],
  ["update with key null", "key.invalidValue", () => loose()["update"]!(null, { title: "x" })],
  ["update with key missing its field", "key.invalidValue", () => loose()["update"]!({}, { title: "x" })],
  ["update with key of a number", "key.invalidValue", () => loose()["update"]!({ docId: 1 }, { title: "x" })],
  // Puts and deletes.
  ["put an empty set", "write.unstorable", () => loose()["put"]!(stored({ ...ids, docId: "d1", labels: new Set() }))],
  ["put with item null", "isolation.foreign", () => loose()["put"]!(null)],
  [
    "put with a condition that is not a function",
    "condition.invalid",
    () => loose()["put"]!(stored({ ...ids }), { condition: { expression: "1 = 1" } }),
  ],
  ["delete with key null", "key.invalidValue", () => loose()["delete"]!(null)],
  [
    "delete with a condition string",
    "condition.invalid",
    () => loose()["delete"]!({ docId: "d1" }, { condition: "attribute_exists(PK)" }),
  ],
  // Batches.
  ["batchGet of a string", "write.invalidOption", () => loose()["batchGet"]!("d1")],
  ["batchGet of undefined", "write.invalidOption", () => loose()["batchGet"]!(undefined)],
  ["batchPut of an object", "write.invalidOption", () => loose()["batchPut"]!(stored({ ...ids }))],
  ["batchDelete of a string", "write.invalidOption", () => loose()["batchDelete"]!("d1")],
  [
    "batchPut with the same key twice",
    "write.duplicateKey",
    () => loose()["batchPut"]!([stored({ ...ids, docId: "d1" }), stored({ ...ids, docId: "d1", title: "Other" })]),
  ],
  [
    "batchPut of an empty set",
    "write.unstorable",
    () => loose()["batchPut"]!([stored({ ...ids, docId: "d1", labels: new Set() })]),
  ],
  // Transactions.
  [
    "transaction with the same item twice",
    "write.duplicateKey",
    () => {
      const tx = db.transaction(ids as never);
      tx.entity(Doc).update({ docId: "d1" } as never, { views: op.add(1) } as never);
      tx.entity(Doc).check({ docId: "d1" } as never, ((c: Record<string, Loose>) => c["exists"]!("title")) as never);
      return tx.commit();
    },
  ],
  [
    "transaction with a token that is not a string",
    "write.invalidOption",
    () => {
      const tx = db.transaction(ids as never);
      tx.entity(Doc).update({ docId: "d1" } as never, { views: op.add(1) } as never);
      return tx.commit({ token: 42 } as never);
    },
  ],
  [
    "transaction with a token longer than 36 characters",
    "write.invalidOption",
    () => {
      const tx = db.transaction(ids as never);
      tx.entity(Doc).update({ docId: "d1" } as never, { views: op.add(1) } as never);
      return tx.commit({ token: "x".repeat(37) });
    },
  ],
  ["transactGet of a string", "write.invalidOption", () => db.transactGet(ids as never, "d1" as never)],
];

describe("malformed input from untyped callers", () => {
  it.each(malformed)("%s: [%s] before anything is sent, nothing written", async (_, code, run) => {
    const before = await raw(ids, "d1");
    const error = await failure(run);
    // Never `dynamodb.request` (DynamoDB's own ValidationException passed on): the input is refused before sending.
    expect(error).toBeInstanceOf(CapsuleEntityError);
    expect(error).toMatchObject({ code });
    expect(await raw(ids, "d1")).toEqual(before);
  });
});

/** Every operation of scope `from` aimed at scope `to`'s item d1, through its ids in the item or key. */
const aimed: readonly (readonly [
  name: string,
  run: (from: (typeof scopes)[number], to: (typeof scopes)[number]) => unknown,
])[] = [
  ["put", (from, to) => loose(from)["put"]!(stored({ ...to, title: "Taken" }))],
  ["put ifNotExists", (from, to) => loose(from)["put"]!(stored({ ...to, title: "Taken" }), { ifNotExists: true })],
  ["get", (from, to) => loose(from)["get"]!({ ...to, docId: "d1" })],
  ["update", (from, to) => loose(from)["update"]!({ ...to, docId: "d1" }, { title: "Taken" })],
  [
    "update ALL_OLD",
    (from, to) => loose(from)["update"]!({ ...to, docId: "d1" }, { views: op.add(1) }, { returnValues: "ALL_OLD" }),
  ],
  ["delete", (from, to) => loose(from)["delete"]!({ ...to, docId: "d1" })],
  ["batchGet", (from, to) => loose(from)["batchGet"]!([{ ...to, docId: "d1" }])],
  ["batchPut", (from, to) => loose(from)["batchPut"]!([stored({ ...to, title: "Taken" })])],
  ["batchDelete", (from, to) => loose(from)["batchDelete"]!([{ ...to, docId: "d1" }])],
  [
    "transaction put",
    (from, to) => {
      const tx = db.transaction(from as never);
      tx.entity(Doc).put(stored({ ...to, title: "Taken" }) as never);
      return tx.commit();
    },
  ],
  [
    "transaction update",
    (from, to) => {
      const tx = db.transaction(from as never);
      tx.entity(Doc).update({ ...to, docId: "d1" } as never, { title: "Taken" } as never);
      return tx.commit();
    },
  ],
  [
    "transaction delete",
    (from, to) => {
      const tx = db.transaction(from as never);
      tx.entity(Doc).delete({ ...to, docId: "d1" } as never);
      return tx.commit();
    },
  ],
  [
    "transaction check",
    (from, to) => {
      const tx = db.transaction(from as never);
      tx.entity(Doc).check(
        { ...to, docId: "d1" } as never,
        ((c: Record<string, Loose>) => c["eq"]!("title", "x")) as never,
      );
      return tx.commit();
    },
  ],
  [
    "transactGet",
    (from, to) =>
      db.transactGet(
        from as never,
        ((tx: { entity: (e: unknown) => Record<string, Loose> }) => [
          tx.entity(Doc)["get"]!({ ...to, docId: "d1" }),
        ]) as never,
      ),
  ],
];
const pairs = scopes.flatMap((from) => scopes.filter((to) => to !== from).map((to) => [from, to] as const));
const cases = aimed.flatMap(([name, run]) =>
  pairs.map(
    ([from, to]) =>
      [`${name} ${from.tenantId}/${from.capsuleId} → ${to.tenantId}/${to.capsuleId}`, from, to, run] as const,
  ),
);

describe("every operation of one scope aimed at another scope's item", () => {
  it.each(cases)("%s: refused, the other item untouched and unrevealed", async (_, from, to, run) => {
    const before = await raw(to, "d1");
    const error = await failure(() => run(from, to));
    expect(error).toMatchObject({ code: "isolation.foreign" });
    expect(await raw(to, "d1")).toEqual(before);
    // Nothing of the other item in the error, its message or its cause.
    expect(JSON.stringify(error, Object.getOwnPropertyNames(error))).not.toContain(titleOf(to));
    expect(String((error as Error).cause === undefined ? "" : JSON.stringify((error as Error).cause))).not.toContain(
      titleOf(to),
    );
  });
});

describe("an item of another scope planted at the scope's own key", () => {
  const secret = "Secret of t1/c10";
  const plant = (Item: Readonly<Record<string, unknown>>) =>
    local.documents.send(new PutCommand({ TableName: Table.name, Item }));
  /** Everything the error carries, as Node prints it: its own properties, its cause and the cause's own. */
  const carried = (error: unknown): string => inspect(error, { depth: 10, showHidden: true });

  it("is not revealed by a cancelled transaction's error or its cause", async () => {
    await plant({
      ...stored({ ...ids, capsuleId: "c10", docId: "p1", title: secret }),
      labels: undefined,
      PK: "TENANT#t1#CAPSULE#c1#DOCS",
      SK: "DOC#p1",
      entityType: "Doc",
    });
    const tx = db.transaction(ids as never);
    tx.entity(Doc).update({ docId: "p1" } as never, { title: "mine" } as never);
    const error = await failure(() => tx.commit());
    expect(error).toMatchObject({ code: "dynamodb.transactionCanceled" });
    expect((error as Error).message).toContain('another scope\'s capsuleId ("c10")');
    expect(carried(error)).not.toContain(secret);
  });

  it("is not revealed by a versioned write's condition failure or its cause", async () => {
    await plant({
      tenantId: "t1",
      capsuleId: "c10",
      counterId: "p2",
      count: 7,
      version: 3,
      PK: "TENANT#t1#CAPSULE#c1#COUNTERS",
      SK: "COUNTER#p2",
      entityType: "Counter",
      note: secret,
    });
    const counters = db.entity(Counter).scope(ids as never) as unknown as Record<string, Loose>;
    const error = await failure(() => counters["update"]!({ counterId: "p2" }, { version: 3, count: 8 }));
    expect(error).toMatchObject({ code: "dynamodb.conditionFailed" });
    expect(carried(error)).not.toContain(secret);
    const deleted = await failure(() => counters["delete"]!({ counterId: "p2" }, { version: 3 }));
    expect(carried(deleted)).not.toContain(secret);
  });
});

/** Attribute paths of Doc (every kind: string, enum, boolean, number, list, set, nested object and its fields, key). */
const paths = ["docId", "title", "status", "done", "views", "tags", "labels", "meta", "meta.author", "meta.rank"];
/** Values of every kind, right and wrong for each path, and the edge values DynamoDB refuses. */
const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom("", "draft", "Stored t1 c1", "a", "x".repeat(500), ":c0", "#c0", "title) OR (attribute_exists(PK"),
  fc.constantFrom(0, -1, 1, 2.5, 1e300, Number.NaN, Infinity),
  fc.boolean(),
  fc.constantFrom(undefined, null),
  fc.constantFrom([], ["a"], [1], new Set(), new Set(["a"]), new Set([1]), { author: "ann", rank: 1 }, {}),
);
const operandOf = fc.oneof(
  fc.constantFrom(...paths),
  fc.constantFrom(...paths).map((path) => ({ size: path })),
);
type Built = (c: Record<string, Loose>) => unknown;
/** Random conditions: every builder form, any path or size, any values, nested up to three deep. */
const conditionOf: fc.Arbitrary<Built> = fc.letrec<{ condition: Built }>((tie) => ({
  condition: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.tuple(fc.constantFrom("eq", "ne", "lt", "le", "gt", "ge"), operandOf, anyValue).map(
      ([form, of, value]): Built =>
        (c) =>
          c[form]!(of, value),
    ),
    fc.tuple(operandOf, anyValue, anyValue).map(
      ([of, low, high]): Built =>
        (c) =>
          c["between"]!(of, low, high),
    ),
    fc.tuple(fc.constantFrom(...paths), fc.array(anyValue, { maxLength: 3 })).map(
      ([path, values]): Built =>
        (c) =>
          c["in"]!(path, values),
    ),
    fc.tuple(fc.constantFrom("exists", "notExists"), fc.constantFrom(...paths)).map(
      ([form, path]): Built =>
        (c) =>
          c[form]!(path),
    ),
    fc.tuple(fc.constantFrom("beginsWith", "contains"), fc.constantFrom(...paths), anyValue).map(
      ([form, path, value]): Built =>
        (c) =>
          c[form]!(path, value),
    ),
    fc.tuple(fc.constantFrom("and", "or"), fc.array(tie("condition"), { minLength: 1, maxLength: 3 })).map(
      ([form, parts]): Built =>
        (c) =>
          c[form]!(...parts.map((part) => part(c))),
    ),
    tie("condition").map(
      (part): Built =>
        (c) =>
          c["not"]!(part(c)),
    ),
  ),
})).condition;

/** Changes each field takes: values and operators of its type (and removals of optional fields). */
const fitting: Readonly<Record<string, readonly unknown[]>> = {
  title: ["T", "x".repeat(300)],
  status: ["published", "archived"],
  done: [true, false, undefined],
  views: [5, undefined, op.add(1), op.subtract(2), op.ifNotExists(9)],
  tags: [["q"], [], undefined, op.append(["z"]), op.prepend(["y"])],
  labels: [new Set(["m"]), undefined, op.add(new Set(["n"])), op.deleteFromSet(new Set(["x"]))],
  meta: [{ author: "bob", rank: 3 }, undefined, op.ifNotExists({ author: "c", rank: 1 })],
};
/** Update changes: mostly fitting ones, else any field (key and isolation fields too) with any value or operator. */
const changeOf = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .constantFrom(...Object.entries(fitting))
      .chain(([field, changes]) => fc.tuple(fc.constant(field), fc.constantFrom(...changes))),
  },
  {
    weight: 1,
    arbitrary: fc.tuple(
      fc.constantFrom("tenantId", "capsuleId", ...paths.filter((path) => !path.includes("."))),
      fc.oneof(
        anyValue,
        fc
          .tuple(fc.constantFrom("add", "subtract", "append", "prepend", "deleteFromSet", "ifNotExists"), anyValue)
          .map(([kind, value]) => (op as unknown as Record<string, (value: unknown) => unknown>)[kind]!(value)),
      ),
    ),
  },
);

describe("generated conditions and updates (fast-check)", () => {
  /** A catalog error before sending, a condition failure, or success: never DynamoDB refusing the request itself. */
  const outcome = async (run: () => unknown): Promise<string> => {
    try {
      await run();
      return "ok";
    } catch (error) {
      expect(error).toBeInstanceOf(CapsuleEntityError);
      expect((error as CapsuleEntityError).code, (error as Error).message).not.toBe("dynamodb.request");
      return (error as CapsuleEntityError).code;
    }
  };

  it("every condition is refused with a catalog error or evaluated by DynamoDB, on the scope's item only", async () => {
    const others = await Promise.all(scopes.slice(1).map((scope) => raw(scope, "d1")));
    await fc.assert(
      fc.asyncProperty(conditionOf, async (build) => {
        await outcome(() =>
          loose()["update"]!({ docId: "d1" }, { done: true }, { condition: (c: unknown) => build(c as never) }),
        );
        await outcome(() => loose()["delete"]!({ docId: "absent" }, { condition: (c: unknown) => build(c as never) }));
      }),
      { seed: 1416, numRuns: 300 },
    );
    expect(await Promise.all(scopes.slice(1).map((scope) => raw(scope, "d1")))).toEqual(others);
  });

  it("every update is refused with a catalog error or applied, and the item stays readable and in its scope", async () => {
    const others = await Promise.all(scopes.slice(1).map((scope) => raw(scope, "d1")));
    await fc.assert(
      fc.asyncProperty(fc.array(changeOf, { minLength: 1, maxLength: 3 }), async (changes) => {
        const code = await outcome(() => loose()["update"]!({ docId: "d1" }, Object.fromEntries(changes)));
        if (code === "ok") expect(await loose()["get"]!({ docId: "d1" })).toMatchObject({ ...ids, docId: "d1" });
      }),
      { seed: 1417, numRuns: 300 },
    );
    expect(await Promise.all(scopes.slice(1).map((scope) => raw(scope, "d1")))).toEqual(others);
  });
});
