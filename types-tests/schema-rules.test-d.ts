// Pins the type level to the rule table (src/internal/schema-rules.ts): one sample schema per entry, whose
// FieldKind must be what the table says (the runtime twin, scalarKind, is pinned to the same samples in
// src/entity/rules-table.test.ts), and the spelled-out index-name characters equal to the runtime's string.
import { describe, expectTypeOf, it } from "vitest";
import { z } from "zod";
import type { FieldKind } from "../src/internal/zod-shape.js";
import type { indexNameCharacters } from "../src/internal/schema-rules.js";
import type { IndexNameCharacter, IsBlank, IsIndexName, RuleOf } from "../src/internal/schema-rules.js";

type Split<TText extends string, TFound extends string = never> = TText extends `${infer THead}${infer TRest}`
  ? Split<TRest, TFound | THead>
  : TFound;

describe("the rule table at the type level", () => {
  it("decides scalar entries by their output", () => {
    expectTypeOf<RuleOf<"string", "key">>().toEqualTypeOf<"scalar">();
    expectTypeOf<FieldKind<z.ZodString>>().toEqualTypeOf<"string">();
    expectTypeOf<FieldKind<z.ZodNumber>>().toEqualTypeOf<"number">();
    expectTypeOf<FieldKind<z.ZodEnum<{ a: "a"; b: "b" }>>>().toEqualTypeOf<"string">();
    expectTypeOf<FieldKind<z.ZodLiteral<"x">>>().toEqualTypeOf<"string">();
    expectTypeOf<FieldKind<z.ZodLiteral<"a#b">>>().toBeNever();
  });
  it("looks through inner wrappers, and refuses every other entry", () => {
    expectTypeOf<FieldKind<z.ZodReadonly<z.ZodString>>>().toEqualTypeOf<"string">();
    expectTypeOf<FieldKind<z.ZodNonOptional<z.ZodString>>>().toEqualTypeOf<"string">();
    expectTypeOf<FieldKind<z.ZodNonOptional<z.ZodOptional<z.ZodString>>>>().toBeNever();
    expectTypeOf<FieldKind<z.ZodPipe<z.ZodString, z.ZodTransform<string, string>>>>().toBeNever();
    expectTypeOf<FieldKind<z.ZodCatch<z.ZodString>>>().toBeNever();
    expectTypeOf<FieldKind<z.ZodUnion<[z.ZodLiteral<"a">, z.ZodLiteral<"b">]>>>().toBeNever();
    expectTypeOf<FieldKind<z.ZodIntersection<z.ZodString, z.ZodString>>>().toBeNever();
    expectTypeOf<FieldKind<z.ZodCustom<string, string>>>().toBeNever();
    expectTypeOf<FieldKind<z.ZodLazy<z.ZodString>>>().toBeNever();
    expectTypeOf<FieldKind<z.ZodNaN>>().toBeNever();
    expectTypeOf<FieldKind<ReturnType<typeof z.coerce.number>>>().toBeNever();
  });
  it("spells the index-name characters as the runtime's string has them", () => {
    expectTypeOf<Split<typeof indexNameCharacters>>().toEqualTypeOf<IndexNameCharacter>();
    expectTypeOf<IsIndexName<"gsi1">>().toEqualTypeOf<true>();
    expectTypeOf<IsIndexName<"ab">>().toEqualTypeOf<false>();
    expectTypeOf<IsIndexName<"by role">>().toEqualTypeOf<false>();
    // What is not one literal: a `string` passes (its templates report it), a union is decided member by member, a
    // pattern is refused where it is not a character. Every length and character: index-names.generated.test.ts.
    expectTypeOf<IsIndexName<string>>().toEqualTypeOf<true>();
    expectTypeOf<IsIndexName<"ab" | "gsi1">>().toEqualTypeOf<boolean>();
    expectTypeOf<IsIndexName<"gsi1" | "byStatus">>().toEqualTypeOf<true>();
    expectTypeOf<IsIndexName<`by${string}`>>().toEqualTypeOf<false>();
    expectTypeOf<IsIndexName<never>>().toBeNever();
  });
  it("finds a reason blank when it holds only invisible characters", () => {
    expectTypeOf<IsBlank<" \u200b\t">>().toEqualTypeOf<true>();
    expectTypeOf<IsBlank<" x ">>().toEqualTypeOf<false>();
  });
});
