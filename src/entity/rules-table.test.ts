/**
 * The rules only the runtime can decide (no type sees them), each with its safe neighbour: rewriting checks on
 * ids, parents, schemas and key fields; DynamoDB's key byte limits; parseKey's values; the stored-item schema
 * `E.item`; `owns()` on a table with renamed key attributes; and definition checks that must not leave a
 * rejected promise behind (in a child process, whose exit code shows it). The type-level rules of the table are
 * in types-tests/compile-fail/rules-table.ts and types-tests/parity.
 */
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { z } from "zod";
import { describe, expect, it } from "vitest";
import { defineEntity } from "../kit.js";
import { defineTable } from "../access/table.js";
import { EntityDefinitionError } from "../errors.js";
import { capsuleId, tenantId } from "../ids.js";
import { isBlank, isIndexName } from "../internal/schema-rules.js";
import { scalarKind } from "../internal/zod-shape.js";

const ids = { tenantId: tenantId(), capsuleId: capsuleId() };
const pk = "TENANT#${tenantId}#CAPSULE#${capsuleId}#N#${id}";
const t1 = tenantId().parse("t1");
const c1 = capsuleId().parse("c1");

describe("rewriting checks (runtime only: zod keeps them out of the schema's type)", () => {
  it.each([
    ["the id's inner schema", () => tenantId(z.string().toLowerCase()), "the value of tenantId()"],
    [
      "the id's inner schema (overwrite)",
      () => capsuleId(z.string().overwrite(() => "c0")),
      "the value of capsuleId()",
    ],
    [
      "the ids' parent object",
      () =>
        defineEntity({
          name: "P",
          schema: z.object({ ctx: z.object(ids).overwrite((value) => value), id: z.string() }),
          pk: "TENANT#${ctx.tenantId}#CAPSULE#${ctx.capsuleId}#N#${id}",
        }),
      "tenantId at ctx.tenantId is rewritten by its parent object ctx",
    ],
    [
      "the whole schema",
      () => defineEntity({ name: "S", schema: z.object({ ...ids, id: z.string() }).overwrite((v) => v), pk }),
      "every field of the schema",
    ],
    [
      "a key field",
      () => defineEntity({ name: "K", schema: z.object({ ...ids, id: z.string().trim() }), pk }),
      "pk placeholder ${id} is rewritten by its schema",
    ],
    [
      "a key field's parent",
      () =>
        defineEntity({
          name: "K",
          schema: z.object({ ...ids, id: z.string(), meta: z.object({ code: z.string() }).overwrite((v) => v) }),
          pk,
          sk: "C#${meta.code}",
        }),
      "sk placeholder ${meta.code} is rewritten by its parent object meta",
    ],
  ])("refuses a rewrite by %s", (_, define, text) => {
    expect(define).toThrow(EntityDefinitionError);
    expect(define).toThrow(`[schema.rewritten] ${text}`);
  });

  it("accepts refinements, which validate without rewriting (the safe neighbour)", () => {
    const Entity = defineEntity({
      name: "R",
      schema: z.object({
        tenantId: tenantId(z.string().regex(/^[a-z0-9]+$/)),
        capsuleId: capsuleId(),
        id: z.string().min(1),
      }),
      pk,
    });
    expect(Entity.keys({ tenantId: t1, capsuleId: c1, id: "a" }).pk).toBe("TENANT#t1#CAPSULE#c1#N#a");
  });
});

describe("DynamoDB's key size limits (runtime only: types do not count UTF-8 bytes)", () => {
  const Entity = defineEntity({ name: "L", schema: z.object({ ...ids, id: z.string() }), pk, sk: "S#${id}" });

  it("refuses at definition a template whose literal text alone is over the limit", () => {
    expect(() =>
      defineEntity({
        name: "L",
        schema: z.object(ids),
        pk: `TENANT#\${tenantId}#CAPSULE#\${capsuleId}#${"L".repeat(2048)}` as never,
      }),
    ).toThrow("[key.tooLong] pk is 2065 bytes, over DynamoDB's 2048-byte limit for a partition key");
    expect(() =>
      defineEntity({
        name: "L",
        schema: z.object(ids),
        pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}",
        sk: "é".repeat(513) as never,
      }),
    ).toThrow("[key.tooLong] sk is 1026 bytes, over DynamoDB's 1024-byte limit for a sort key");
  });

  it("refuses in keys() a key over the limit, counting UTF-8 bytes, and builds one at the limit", () => {
    const PkOnly = defineEntity({ name: "L", schema: z.object({ ...ids, id: z.string() }), pk });
    const base = "TENANT#t1#CAPSULE#c1#N#".length;
    expect(PkOnly.keys({ tenantId: t1, capsuleId: c1, id: "x".repeat(2048 - base) }).pk).toHaveLength(2048);
    expect(() => PkOnly.keys({ tenantId: t1, capsuleId: c1, id: "x".repeat(2049 - base) })).toThrow(
      "[key.tooLong] pk is 2049 bytes",
    );
    expect(() => Entity.keys({ tenantId: t1, capsuleId: c1, id: "é".repeat(700) })).toThrow(
      "[key.tooLong] sk is 1402 bytes",
    );
    expect(() => Entity.toItem({ tenantId: "t1", capsuleId: "c1", id: "€".repeat(400) })).toThrow("[key.tooLong] sk");
  });
});

describe("parseKey validates each value with its field's schema before returning it typed", () => {
  const Entity = defineEntity({
    name: "V",
    schema: z.object({ tenantId: tenantId(), capsuleId: capsuleId(z.uuid()), kind: z.enum(["a", "b"]) }),
    pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}",
    sk: "K#${kind}",
  });
  const uuid = "0b8e1d9e-9f0c-4c8e-9c1e-2d3f4a5b6c7d";

  it("refuses a non-uuid capsule id and a value outside the enum", () => {
    expect(() => Entity.parseKey("TENANT#t1#CAPSULE#not-a-uuid")).toThrow(
      "[key.invalidValue] pk value for capsuleId does not pass its field's schema",
    );
    expect(() => Entity.parseKey("K#zzz", "sk")).toThrow(
      "[key.invalidValue] sk value for kind does not pass its field's schema",
    );
  });

  it("returns valid values (the safe neighbour)", () => {
    expect(Entity.parseKey(`TENANT#t1#CAPSULE#${uuid}`)).toEqual({ tenantId: "t1", capsuleId: uuid });
    expect(Entity.parseKey("K#a", "sk")).toEqual({ kind: "a" });
  });
});

describe("E.item: the stored-item schema verifies keys against attributes", () => {
  const Entity = defineEntity({ name: "I", schema: z.object({ ...ids, id: z.string() }), pk });
  const item = Entity.toItem({ tenantId: "t1", capsuleId: "c1", id: "a" });

  it("accepts the item toItem built, and refuses one whose pk names another tenant", () => {
    expect(Entity.item.safeParse(item).success).toBe(true);
    const foreign = Entity.item.safeParse({ ...item, pk: "TENANT#t2#CAPSULE#c1#N#a" });
    expect(foreign.success).toBe(false);
    expect(foreign.error?.issues[0]?.message).toMatch(/^\[isolation\.keyMismatch\] stored pk/);
  });
});

describe("owns() / assertOwns() read the table's physical key attributes", () => {
  const Platform = defineTable({ name: "platform_data", pk: "PK", sk: "SK" });
  const Entity = defineEntity({ name: "O", schema: z.object({ ...ids, id: z.string() }), pk, sk: "N" });
  const scope = Entity.scope({ tenantId: t1, capsuleId: c1 }, { table: Platform });
  const attributes = { tenantId: t1, capsuleId: c1, id: "a" };

  it("refuses an item whose PK lies in another tenant's partition", () => {
    const foreign = { ...attributes, PK: "TENANT#t2#CAPSULE#c1#N#a", SK: "N" };
    expect(scope.owns(foreign)).toBe(false);
    expect(() => scope.assertOwns(foreign)).toThrow("[isolation.foreign] the item is PK");
  });

  it("owns an item whose PK is in its partition (the safe neighbour)", () => {
    expect(scope.owns({ ...attributes, PK: "TENANT#t1#CAPSULE#c1#N#a", SK: "N" })).toBe(true);
  });
});

describe("definition checks leave no pending promise", () => {
  const root = fileURLToPath(new URL("../..", import.meta.url));
  // A plain JS caller's definitions that throw; the script catches each and must exit 0.
  const script = `
    import { z } from "zod";
    import { capsuleId, defineEntity, tenantId } from "./src/index.ts";
    const attempts = [
      () => defineEntity({ name: "A", schema: z.object({ tenantId: tenantId(), capsuleId: capsuleId(z.custom()), id: z.string() }), pk: "TENANT#\${tenantId}#CAPSULE#\${capsuleId}" }),
      () => defineEntity({ name: "B", schema: z.object({ tenantId: tenantId(z.string().nullable()), capsuleId: capsuleId() }), pk: "TENANT#\${tenantId}#CAPSULE#\${capsuleId}" }),
    ];
    let caught = 0;
    for (const attempt of attempts) { try { attempt(); } catch { caught++; } }
    await new Promise((resolve) => setTimeout(resolve, 100));
    console.log("caught", caught);
  `;

  it("exits 0 when the caller catches the definition errors (zod's async retry would reject unhandled)", async ({
    signal,
  }) => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ["--import", "tsx", "--input-type=module", "-e", script],
      { cwd: root, signal }, // the child is stopped when the test times out
    );
    expect(stdout.trim()).toBe("caught 2");
  });
});

describe("the rule table at runtime (the same samples as types-tests/schema-rules.test-d.ts)", () => {
  it.each([
    [z.string(), "string"],
    [z.number(), "number"],
    [z.enum(["a", "b"]), "string"],
    [z.literal("x"), "string"],
    [z.literal("a#b"), false],
    [z.string().readonly(), "string"],
    [z.string().nonoptional(), "string"],
    [z.string().optional().nonoptional(), false],
    [z.string().transform((s) => s), false],
    [z.string().catch("x"), false],
    [z.union([z.literal("a"), z.literal("b")]), false],
    [z.intersection(z.string(), z.string()), false],
    [z.custom<string>(), false],
    [z.lazy(() => z.string()), false],
    [z.nan(), false],
    [z.coerce.number(), false],
  ] as const)("%# decides as the types do", (schema, kind) => {
    expect(scalarKind(schema)).toBe(kind);
  });

  it("spells blank reasons and index names as the types do", () => {
    expect([isBlank(" \u200b\t"), isBlank(" x ")]).toEqual([true, false]);
    expect([isIndexName("gsi1"), isIndexName("ab"), isIndexName("by role")]).toEqual([true, false, false]);
  });
});
