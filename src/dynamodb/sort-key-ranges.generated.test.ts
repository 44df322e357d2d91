/**
 * Sort-key conditions, filters, `limit` / `pageSize` / `maxRequests`, orders and the three reads (`query`, `page`
 * resumed by its cursors, `pages`) checked against a model, on DynamoDB Local. Two tenants and two capsules whose
 * ids are prefixes of each other (t1/t10, c1/c10) hold the same notes (two versions each, one red, one blue) and
 * tags (a template that ends at its field), with values chosen at the boundaries of the key encoding: characters
 * below and above `#` and `$` (` `, `!`, `-`, `~`), prefixes of each other (`n`, `n1`, `n10`), unicode in one, two
 * and four UTF-8 bytes and in the order where UTF-16 and UTF-8 disagree (U+FF01 against an emoji). The model orders
 * values as the keys do (UTF-8 bytes, each value followed by what the template puts after it up to its next `#`);
 * every read returns exactly the model's items, in the model's order, each once, all of its own scope; a condition
 * the model has no item range for (`between` with its ends reversed) is refused by the catalog before any request.
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { capsuleId, CapsuleEntityError, defineEntity, defineTable, tenantId } from "capsule-entity";
import { DynamoRequestError } from "capsule-entity/dynamodb";
import { collect } from "../../scripts/collect.js";
import { expectedOf, readIn } from "../../scripts/read-modes.js";
import { localTable, uniqueTableName } from "../../scripts/test-dynamodb.js";

const ids = { tenantId: tenantId(), capsuleId: capsuleId() };
const Note = defineEntity({
  name: "Note",
  schema: z.object({ ...ids, noteId: z.string(), version: z.number().int(), color: z.string() }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}",
  sk: "NOTE#${noteId}#V#${version}",
});
/** Shares Note's partition and sort-key prefix (only the entity type tells them apart); its key ends at its field. */
const Tag = defineEntity({
  name: "Tag",
  schema: z.object({ ...ids, tagId: z.string(), color: z.string() }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}",
  sk: "NOTE#${tagId}",
});
const Table = defineTable({ name: uniqueTableName("sort-key-ranges"), pk: "PK", sk: "SK" });

const tenants = ["t1", "t10"].map((id) => tenantId().parse(id));
const capsules = ["c1", "c10"].map((id) => capsuleId().parse(id));
type Ids = { readonly tenantId: (typeof tenants)[number]; readonly capsuleId: (typeof capsules)[number] };
const scopes: readonly Ids[] = tenants.flatMap((tenant) =>
  capsules.map((capsule) => ({ tenantId: tenant, capsuleId: capsule })),
);

/** Values at the boundaries of the key encoding (see the module comment). */
const values = [
  ...["a", "n", "n1", "n10", "n1 ", "n1!", "n1$", "n1-", "n1~", "N", "z", "~"],
  ...["\u007f", "\u0080", "é", "\uFF01", "😀", "😀!"],
] as const;

const bytes = (text: string): Buffer => Buffer.from(text, "utf8");
const compare = (left: string, right: string): number => Buffer.compare(bytes(left), bytes(right));

type Subject = "Note" | "Tag";
/** What a value's keys start with, up to the template's next `#` (none after a tag's): the order of values. */
const sortable = (subject: Subject, value: string): string => (subject === "Note" ? `${value}#` : value);

type Operator =
  | { readonly op: "eq" | "beginsWith" | "gt" | "gte" | "lt" | "lte"; readonly value: string }
  | { readonly op: "between"; readonly value: readonly [string, string] }
  | { readonly op: "none" };

/** The model: whether a value meets the condition; `undefined` when the condition has no range (refused). */
function meets(subject: Subject, condition: Operator, value: string): boolean | undefined {
  const order = (other: string) => compare(sortable(subject, value), sortable(subject, other));
  switch (condition.op) {
    case "none":
      return true;
    case "eq":
      return value === condition.value;
    case "beginsWith":
      return value.startsWith(condition.value);
    case "gt":
      return order(condition.value) > 0;
    case "gte":
      return order(condition.value) >= 0;
    case "lt":
      return order(condition.value) < 0;
    case "lte":
      return order(condition.value) <= 0;
    case "between": {
      const [low, high] = condition.value;
      if (compare(sortable(subject, low), sortable(subject, high)) > 0) return undefined;
      return order(low) >= 0 && order(high) <= 0;
    }
  }
}

/** The query's `sortKey` for a condition on the subject's field. */
function sortKeyOf(subject: Subject, condition: Operator): object | undefined {
  if (condition.op === "none") return undefined;
  const field = subject === "Note" ? "noteId" : "tagId";
  return { [field]: condition.op === "eq" ? condition.value : { [condition.op]: condition.value } };
}

interface Stored {
  readonly sk: string;
  readonly value: string;
  readonly color: string;
  readonly item: Record<string, unknown>;
}

/** Every item of a scope, by the model: its key, the value its condition reads, and the item as a read returns it. */
function storedOf(subject: Subject, scope: Ids): Stored[] {
  return values.flatMap((value): Stored[] =>
    subject === "Note"
      ? [1, 2].map((version) => ({
          sk: `NOTE#${value}#V#${version}`,
          value,
          color: version === 1 ? "red" : "blue",
          item: { ...scope, noteId: value, version, color: version === 1 ? "red" : "blue" },
        }))
      : [{ sk: `NOTE#${value}`, value, color: "red", item: { ...scope, tagId: value, color: "red" } }],
  );
}

/** The items a read must return, in order; `undefined` when the condition must be refused. */
function expected(
  subject: Subject,
  scope: Ids,
  condition: Operator,
  order: "asc" | "desc",
  color: string | undefined,
): Record<string, unknown>[] | undefined {
  const stored = storedOf(subject, scope);
  if (stored.some((entry) => meets(subject, condition, entry.value) === undefined)) return undefined;
  const chosen = stored
    .filter((entry) => meets(subject, condition, entry.value) && (color === undefined || entry.color === color))
    .sort((left, right) => compare(left.sk, right.sk));
  return (order === "desc" ? chosen.reverse() : chosen).map((entry) => entry.item);
}

/** The fields a test compares (a read returns keys and entityType too). */
const fieldsOf = (item: object): Record<string, unknown> => {
  const { pk: _pk, sk: _sk, entityType: _type, ...fields } = item as Record<string, unknown>;
  return fields;
};

describe("sort-key ranges, filters and limits against a model, on DynamoDB Local", () => {
  const dynamo = localTable(Table);
  const scoped = (subject: Subject, scope: Ids) =>
    (subject === "Note" ? dynamo.db.entity(Note).scope(scope) : dynamo.db.entity(Tag).scope(scope)) as unknown as {
      query(input: object): AsyncIterable<object>;
      page(input: object): Promise<{ items: readonly object[]; cursor: string | undefined }>;
      pages(input: object): AsyncIterable<{ items: readonly object[]; cursor: string | undefined }>;
    };

  beforeAll(async () => {
    for (const scope of scopes) {
      await dynamo.db
        .entity(Note)
        .scope(scope)
        .batchPut(storedOf("Note", scope).map((entry) => entry.item as never));
      await dynamo.db
        .entity(Tag)
        .scope(scope)
        .batchPut(storedOf("Tag", scope).map((entry) => entry.item as never));
    }
  });

  it("the model agrees with the store: every item of each scope, in the order DynamoDB sorts its keys", async () => {
    for (const subject of ["Note", "Tag"] as const)
      for (const scope of scopes)
        expect((await collect(scoped(subject, scope).query({}))).map(fieldsOf)).toEqual(
          expected(subject, scope, { op: "none" }, "asc", undefined),
        );
  });

  it("between over every ordered pair of boundary values is the model's range, or refused by the catalog", async () => {
    const scope = scopes[0]!;
    for (const subject of ["Note", "Tag"] as const)
      for (const low of values)
        for (const high of values) {
          const condition: Operator = { op: "between", value: [low, high] };
          const outcome = await collect(scoped(subject, scope).query({ sortKey: sortKeyOf(subject, condition) })).then(
            (items) => items.map(fieldsOf),
            (error: unknown) => error,
          );
          const want = expected(subject, scope, condition, "asc", undefined);
          const label = `${subject} between ${JSON.stringify([low, high])}`;
          if (want === undefined) {
            expect(outcome, label).not.toBeInstanceOf(DynamoRequestError);
            expect(outcome, label).toBeInstanceOf(CapsuleEntityError);
            expect((outcome as Error).message, label).toMatch(/^\[query\.sortKey\] \w+ sk condition has between with /);
          } else expect(outcome, label).toEqual(want);
        }
  });

  const condition: fc.Arbitrary<Operator> = fc.oneof(
    fc.constant({ op: "none" } as const),
    fc.record({
      op: fc.constantFrom("eq", "gt", "gte", "lt", "lte", "beginsWith") as fc.Arbitrary<"eq">,
      value: fc.constantFrom(...values),
    }),
    // A prefix of a value: beginsWith reads partial values (`n1` matches `n10`), the others whole ones.
    fc.record({
      op: fc.constantFrom("beginsWith", "gt", "lte") as fc.Arbitrary<"gt">,
      value: fc.constantFrom("n", "n1", "😀", "\u007f", "é"),
    }),
    fc.record({
      op: fc.constant("between" as const),
      value: fc.tuple(fc.constantFrom(...values), fc.constantFrom(...values)),
    }),
  );
  const read = fc.record({
    subject: fc.constantFrom<Subject>("Note", "Tag"),
    scope: fc.constantFrom(...scopes),
    condition,
    order: fc.constantFrom("asc", "desc" as const),
    color: fc.constantFrom(undefined, "red", "blue"),
    limit: fc.option(fc.integer({ min: 1, max: 7 }), { nil: undefined }),
    pageSize: fc.option(fc.integer({ min: 1, max: 9 }), { nil: undefined }),
    maxRequests: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
    mode: fc.constantFrom("query", "page", "pages" as const),
  });

  it("query, page resumed by its cursors, and pages return the model's items in its order, each once", async () => {
    await fc.assert(
      fc.asyncProperty(
        read,
        async ({ subject, scope, condition, order, color, limit, pageSize, maxRequests, mode }) => {
          const input = {
            ...(condition.op === "none" ? {} : { sortKey: sortKeyOf(subject, condition) }),
            ...(color === undefined
              ? {}
              : { filter: (f: { eq(path: string, value: string): unknown }) => f.eq("color", color) }),
            order,
            ...(limit === undefined ? {} : { limit }),
            ...(pageSize === undefined ? {} : { pageSize }),
          };
          const want = expected(subject, scope, condition, order, color);
          const client = scoped(subject, scope);
          const outcome = await readIn(client, input, { mode, limit, maxRequests }).then(
            (items) => items,
            (error: unknown) => error,
          );
          if (want === undefined) {
            expect(outcome).not.toBeInstanceOf(DynamoRequestError);
            expect((outcome as Error).message).toMatch(/^\[query\.sortKey\]/);
            return;
          }
          if (outcome instanceof Error) throw outcome;
          const items = outcome as object[];
          for (const item of items) expect(item).toMatchObject({ ...scope, entityType: subject });
          expect(items.map(fieldsOf)).toEqual(expectedOf(want, { mode, limit, maxRequests }, items.length));
        },
      ),
      { seed: 1515, numRuns: 120, endOnFailure: true },
    );
  });
});
