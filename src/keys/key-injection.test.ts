/**
 * Key-injection proofs, property-based (fast-check, 10,000 runs per property) over hostile strings and numbers: empty,
 * `#`, `${`, label words (`CAPSULE`, `TENANT`), NUL, lone surrogates, combining marks, emoji, `__proto__`.
 * For every key attribute (pk, sk and the index keys, string and number fields):
 * - `keys()` refuses exactly the values that cannot be key parts, and otherwise `parseKey` maps the key back
 *   to the very values it was built from;
 * - two different inputs never share a key (over a tiny alphabet, so near-collisions are frequent);
 * - any string `parseKey` accepts is rebuilt to the same key (no second spelling, e.g. `01` for `1`);
 * - two different scopes never claim each other's partitions (`c1` vs `c10`);
 * - a query's sort-key condition matches exactly the keys whose fields it names (`t1` never matches `t10`).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { capsuleId, defineEntity, KeyValueError, tenantId, type CapsuleId, type TenantId } from "capsule-entity";

const Doc = defineEntity({
  name: "Doc",
  table: "t",
  schema: z.object({
    tenantId: tenantId(),
    capsuleId: capsuleId(),
    docId: z.string(),
    version: z.number(),
    tag: z.string(),
    title: z.string(),
  }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#DOC#${docId}",
  sk: "V#${version}",
  indexes: { gsi1: { pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#TAG#${tag}", sk: "${title}#v${version}" } },
});

const runs = { numRuns: 10_000 } as const;
type Values = { tenantId: string; capsuleId: string; docId: string; version: number; tag: string; title: string };
const attributes = ["pk", "sk", "gsi1pk", "gsi1sk"] as const;
/** The fields each key attribute is built from. */
const fieldsOf: Record<(typeof attributes)[number], readonly (keyof Values)[]> = {
  pk: ["tenantId", "capsuleId", "docId"],
  sk: ["version"],
  gsi1pk: ["tenantId", "capsuleId", "tag"],
  gsi1sk: ["title", "version"],
};

const hostile = fc.constantFrom(
  "",
  "#",
  "##",
  "${",
  "${tenantId}",
  "}",
  "CAPSULE",
  "TENANT",
  "#CAPSULE#",
  "TENANT#t#CAPSULE#c",
  "\u0000",
  "\uD800",
  "\uDC00",
  "a\uD83Db",
  "e\u0301",
  "🙂",
  "c1",
  "c10",
  " ",
  "V#1",
  "v1",
  "__proto__",
  "constructor",
  "\u200B",
);
const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code));
const piece = fc.oneof(
  hostile,
  fc.string({ unit: "binary", maxLength: 6 }),
  fc.string({ unit: "grapheme", maxLength: 4 }),
  loneSurrogate,
);
const text = fc.array(piece, { maxLength: 4 }).map((parts) => parts.join(""));
const number = fc.oneof(
  fc.double(),
  fc.integer(),
  fc.constantFrom(0, -0, 1e21, 1e-7, 0.1 + 0.2, Number.MAX_SAFE_INTEGER + 2, NaN, Infinity, -Infinity),
);
const values = fc.record({ tenantId: text, capsuleId: text, docId: text, version: number, tag: text, title: text });

/** Whether a value may be a key part, decided here independently of the codec. */
const isKeyPart = (value: string | number): boolean =>
  typeof value === "number" ? Number.isFinite(value) : value !== "" && !value.includes("#") && value.isWellFormed();

/** Field-by-field equality with `===` (so 0 and -0, which build the same key, are the same value). */
const sameFields = (left: Partial<Values>, right: Partial<Values>, fields: readonly (keyof Values)[]): boolean =>
  fields.every((field) => left[field] === right[field]);

const tryKeys = (input: Values): Record<string, string> | KeyValueError => {
  try {
    return Doc.keys(input as never) as Record<string, string>;
  } catch (error) {
    if (error instanceof KeyValueError) return error;
    throw error;
  }
};

describe("keys() refuses or round-trips", () => {
  it("refuses exactly the inputs with a value that cannot be a key part", () => {
    fc.assert(
      fc.property(values, (input) => {
        const built = tryKeys(input);
        expect(built instanceof KeyValueError).toBe(!Object.values(input).every(isKeyPart));
      }),
      runs,
    );
  });

  it.each(attributes)("parseKey(keys().%s) returns exactly the values it was built from", (attribute) => {
    fc.assert(
      fc.property(values, (input) => {
        const built = tryKeys(input);
        if (built instanceof KeyValueError) return;
        const parsed = Doc.parseKey(built[attribute]!, attribute) as Partial<Values>;
        expect(Object.keys(parsed).sort()).toEqual([...fieldsOf[attribute]].sort());
        expect(sameFields(parsed, input, fieldsOf[attribute])).toBe(true);
      }),
      runs,
    );
  });
});

describe("no two different inputs share a key", () => {
  // A tiny alphabet, and a second input that keeps some of the first one's fields, make equal and
  // nearly-equal keys frequent: "a1" vs "a" + "1", 0 vs -0, 1e21 …
  const tiny = fc.string({ unit: fc.constantFrom("a", "#", "1", "C"), minLength: 1, maxLength: 3 });
  const tinyNumber = fc.constantFrom(0, -0, 1, 10, 0.1, 1e21, -1);
  const valid: Values = { tenantId: "t", capsuleId: "c", docId: "d", version: 1, tag: "g", title: "x" };
  /** The attribute's own fields from the tiny alphabet (the others valid), and a second input keeping about half of them. */
  const pairsFor = (attribute: (typeof attributes)[number]): fc.Arbitrary<[Values, Values]> => {
    const field = (name: keyof Values): fc.Arbitrary<string | number> => (name === "version" ? tinyNumber : tiny);
    const own = Object.fromEntries(fieldsOf[attribute].map((name) => [name, field(name)]));
    const changed = Object.fromEntries(fieldsOf[attribute].map((name) => [name, fc.option(field(name), { freq: 2 })]));
    return fc.tuple(fc.record(own), fc.record(changed)).map(([left, change]): [Values, Values] => [
      { ...valid, ...left },
      { ...valid, ...left, ...Object.fromEntries(Object.entries(change).filter(([, value]) => value !== null)) },
    ]);
  };

  it.each(attributes)("%s: equal keys mean equal values", (attribute) => {
    let collisions = 0;
    let distinct = 0;
    fc.assert(
      fc.property(pairsFor(attribute), ([left, right]) => {
        const a = tryKeys(left);
        const b = tryKeys(right);
        if (a instanceof KeyValueError || b instanceof KeyValueError) return;
        if (a[attribute] !== b[attribute]) return void distinct++;
        collisions++;
        expect(sameFields(left, right, fieldsOf[attribute])).toBe(true);
      }),
      runs,
    );
    // The property is only worth something if both equal and different keys came up.
    expect(collisions).toBeGreaterThan(100);
    expect(distinct).toBeGreaterThan(100);
  });
});

describe("parseKey accepts one spelling per key", () => {
  const valid: Values = { tenantId: "t", capsuleId: "c", docId: "d", version: 1, tag: "g", title: "x" };
  const segment = fc.oneof(
    piece,
    fc.constantFrom("TENANT", "CAPSULE", "DOC", "TAG", "V", "v1", "01", "1e0", "-0", "0", "NaN", "Infinity", "1.50"),
  );
  const keyLike = fc.array(segment, { minLength: 1, maxLength: 7 }).map((segments) => segments.join("#"));

  it.each(attributes)("%s: whatever parses builds back to the same key", (attribute) => {
    fc.assert(
      fc.property(keyLike, (key) => {
        let parsed: Partial<Values>;
        try {
          parsed = Doc.parseKey(key, attribute) as Partial<Values>;
        } catch (error) {
          expect(error).toBeInstanceOf(KeyValueError);
          return;
        }
        expect((Doc.keys({ ...valid, ...parsed } as never) as Record<string, string>)[attribute]).toBe(key);
      }),
      runs,
    );
  });

  it("accepts keys of the entity's own shape (the property above is not vacuous)", () => {
    expect(Doc.parseKey("TENANT#t#CAPSULE#c10#DOC#d", "pk")).toEqual({ tenantId: "t", capsuleId: "c10", docId: "d" });
    expect(Doc.parseKey("x#v1.5", "gsi1sk")).toEqual({ title: "x", version: 1.5 });
    expect(() => Doc.parseKey("V#01", "sk")).toThrow(KeyValueError);
  });
});

describe("scopes never overlap", () => {
  const id = fc.oneof(
    fc.constantFrom("c1", "c10", "c1 ", "C1", "t", "t1"),
    fc.string({ unit: fc.constantFrom("c", "1", "0", "é"), minLength: 1, maxLength: 3 }),
  );

  it("a scope owns no item of another scope, and its partitions never start another scope's prefix", () => {
    fc.assert(
      fc.property(id, id, id, id, (tenantA, capsuleA, tenantB, capsuleB) => {
        fc.pre(tenantA !== tenantB || capsuleA !== capsuleB);
        const scope = (tenant: string, capsule: string) =>
          Doc.scope({ tenantId: tenant as TenantId, capsuleId: capsule as CapsuleId });
        const itemB = Doc.toItem({
          tenantId: tenantB,
          capsuleId: capsuleB,
          docId: "d",
          version: 1,
          tag: "g",
          title: "x",
        } as never);
        expect(scope(tenantA, capsuleA).owns(itemB)).toBe(false);
        const prefixA = `TENANT#${tenantA}#CAPSULE#${capsuleA}`;
        for (const key of [itemB.pk, itemB.gsi1pk])
          expect(key === prefixA || key.startsWith(`${prefixA}#`)).toBe(false);
      }),
      runs,
    );
  });
});

describe("sort-key conditions match exactly the keys they describe", () => {
  const Message = defineEntity({
    name: "Message",
    table: "t",
    schema: z.object({ tenantId: tenantId(), capsuleId: capsuleId(), threadId: z.string(), messageId: z.string() }),
    pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#THREADS",
    sk: "T#${threadId}#M#${messageId}",
  });
  const scope = Message.scope({ tenantId: "t" as TenantId, capsuleId: "c" as CapsuleId });
  const part = fc.string({ unit: fc.constantFrom("a", "1", "0", "T", "M"), minLength: 1, maxLength: 3 });
  const message = fc.record({ threadId: part, messageId: part });
  const sk = (fields: { threadId: string; messageId: string }): string =>
    Message.keys({ tenantId: "t", capsuleId: "c", ...fields } as never).sk;
  /** Whether DynamoDB's key condition of a query would match a sort key. */
  const matches = (
    condition: { KeyConditionExpression: string; ExpressionAttributeValues: Readonly<Record<string, unknown>> },
    key: string,
  ): boolean => {
    const value = condition.ExpressionAttributeValues[":sk"] as string;
    return condition.KeyConditionExpression.includes("begins_with") ? key.startsWith(value) : key === value;
  };

  it("equality on the leading field matches the same thread only (t1 never matches t10)", () => {
    fc.assert(
      fc.property(message, message, (a, b) => {
        expect(matches(scope.query({ sortKey: { threadId: a.threadId } }), sk(b))).toBe(a.threadId === b.threadId);
        expect(matches(scope.query({ sortKey: a }), sk(b))).toBe(
          a.threadId === b.threadId && a.messageId === b.messageId,
        );
      }),
      runs,
    );
  });

  it("beginsWith matches exactly the values with that prefix", () => {
    fc.assert(
      fc.property(part, message, (prefix, b) => {
        expect(matches(scope.query({ sortKey: { threadId: { beginsWith: prefix } } }), sk(b))).toBe(
          b.threadId.startsWith(prefix),
        );
        expect(
          matches(scope.query({ sortKey: { threadId: b.threadId, messageId: { beginsWith: prefix } } }), sk(b)),
        ).toBe(b.messageId.startsWith(prefix));
      }),
      runs,
    );
  });
});
