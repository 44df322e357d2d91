import { z } from "zod";
import { describe, expect, it } from "vitest";
import { capsuleId, tenantId } from "../ids.js";
import { compileKeyCodec } from "./key-codec.js";
import { parseKeyTemplate } from "./key-template.js";
import { KeyValueError } from "../errors.js";

const shape = z.object({
  tenantId: tenantId(),
  capsuleId: capsuleId(),
  id: z.string(),
  v: z.number(),
  context: z.object({ region: z.string() }),
}).shape;
const codec = (template: string) => compileKeyCodec(parseKeyTemplate(template, shape, "pk"), "pk", true);
const pk = codec("TENANT#${tenantId}#CAPSULE#${capsuleId}#DOC#${id}#v${v}#${context.region}");
const values = { tenantId: "t1", capsuleId: "c1", id: "d1", v: 12, context: { region: "eu" } };

describe("compileKeyCodec", () => {
  it("builds and parses back exactly", () => {
    const key = pk.build(values);
    expect(key).toBe("TENANT#t1#CAPSULE#c1#DOC#d1#v12#eu");
    expect(pk.parse(key)).toEqual(values);
  });

  it("keeps values as they are: no case folding, no escaping", () => {
    const key = pk.build({ ...values, id: "Ünïcödé ${x} \u0000 CAPSULE" });
    expect(key).toBe("TENANT#t1#CAPSULE#c1#DOC#Ünïcödé ${x} \u0000 CAPSULE#v12#eu");
    expect(pk.parse(key)).toEqual({ ...values, id: "Ünïcödé ${x} \u0000 CAPSULE" });
  });

  it.each([
    [{ id: "" }, "is empty"],
    [{ id: "a#CAPSULE#b" }, 'contains "#"'],
    [{ id: "\uD800" }, "not well-formed"],
    [{ id: 5 }, "is not a string"],
    [{ v: "12" }, "is not a number"],
    [{ v: Number.NaN }, "is not a finite number"],
    [{ v: Number.POSITIVE_INFINITY }, "is not a finite number"],
    [{ context: undefined }, "is not a string"],
    [{ tenantId: "a#b" }, 'contains "#"'],
  ])("refuses %j (%s)", (override, problem) => {
    expect(() => pk.build({ ...values, ...override })).toThrow(KeyValueError);
    expect(() => pk.build({ ...values, ...override })).toThrow(problem);
  });

  it("separates what delimiter injection would merge", () => {
    const capsule = codec("TENANT#${tenantId}#CAPSULE#${capsuleId}");
    expect(() => capsule.build({ tenantId: "a#CAPSULE#b", capsuleId: "c" })).toThrow(KeyValueError);
    expect(capsule.build({ tenantId: "a", capsuleId: "b#CAPSULE#c".replaceAll("#", "_") })).toBe(
      "TENANT#a#CAPSULE#b_CAPSULE_c",
    );
  });

  it("normalises -0 to 0 so parse(build(x)) builds the same key", () => {
    expect(pk.build({ ...values, v: -0 })).toBe(pk.build({ ...values, v: 0 }));
  });

  it.each([
    "TENANT#t1#CAPSULE#c1#DOC#d1#v12",
    "TENANT#t1#CAPSULE#c1#DOC#d1#v12#eu#extra",
    "tenant#t1#CAPSULE#c1#DOC#d1#v12#eu",
    "TENANT##CAPSULE#c1#DOC#d1#v12#eu",
    "TENANT#t1#CAPSULE#c1#DOC#d1#v012#eu",
    "TENANT#t1#CAPSULE#c1#DOC#d1#v1e1#eu",
    "TENANT#t1#CAPSULE#c1#DOC#d1#x12#eu",
    "TENANT#t1#CAPSULE#c1#DOC#d1#vNaN#eu",
    "TENANT#t1#CAPSULE#c1#DOC#d1#vInfinity#eu",
  ])("refuses to parse %j", (key) => {
    expect(() => pk.parse(key)).toThrow(KeyValueError);
  });

  it("checks key shapes with a template-literal schema from the same parse", () => {
    expect(pk.schema.safeParse("TENANT#t1#CAPSULE#c1#DOC#d1#v12#eu").success).toBe(true);
    expect(pk.schema.safeParse("TENANT#t1#DOC#d1#v12#eu").success).toBe(false);
    expect(pk.schema.safeParse(42).success).toBe(false);
  });
});
