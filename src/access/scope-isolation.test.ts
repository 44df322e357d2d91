import { z } from "zod";
import { describe, expect, it } from "vitest";
import { defineEntity } from "../kit.js";
import { CapsuleEntityError, IsolationError, KeyValueError } from "../errors.js";
import { capsuleId, tenantId } from "../ids.js";

const t1 = tenantId().parse("t1");
const c1 = capsuleId().parse("c1");
const c10 = capsuleId().parse("c10");
const Note = defineEntity({
  name: "Note",
  table: "platform_data",
  schema: z.object({
    tenantId: tenantId(),
    capsuleId: capsuleId(),
    noteId: z.string(),
    folder: z.string(),
    body: z.string(),
  }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#FOLDER#${folder}",
  sk: "NOTE#${noteId}",
  indexes: { byId: { pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#NOTE#${noteId}" } },
});
const note = { tenantId: t1, capsuleId: c1, noteId: "n1", folder: "inbox", body: "hello" };
const scope = Note.scope({ tenantId: t1, capsuleId: c1 });

describe("scope isolation", () => {
  it("refuses attributes from another capsule or tenant, c1 never matching c10", () => {
    expect(() => scope.put({ ...note, capsuleId: c10 })).toThrow(IsolationError);
    expect(() => scope.put({ ...note, tenantId: tenantId().parse("t2") })).toThrow(IsolationError);
    expect(() => Note.scope({ tenantId: t1, capsuleId: c10 }).put(note)).toThrow(IsolationError);
  });

  it("refuses, at definition, ids the schema may rewrite into another tenant or capsule (trim, toLowerCase)", () => {
    // Before the rule table, such an entity was defined and only scope.put noticed the rewritten ids.
    expect(() => tenantId(z.string().trim())).toThrow("[schema.rewritten] the value of tenantId()");
    expect(() => capsuleId(z.string().toLowerCase())).toThrow("[schema.rewritten] the value of capsuleId()");
  });

  it("refuses ids smuggled into key inputs", () => {
    const smuggled = { noteId: "n1", folder: "inbox", capsuleId: c10 };
    expect(() => scope.get(smuggled)).toThrow("[isolation.foreign]");
    expect(() => scope.keys(smuggled)).toThrow(IsolationError);
    expect(scope.get({ noteId: "n1", folder: "inbox", capsuleId: c1 } as never).Key.pk).toBe(
      "TENANT#t1#CAPSULE#c1#FOLDER#inbox",
    );
  });

  it("refuses unsafe scope ids", () => {
    for (const ids of [
      { tenantId: "", capsuleId: "c" },
      { tenantId: "t", capsuleId: "c#CAPSULE#d" },
      { tenantId: "t", capsuleId: null },
    ]) {
      expect(() => Note.scope(ids as never)).toThrow(KeyValueError);
    }
  });

  it("refuses a scope without the id of every level, naming those it lacks (scope.missingId)", () => {
    const needs = (missing: string) =>
      `[scope.missingId] Note scope needs ${missing} | pass the id of every level down to the entity's own: capsuleId, tenantId | e.g. db.entity(Note).scope({ capsuleId, tenantId })`;
    expect(() => Note.scope({ tenantId: "t" } as never)).toThrow(needs("capsuleId"));
    expect(() => Note.scope({ tenantId: "t", capsuleId: undefined } as never)).toThrow(needs("capsuleId"));
    expect(() => Note.scope({ capsuleId: "c" } as never)).toThrow(needs("tenantId"));
    for (const ids of [{}, null, undefined, "t"]) {
      expect(() => Note.scope(ids as never)).toThrow(CapsuleEntityError);
      expect(() => Note.scope(ids as never)).toThrow(needs("capsuleId, tenantId"));
    }
  });

  it("owns / assertOwns check ids and every partition key", () => {
    const item = Note.toItem(note);
    expect(scope.owns(item)).toBe(true);
    expect(scope.assertOwns(item)).toBe(item);
    const foreign = Note.toItem({ ...note, capsuleId: c10 });
    expect(scope.owns(foreign)).toBe(false);
    expect(() => scope.assertOwns(foreign)).toThrow(IsolationError);
    expect(scope.owns({ ...item, pk: "TENANT#t1#CAPSULE#c10#FOLDER#inbox" })).toBe(false);
    expect(scope.owns({ ...item, byIdpk: "TENANT#t1#CAPSULE#c10#NOTE#n1" })).toBe(false);
    expect(scope.owns({ ...item, pk: "TENANT#t1#CAPSULE#c1" })).toBe(true);
    for (const raw of [null, "x", 1, {}]) expect(scope.owns(raw)).toBe(false);
  });
});

describe("nested and opted-out entities", () => {
  const Complex = defineEntity({
    name: "Complex",
    table: "platform_data",
    schema: z.object({
      context: z.object({ tenantId: tenantId(), capsuleId: capsuleId(), region: z.string() }),
      id: z.string(),
    }),
    pk: "TENANT#${context.tenantId}#CAPSULE#${context.capsuleId}#C#${id}",
    sk: "R#${context.region}",
  });

  it("places the ids inside the nested object, keeping other nested fields", () => {
    const nested = Complex.scope({ tenantId: t1, capsuleId: c1 });
    expect(nested.get({ id: "x", context: { region: "eu" } }).Key).toEqual({
      pk: "TENANT#t1#CAPSULE#c1#C#x",
      sk: "R#eu",
    });
    expect(nested.owns(Complex.toItem({ context: { tenantId: t1, capsuleId: c1, region: "eu" }, id: "x" }))).toBe(true);
    expect(nested.owns(Complex.toItem({ context: { tenantId: t1, capsuleId: c10, region: "eu" }, id: "x" }))).toBe(
      false,
    );
  });

  it("tenant-level entities scope by tenant only; global ones by no ids", () => {
    const Billing = defineEntity({
      name: "Billing",
      table: "platform_data",
      schema: z.object({ tenantId: tenantId(), id: z.string() }),
      pk: "TENANT#${tenantId}#BILLING#${id}",
      isolation: { level: "tenant", reason: "tenant-wide" },
    });
    expect(Billing.scope({ tenantId: t1 }).get({ id: "b" }).Key).toEqual({ pk: "TENANT#t1#BILLING#b" });
    const Country = defineEntity({
      name: "Country",
      table: "platform_data",
      schema: z.object({ code: z.string() }),
      pk: "COUNTRY#${code}",
      isolation: { level: "global", reason: "reference data" },
    });
    expect(Country.scope({}).keys({ code: "DE" })).toEqual({ pk: "COUNTRY#DE" });
    expect(() => Country.scope({ tenantId: t1 } as never)).toThrow(CapsuleEntityError);
    expect(() => Country.scope({ tenantId: t1 } as never)).toThrow("[scope.globalEntity]");
  });
});

describe("a foreign item's message names the scope's level", () => {
  const Document = defineEntity({
    name: "Document",
    table: "platform_data",
    schema: z.object({ tenantId: tenantId(), capsuleId: capsuleId(), docId: z.string() }),
    pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#DOCS",
    sk: "DOC#${docId}",
    indexes: {
      byTenant: {
        pk: "TENANT#${tenantId}#DOCS",
        sk: "${capsuleId}#${docId}",
        isolation: { level: "tenant", reason: "tenant admins list every document" },
      },
    },
  });
  const t2 = tenantId().parse("t2");

  it("a tenant scope of a capsule entity speaks of its tenant and the indexes it reads (it said capsule and put)", () => {
    const everyCapsule = Document.scope({ tenantId: t1 });
    const foreign = Document.toItem({ tenantId: t2, capsuleId: c1, docId: "d1" });
    expect(() => everyCapsule.assertOwns(foreign)).toThrow(
      '[isolation.foreign] the item is tenantId "t2", not "t1", outside this scope\'s TENANT#t1 | this tenant scope reads only its own tenant\'s items, through byTenant | e.g. Document.scope({ tenantId }).query({ index: "byTenant" })',
    );
    expect(() => everyCapsule.readItem(foreign)).toThrow(IsolationError);
    // The capsule scope of the same entity keeps its words.
    expect(() => Document.scope({ tenantId: t1, capsuleId: c10 }).assertOwns(foreign)).toThrow(
      /\| a scope reads and writes only its own capsule \| e\.g\. Document\.scope\(\{ tenantId, capsuleId \}\)\.put/,
    );
  });
});

describe("the scope's ids repeated in a query's partition", () => {
  it("are query.partition, equal to the scope's or not (the compiler's answer: types-tests/compile-fail/access-call-site.ts)", () => {
    const given = (id: string) => () =>
      scope.query({ index: "byId", partition: { noteId: "n1", capsuleId: capsuleId().parse(id) } } as never);
    for (const id of ["c1", "c10"])
      expect(given(id)).toThrow(
        '[query.partition] Note query on index byId partition names "capsuleId", an id the scope already gives: its pk template is "TENANT#${tenantId}#CAPSULE#${capsuleId}#NOTE#${noteId}" | give exactly its fields beyond the scope\'s ids',
      );
    expect(() => scope.query({ partition: { folder: "inbox", tenantId: t1 } } as never)).toThrow(
      /^\[query\.partition\] Note query on the table partition names "tenantId", an id the scope already gives/,
    );
    expect(scope.query({ index: "byId", partition: { noteId: "n1" } }).ExpressionAttributeValues[":pk"]).toBe(
      "TENANT#t1#CAPSULE#c1#NOTE#n1",
    );
  });
});
