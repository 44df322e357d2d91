/**
 * Reads through partial indexes against a model, on DynamoDB Local, generated: a capsule scope's `KEYS_ONLY` index
 * and `INCLUDE` index, and a tenant scope's `KEYS_ONLY` index opted out to the tenant level, each with and without
 * `hydrate`, with sort-key conditions (equality, `beginsWith`, ranges at boundaries), `limit` / `pageSize` /
 * `maxRequests`, both orders, and the three reads (`query`, `page` resumed by its cursors, `pages`). Two tenants and
 * capsules whose ids are prefixes of each other (t1/t10, c1/c10) hold the same documents, and another entity type
 * shares each index partition (skipped by its keys' shape on `KEYS_ONLY`, by `entityType` on `INCLUDE`). Every read
 * returns exactly the model's items in the index's order, each once, partial or full as asked, all of its scope.
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { capsuleId, defineEntity, defineTable, tenantId } from "capsule-entity";
import { expectedOf, readIn } from "../../scripts/read-modes.js";
import { localTable, uniqueTableName } from "../../scripts/test-dynamodb.js";

const ids = { tenantId: tenantId(), capsuleId: capsuleId() };
const Doc = defineEntity({
  name: "Doc",
  schema: z.object({ ...ids, docId: z.string(), status: z.string(), title: z.string(), body: z.string() }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#DOCS",
  sk: "DOC#${docId}",
  indexes: {
    byStatus: { pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#STATUS#${status}", sk: "${docId}" },
    byTitle: { pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#TITLES", sk: "${title}#${docId}" },
    byTenant: {
      pk: "TENANT#${tenantId}#ALL",
      sk: "${capsuleId}#${docId}",
      isolation: { level: "tenant", reason: "tenant admins list every document" },
    },
  },
});
/** Shares every index partition of Doc, with keys of another shape. */
const Memo = defineEntity({
  name: "Memo",
  schema: z.object({ ...ids, memoId: z.string(), status: z.string(), title: z.string() }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#MEMOS",
  sk: "MEMO#${memoId}",
  indexes: {
    byStatus: { pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#STATUS#${status}", sk: "MEMO#${memoId}#M" },
    byTitle: { pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#TITLES", sk: "${title}#${memoId}" },
    byTenant: {
      pk: "TENANT#${tenantId}#ALL",
      sk: "${capsuleId}#MEMO#${memoId}",
      isolation: { level: "tenant", reason: "tenant admins list every memo" },
    },
  },
});
const Table = defineTable({
  name: uniqueTableName("index-reads"),
  pk: "PK",
  sk: "SK",
  indexes: {
    byStatus: { pk: "S_PK", sk: "S_SK", projection: "KEYS_ONLY" },
    byTitle: { pk: "T_PK", sk: "T_SK", projection: { include: ["entityType", "tenantId", "capsuleId", "title"] } },
    byTenant: { pk: "A_PK", sk: "A_SK", projection: "KEYS_ONLY" },
  },
});

const tenants = ["t1", "t10"].map((id) => tenantId().parse(id));
const capsules = ["c1", "c10"].map((id) => capsuleId().parse(id));
type Ids = { readonly tenantId: (typeof tenants)[number]; readonly capsuleId: (typeof capsules)[number] };
const scopes: readonly Ids[] = tenants.flatMap((tenant) =>
  capsules.map((capsule) => ({ tenantId: tenant, capsuleId: capsule })),
);
const docIds = ["a", "b", "b1", "b!", "c", "é", "😀"];
const titles = ["alpha", "beta", "beta!", "gamma"];
type Row = Readonly<Record<"tenantId" | "capsuleId" | "docId" | "status" | "title" | "body", string>>;
const rowsOf = (scope: Ids): Row[] =>
  docIds.map((docId, at) => ({
    ...scope,
    docId,
    status: at % 3 === 0 ? "open" : "done",
    title: titles[at % titles.length]!,
    body: `body of ${scope.tenantId}/${scope.capsuleId}/${docId}`,
  }));
const compare = (left: string, right: string) => Buffer.compare(Buffer.from(left), Buffer.from(right));

type Operator = { readonly op: "none" } | { readonly op: "eq" | "beginsWith" | "gt" | "lte"; readonly value: string };
/** Whether a value meets an operator, as the keys order it (the value followed by the template's `#`, or alone). */
const meets = (condition: Operator, value: string, hashAfter: boolean): boolean => {
  const key = (text: string) => (hashAfter ? `${text}#` : text);
  if (condition.op === "none") return true;
  if (condition.op === "eq") return value === condition.value;
  if (condition.op === "beginsWith") return value.startsWith(condition.value);
  const order = compare(key(value), key(condition.value));
  return condition.op === "gt" ? order > 0 : order <= 0;
};

/** A query of one index: its input, the rows the model selects in index order, and the fields a partial item has. */
interface Plan {
  readonly input: Record<string, unknown>;
  readonly rows: Row[];
  readonly partialFields: readonly string[];
  readonly scope: (db: Db) => {
    query(input: object): AsyncIterable<object>;
    page(input: object): Promise<{ items: readonly object[]; cursor: string | undefined }>;
    pages(input: object): AsyncIterable<{ items: readonly object[]; cursor: string | undefined }>;
  };
  readonly own: Record<string, string>;
}
type Db = ReturnType<typeof localTable<typeof Table>>["db"];

const keyFields = ["tenantId", "capsuleId", "docId"];
const plans = {
  byStatus: (scope: Ids, status: string, condition: Operator): Plan => ({
    input: {
      index: "byStatus",
      partition: { status },
      ...(condition.op === "none"
        ? {}
        : { sortKey: { docId: condition.op === "eq" ? condition.value : { [condition.op]: condition.value } } }),
    },
    rows: rowsOf(scope)
      .filter((row) => row.status === status && meets(condition, row.docId, false))
      .sort((left, right) => compare(left.docId, right.docId)),
    partialFields: [...keyFields, "status"],
    scope: (db) => db.entity(Doc).scope(scope) as never,
    own: scope,
  }),
  byTitle: (scope: Ids, _status: string, given: Operator): Plan => {
    // The same operators on titles: each value drawn stands for a title ("b" for "beta", whose "beta!" sorts below).
    const condition: Operator =
      given.op === "none" ? given : { op: given.op, value: titles[Math.max(0, docIds.indexOf(given.value)) % 4]! };
    return {
      input: {
        index: "byTitle",
        ...(condition.op === "none"
          ? {}
          : { sortKey: { title: condition.op === "eq" ? condition.value : { [condition.op]: condition.value } } }),
      },
      rows: rowsOf(scope)
        .filter((row) => meets(condition, row.title, true))
        .sort((left, right) => compare(`${left.title}#${left.docId}`, `${right.title}#${right.docId}`)),
      partialFields: [...keyFields, "title"],
      scope: (db) => db.entity(Doc).scope(scope) as never,
      own: scope,
    };
  },
  byTenant: (scope: Ids, _status: string, condition: Operator): Plan => {
    const capsuleCondition: Operator =
      condition.op === "none"
        ? condition
        : condition.op === "beginsWith"
          ? { op: "beginsWith", value: "c1" }
          : { op: "eq", value: scope.capsuleId };
    return {
      input: {
        index: "byTenant",
        ...(capsuleCondition.op === "none"
          ? {}
          : {
              sortKey: {
                capsuleId:
                  capsuleCondition.op === "eq" ? capsuleCondition.value : { beginsWith: capsuleCondition.value },
              },
            }),
      },
      rows: scopes
        .filter((other) => other.tenantId === scope.tenantId)
        .flatMap(rowsOf)
        .filter((row) => meets(capsuleCondition, row.capsuleId, true))
        .sort((left, right) => compare(`${left.capsuleId}#${left.docId}`, `${right.capsuleId}#${right.docId}`)),
      partialFields: keyFields,
      scope: (db) => db.entity(Doc).scope({ tenantId: scope.tenantId }) as never,
      own: { tenantId: scope.tenantId },
    };
  },
};

describe("reads through partial indexes against a model, on DynamoDB Local", () => {
  const dynamo = localTable(Table);

  beforeAll(async () => {
    for (const scope of scopes) {
      await dynamo.db
        .entity(Doc)
        .scope(scope)
        .batchPut(rowsOf(scope) as never);
      await dynamo.db
        .entity(Memo)
        .scope(scope)
        .batchPut(
          docIds.map((memoId, at) => ({
            ...scope,
            memoId,
            status: at % 2 === 0 ? "open" : "done",
            title: titles[at % 4]!,
          })),
        );
    }
  });

  const read = fc.record({
    index: fc.constantFrom("byStatus", "byTitle", "byTenant" as const),
    scope: fc.constantFrom(...scopes),
    status: fc.constantFrom("open", "done"),
    condition: fc.oneof(
      fc.constant<Operator>({ op: "none" }),
      fc.record({
        op: fc.constantFrom("eq", "beginsWith", "gt", "lte" as const),
        value: fc.constantFrom(...docIds, "b"),
      }),
    ),
    hydrate: fc.boolean(),
    order: fc.constantFrom("asc", "desc" as const),
    limit: fc.option(fc.integer({ min: 1, max: 6 }), { nil: undefined }),
    pageSize: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
    maxRequests: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
    mode: fc.constantFrom("query", "page", "pages" as const),
  });

  it("query, page resumed by its cursors, and pages return the model's items in the index's order, each once", async () => {
    await fc.assert(
      fc.asyncProperty(
        read,
        async ({ index, scope, status, condition, hydrate, order, limit, pageSize, maxRequests, mode }) => {
          const plan = plans[index](scope, status, condition);
          const client = plan.scope(dynamo.db);
          const input = {
            ...plan.input,
            hydrate,
            order,
            ...(limit === undefined ? {} : { limit }),
            ...(pageSize === undefined ? {} : { pageSize }),
          };
          const items = await readIn(client, input, { mode, limit, maxRequests });
          const ordered = order === "desc" ? [...plan.rows].reverse() : plan.rows;
          const whole = expectedOf(ordered, { mode, limit, maxRequests }, items.length);
          const fields = hydrate ? ["tenantId", "capsuleId", "docId", "status", "title", "body"] : plan.partialFields;
          const pick = (item: object) =>
            Object.fromEntries(fields.map((field) => [field, (item as Record<string, unknown>)[field]]));
          for (const item of items) {
            expect(item).toMatchObject({ ...plan.own, entityType: "Doc" });
            // A partial item holds what is projected, never the body.
            if (!hydrate) expect(item).not.toHaveProperty("body");
          }
          expect(items.map(pick)).toEqual(whole.map(pick));
        },
      ),
      { seed: 1517, numRuns: 300, endOnFailure: true },
    );
  });
});
