import { z } from "zod";
import { describe, expectTypeOf, it } from "vitest";
import type { AnyObjectSchema, FieldKind, InferredObjectSchema, InputOf } from "../src/internal/zod-shape.js";
import { capsuleId, defineIsolation, tenantId } from "capsule-entity";

// InputOf is z.input computed cheaply in the common case: it must be the very same type in every case.
describe("InputOf equals z.input", () => {
  const fields = { tenantId: tenantId(), capsuleId: capsuleId(), id: z.string(), count: z.number() };
  it("plain fields (the fast path)", () => {
    const schema = z.object(fields);
    expectTypeOf<InputOf<typeof schema>>().toEqualTypeOf<z.input<typeof schema>>();
    expectTypeOf<InputOf<typeof schema>>().toEqualTypeOf<{
      tenantId: string;
      capsuleId: string;
      id: string;
      count: number;
    }>();
  });
  it("a transform: the input side, not the output", () => {
    const schema = z.object({ ...fields, when: z.string().transform((value) => new Date(value)) });
    expectTypeOf<InputOf<typeof schema>>().toEqualTypeOf<z.input<typeof schema>>();
    expectTypeOf<InputOf<typeof schema>["when"]>().toEqualTypeOf<string>();
  });
  it("any and unknown fields, and a field schema typed any (read through InputOfField, a cached conditional)", () => {
    const open = z.object({ ...fields, anything: z.any(), something: z.unknown() });
    expectTypeOf<InputOf<typeof open>>().toEqualTypeOf<z.input<typeof open>>();
    const untyped = z.object({ ...fields, loose: z.string() as any });
    expectTypeOf<InputOf<typeof untyped>>().toEqualTypeOf<z.input<typeof untyped>>();
    expectTypeOf<InputOf<typeof untyped>["loose"]>().toBeAny();
  });
  it("optional and defaulted fields stay optional", () => {
    const schema = z.object({ ...fields, note: z.string().optional(), size: z.number().default(1) });
    expectTypeOf<InputOf<typeof schema>>().toEqualTypeOf<z.input<typeof schema>>();
    expectTypeOf<InputOf<typeof schema>>().toHaveProperty("note").toEqualTypeOf<string | undefined>();
  });
  it("loose, strict and catchall objects", () => {
    const loose = z.looseObject(fields);
    const strict = z.strictObject(fields);
    const catchall = z.object(fields).catchall(z.number());
    expectTypeOf<InputOf<typeof loose>>().toEqualTypeOf<z.input<typeof loose>>();
    expectTypeOf<InputOf<typeof strict>>().toEqualTypeOf<z.input<typeof strict>>();
    expectTypeOf<InputOf<typeof catchall>>().toEqualTypeOf<z.input<typeof catchall>>();
  });
  it("an object with no fields: zod's Record<string, never>, not {} (which takes any non-nullish value)", () => {
    const empty = z.object({});
    expectTypeOf<InputOf<typeof empty>>().toEqualTypeOf<z.input<typeof empty>>();
    expectTypeOf<string>().not.toExtend<InputOf<typeof empty>>();
  });
  it("a field typed as a union of a required and an optional schema", () => {
    const schema = z.object({ ...fields, either: Math.random() > 0.5 ? z.string() : z.string().optional() });
    expectTypeOf<InputOf<typeof schema>>().toEqualTypeOf<z.input<typeof schema>>();
  });
  it("readonly fields and nested objects", () => {
    const schema = z.object({
      ...fields,
      context: z.object({ region: z.string() }),
      tags: z.array(z.string()).readonly(),
    });
    expectTypeOf<InputOf<typeof schema>>().toEqualTypeOf<z.input<typeof schema>>();
  });
});

// A kit's ids are key parts like tenantId() / capsuleId(): `${workspaceId}` in a sort key compiles (it was refused
// with key.notScalar while the runtime accepted it). The refusals keep their tests in compile-fail/entity-keys.ts.
describe("FieldKind of ids", () => {
  it("the default kit's and a kit's ids are string key parts", () => {
    const kit = defineIsolation({
      levels: [
        { name: "org", field: "orgId", label: "ORG" },
        { name: "workspace", field: "workspaceId", label: "WS" },
      ],
    });
    expectTypeOf<FieldKind<ReturnType<typeof capsuleId>>>().toEqualTypeOf<"string">();
    expectTypeOf<FieldKind<ReturnType<typeof kit.ids.orgId>>>().toEqualTypeOf<"string">();
    expectTypeOf<FieldKind<ReturnType<typeof kit.ids.workspaceId>>>().toEqualTypeOf<"string">();
  });
});

// defineEntity infers its schema against InferredObjectSchema, AnyObjectSchema written as a union for the compiler's
// sake (zod-shape.ts): it must take exactly the schemas AnyObjectSchema takes.
describe("InferredObjectSchema takes what AnyObjectSchema takes", () => {
  const fields = { tenantId: tenantId(), capsuleId: capsuleId(), id: z.string() };
  it("each is assignable to the other", () => {
    expectTypeOf<AnyObjectSchema>().toExtend<InferredObjectSchema>();
    expectTypeOf<InferredObjectSchema>().toExtend<AnyObjectSchema>();
  });
  it("object schemas of every kind pass", () => {
    const schemas = [
      z.object(fields),
      z.strictObject(fields),
      z.looseObject(fields),
      z.object(fields).extend({ note: z.string().optional() }),
      z.object(fields).refine(() => true),
      z.object(fields).brand<"Entity">(),
    ] as const;
    expectTypeOf<(typeof schemas)[number]>().toExtend<InferredObjectSchema>();
    expectTypeOf<(typeof schemas)[number]>().toExtend<AnyObjectSchema>();
  });
  it("other schemas fail both, each on its own (a union would fail if any member failed)", () => {
    const text = z.string();
    const transformed = z.object(fields).transform((value) => value);
    const list = z.array(z.object(fields));
    expectTypeOf<typeof text>().not.toExtend<InferredObjectSchema>();
    expectTypeOf<typeof text>().not.toExtend<AnyObjectSchema>();
    expectTypeOf<typeof transformed>().not.toExtend<InferredObjectSchema>();
    expectTypeOf<typeof transformed>().not.toExtend<AnyObjectSchema>();
    expectTypeOf<typeof list>().not.toExtend<InferredObjectSchema>();
    expectTypeOf<typeof list>().not.toExtend<AnyObjectSchema>();
  });
});
