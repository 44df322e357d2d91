// Guarded writes (capsule-entity/dynamodb): conditions, update operators, a transaction's other scopes and the
// write options of defineEntity. The line after each `expect-error` comment is where the compiler must complain,
// with the same text the runtime twin throws (each thunk builds its commands without sending them: the client
// is never called).
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { z } from "zod";
import { capsuleId, defineEntity, op, tenantId } from "capsule-entity";
import { connect } from "capsule-entity/dynamodb";

const Doc = defineEntity({
  name: "Doc",
  schema: z.object({
    tenantId: tenantId(),
    capsuleId: capsuleId(),
    docId: z.string(),
    title: z.string(),
    status: z.enum(["draft", "published"]),
    views: z.number().int().optional(),
    tags: z.array(z.string()).optional(),
    meta: z.object({ author: z.string(), rank: z.number() }).optional(),
  }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#DOCS",
  sk: "DOC#${docId}",
});

const ids = { tenantId: tenantId().parse("t1"), capsuleId: capsuleId().parse("c1") };
// Never sends: every thunk fails while building its command.
const db = connect(DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: "http://127.0.0.1:9", region: "local" })), {
  table: "docs",
});

export const conditionOnUnknownPath = () =>
  db.transaction(ids).entity(Doc).check({ docId: "d1" }, (c) =>
    // expect-error: condition.unknownPath
    c.exists("titel"),
  );

export const conditionOnUnknownNestedPath = () =>
  db.transaction(ids).entity(Doc).check({ docId: "d1" }, (c) =>
    // expect-error: condition.unknownPath
    c.eq("meta.rnak", 1),
  );

export const conditionValueOfAnotherType = () =>
  db.transaction(ids).entity(Doc).check({ docId: "d1" }, (c) =>
    // expect-error: condition.valueType
    c.eq("meta.rank", "high"),
  );

export const conditionValueNotInTheEnum = () =>
  db.transaction(ids).entity(Doc).check({ docId: "d1" }, (c) =>
    // expect-error: condition.valueType
    c.eq("status", "gone"),
  );

export const sizeComparedWithAString = () =>
  db.transaction(ids).entity(Doc).check({ docId: "d1" }, (c) =>
    // expect-error: condition.valueType
    c.gt(c.size("tags"), "2"),
  );

export const addOnAString = () =>
  Doc.scope(ids, { table: "docs" }).update(
    { docId: "d1" },
    {
      // expect-error: update.operatorType
      title: op.add(1),
    },
  );

export const appendOnANumber = () =>
  db
    .transaction(ids)
    .entity(Doc)
    .update(
      { docId: "d1" },
      {
        // expect-error: update.operatorType
        views: op.append([1]),
      },
    );

export const undeclaredScope = () =>
  db.transaction(ids).entity(
    Doc,
    // expect-error: transaction.otherScope
    "archive",
  );

const versioned = { schema: Doc.schema, pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#DOC#${docId}" } as const;

export const versionOnAString = () =>
  defineEntity({
    name: "Versioned",
    ...versioned,
    // expect-error: entity.writeOption
    version: "title",
  });

export const versionOnAMissingField = () =>
  defineEntity({
    name: "Versioned",
    ...versioned,
    // expect-error: entity.writeOption
    version: "revision",
  });

export const timestampOnANumber = () =>
  defineEntity({
    name: "Stamped",
    ...versioned,
    // expect-error: entity.writeOption
    timestamps: { updatedAt: "views" },
  });
