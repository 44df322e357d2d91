import { z } from "zod";
import { describe, expectTypeOf, it } from "vitest";
import { capsuleId, tenantId } from "capsule-entity";
import type { KeyTemplateProblem, KeyType, PathKind, TemplatePaths } from "../src/keys/key-template.js";

const schema = z.object({
  tenantId: tenantId(),
  capsuleId: capsuleId(),
  id: z.string(),
  count: z.number(),
  kind: z.enum(["a", "b"]),
  flag: z.boolean(),
  maybe: z.string().optional(),
  either: z.union([z.string(), z.number()]),
  anything: z.any(),
  context: z.object({ region: z.string() }),
  trimmed: z.string().trim().min(1),
  branded: z.string().brand<"Code">(),
  email: z.email(),
  integer: z.number().int(),
  hashLiteral: z.literal("a#b"),
  lazyString: z.lazy(() => z.string()),
  defaulted: z.number().default(0),
  optionalContext: z.object({ region: z.string() }).optional(),
});
type Shape = typeof schema.shape;

describe("PathKind", () => {
  it("names required strings and numbers, top level and one level down", () => {
    expectTypeOf<PathKind<Shape, "id">>().toEqualTypeOf<"string">();
    expectTypeOf<PathKind<Shape, "tenantId">>().toEqualTypeOf<"string">();
    expectTypeOf<PathKind<Shape, "kind">>().toEqualTypeOf<"string">();
    expectTypeOf<PathKind<Shape, "count">>().toEqualTypeOf<"number">();
    expectTypeOf<PathKind<Shape, "context.region">>().toEqualTypeOf<"string">();
  });
  it("decides z.string() and z.number() by their types (fast path) as the general rule would", () => {
    expectTypeOf<PathKind<Shape, "trimmed">>().toEqualTypeOf<"string">();
    expectTypeOf<PathKind<Shape, "branded">>().toEqualTypeOf<"string">();
    expectTypeOf<PathKind<Shape, "email">>().toEqualTypeOf<"string">();
    expectTypeOf<PathKind<Shape, "integer">>().toEqualTypeOf<"number">();
    expectTypeOf<PathKind<Shape, "hashLiteral">>().toBeNever();
    expectTypeOf<PathKind<Shape, "lazyString">>().toBeNever();
    expectTypeOf<PathKind<Shape, "defaulted">>().toBeNever();
    // A field whose type is `any` says nothing about the schema: not a key part.
    expectTypeOf<PathKind<{ loose: any }, "loose">>().toBeNever(); // eslint-disable-line @typescript-eslint/no-explicit-any
  });
  it("decides z.string() and z.number() narrowed by a type-predicate refine by their output, as the general rule would", () => {
    // `.refine((s): s is T => …)` returns `this & ZodType<T>`: still a ZodString, whose output is T.
    const narrowed = z.object({
      empty: z.string().refine((s): s is "" => s === ""),
      hash: z.string().refine((s): s is "a#b" => s === "a#b"),
      hashes: z.string().refine((s): s is `${string}#${string}` => s.includes("#")),
      none: z.string().refine((s): s is never => typeof s !== "string"),
      loose: z.string().refine((s): s is any => s === s), // eslint-disable-line @typescript-eslint/no-explicit-any
      one: z.string().refine((s): s is "a" => s === "a"),
      noNumber: z.number().refine((n): n is never => typeof n !== "number"),
      anyNumber: z.number().refine((n): n is any => n === n), // eslint-disable-line @typescript-eslint/no-explicit-any
      oneNumber: z.number().refine((n): n is 1 => n === 1),
      eitherLooseOrNumber: Math.random() > 0.5 ? z.string().refine((s): s is any => s === s) : z.number(), // eslint-disable-line @typescript-eslint/no-explicit-any
    });
    type Narrowed = typeof narrowed.shape;
    expectTypeOf<PathKind<Narrowed, "empty">>().toBeNever();
    expectTypeOf<PathKind<Narrowed, "hash">>().toBeNever();
    expectTypeOf<PathKind<Narrowed, "hashes">>().toBeNever();
    expectTypeOf<PathKind<Narrowed, "none">>().toBeNever();
    expectTypeOf<PathKind<Narrowed, "loose">>().toBeNever();
    expectTypeOf<PathKind<Narrowed, "one">>().toEqualTypeOf<"string">();
    expectTypeOf<PathKind<Narrowed, "noNumber">>().toBeNever();
    expectTypeOf<PathKind<Narrowed, "anyNumber">>().toBeNever();
    expectTypeOf<PathKind<Narrowed, "oneNumber">>().toEqualTypeOf<"number">();
    expectTypeOf<PathKind<Narrowed, "eitherLooseOrNumber">>().toEqualTypeOf<"number">();
  });
  it("is never for anything that cannot be a key part", () => {
    expectTypeOf<PathKind<Shape, "flag">>().toBeNever();
    expectTypeOf<PathKind<Shape, "maybe">>().toBeNever();
    expectTypeOf<PathKind<Shape, "either">>().toBeNever();
    expectTypeOf<PathKind<Shape, "anything">>().toBeNever();
    expectTypeOf<PathKind<Shape, "context">>().toBeNever();
    expectTypeOf<PathKind<Shape, "optionalContext.region">>().toBeNever();
    expectTypeOf<PathKind<Shape, "missing">>().toBeNever();
    expectTypeOf<PathKind<Shape, "context.region.deeper">>().toBeNever();
  });
});

describe("KeyTemplateProblem", () => {
  it("is never for good templates, including ones without placeholders", () => {
    expectTypeOf<KeyTemplateProblem<"ROLE#${id}#N#${count}", Shape, "sk">>().toBeNever();
    expectTypeOf<KeyTemplateProblem<"METADATA", Shape, "sk">>().toBeNever();
    expectTypeOf<KeyTemplateProblem<"", Shape, "sk">>().toBeNever();
    expectTypeOf<KeyTemplateProblem<"v${count}x#${context.region}", Shape, "sk">>().toBeNever();
  });
  it("reports the first problem, left to right", () => {
    expectTypeOf<
      KeyTemplateProblem<"A#${idd}#${}", Shape, "sk">
    >().toEqualTypeOf<'[key.unknownField] sk placeholder ${idd} names no field of the schema | spell a top-level field, or parent.field one level down, as the schema does | e.g. "ROLE#${id}" with id: z.string()'>();
    expectTypeOf<
      KeyTemplateProblem<"A#${}#${idd}", Shape, "sk">
    >().toEqualTypeOf<'[key.emptyPlaceholder] sk "A#${}#${idd}" has an empty ${} | name a field inside it | e.g. "ROLE#${id}"'>();
  });
  it("treats a plain string as unknown content, not as a pass", () => {
    // `string` has no literal structure; CheckKey reports key.notLiteral before walking.
    expectTypeOf<KeyTemplateProblem<string, Shape, "sk">>().toBeNever();
  });
});

describe("KeyType and TemplatePaths", () => {
  it("replaces placeholders by ${string} / ${number}", () => {
    expectTypeOf<KeyType<"A#${id}#B#${count}", Shape>>().toEqualTypeOf<`A#${string}#B#${number}`>();
    expectTypeOf<KeyType<"METADATA", Shape>>().toEqualTypeOf<"METADATA">();
  });
  it("lists the paths as a union", () => {
    expectTypeOf<TemplatePaths<"A#${id}#B#${context.region}">>().toEqualTypeOf<"id" | "context.region">();
    expectTypeOf<TemplatePaths<"METADATA">>().toBeNever();
  });
  it("distributes over a union of templates", () => {
    expectTypeOf<TemplatePaths<"A#${id}" | "B#${count}">>().toEqualTypeOf<"id" | "count">();
  });
});
