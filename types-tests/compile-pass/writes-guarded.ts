// The positive twins of compile-fail/writes-guarded.ts: conditions over existing paths with values of their type,
// operators on fields whose type takes them, a declared other scope, and write options naming fields of their
// kind. Each thunk builds its commands (never sending them: the client is never called) and returns the entity.
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
    labels: z.set(z.string()).optional(),
    meta: z.object({ author: z.string(), rank: z.number() }).optional(),
    revision: z.number().int().optional(),
    updatedAt: z.string().optional(),
  }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#DOCS",
  sk: "DOC#${docId}",
});

const ids = { tenantId: tenantId().parse("t1"), capsuleId: capsuleId().parse("c1") };
const db = connect(
  DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: "http://127.0.0.1:9", region: "local" })),
  {
    table: "docs",
  },
);

export const conditionsOverPathsAndValuesOfTheirType = () => {
  db.transaction(ids)
    .entity(Doc)
    .check({ docId: "d1" }, (c) =>
      c.and(
        c.exists("title"),
        c.eq("meta.rank", 2),
        c.eq("meta", { author: "ann", rank: 1 }),
        c.eq("tags", ["a"]),
        c.in("status", ["draft", "published"]),
        c.between("views", 1, 10),
        c.gt(c.size("tags"), 2),
        c.or(c.beginsWith("meta.author", "a"), c.not(c.contains("tags", "x"))),
      ),
    );
  return Doc;
};

export const operatorsOfTheFieldsType = () => {
  Doc.scope(ids, { table: "docs" }).update(
    { docId: "d1" },
    {
      title: "plain value",
      views: op.add(1),
      revision: op.subtract(1),
      tags: op.append(["x"]),
      labels: op.deleteFromSet(new Set(["y"])),
      meta: op.ifNotExists({ author: "ann", rank: 1 }),
    },
  );
  db.transaction(ids)
    .entity(Doc)
    .update({ docId: "d1" }, { tags: op.prepend(["w"]), labels: op.add(new Set(["z"])) });
  return Doc;
};

// The twin of compile-fail/update-key-fields.ts' noChange: the smallest change (an optional field removed), and changes
// typed `Partial` (a variable that may name no field; the runtime reads what it holds).
export const oneChangeAtLeast = () => {
  Doc.scope(ids, { table: "docs" }).update({ docId: "d1" }, { views: undefined });
  const changes: Partial<{ readonly title: string; readonly updatedAt: string }> = { title: "t" };
  db.transaction(ids).entity(Doc).update({ docId: "d1" }, changes);
  return Doc;
};

export const declaredOtherScope = () => {
  const archive = { tenantId: ids.tenantId, capsuleId: capsuleId().parse("c10") };
  db.transaction(ids, { also: { archive: { ids: archive, reason: "moving a doc to the archive capsule" } } })
    .entity(Doc, "archive")
    .check({ docId: "d1" });
  return Doc;
};

export const writeOptionsNamingFieldsOfTheirKind = () =>
  defineEntity({
    name: "Versioned",
    schema: Doc.schema,
    pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#DOC#${docId}",
    version: "revision",
    timestamps: { updatedAt: "updatedAt" },
  });
