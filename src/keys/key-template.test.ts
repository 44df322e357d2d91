import { z } from "zod";
import { describe, expect, it } from "vitest";
import { capsuleId, tenantId } from "../ids.js";
import { parseKeyTemplate, pathKind } from "./key-template.js";
import { EntityDefinitionError } from "../errors.js";

const shape = z.object({
  tenantId: tenantId(),
  capsuleId: capsuleId(),
  id: z.string(),
  count: z.int(),
  kind: z.enum(["a", "b"]),
  lit: z.literal(7),
  flag: z.boolean(),
  maybe: z.string().optional(),
  nullable: z.string().nullable(),
  either: z.union([z.string(), z.number()]),
  anything: z.any(),
  context: z.object({ region: z.string() }),
  optionalContext: z.object({ region: z.string() }).optional(),
}).shape;

describe("pathKind", () => {
  it.each([
    ["id", "string"],
    ["tenantId", "string"],
    ["kind", "string"],
    ["count", "number"],
    ["lit", "number"],
    ["context.region", "string"],
  ])("%s is a %s key part", (path, kind) => expect(pathKind(shape, path)).toBe(kind));

  it.each([
    "flag",
    "maybe",
    "nullable",
    "either",
    "anything",
    "context",
    "optionalContext.region",
    "missing",
    "context.region.x",
    "__proto__",
    "toString",
    "constructor.name",
  ])("%s is not a key part", (path) => expect(pathKind(shape, path)).toBeUndefined());
});

describe("parseKeyTemplate", () => {
  it("splits literals and placeholders", () => {
    expect(parseKeyTemplate("TENANT#${tenantId}#N#v${count}x#${context.region}", shape, "pk")).toEqual({
      template: "TENANT#${tenantId}#N#v${count}x#${context.region}",
      literals: ["TENANT#", "#N#v", "x#", ""],
      paths: ["tenantId", "count", "context.region"],
      kinds: ["string", "number", "string"],
    });
    expect(parseKeyTemplate("METADATA", shape, "sk").paths).toEqual([]);
  });

  it.each([
    ["A#${id", "[key.unclosedPlaceholder]"],
    ["A#${id}#${", "[key.unclosedPlaceholder]"],
    ["A#${a${id}", "[key.unclosedPlaceholder]"],
    ["A#${}", "[key.emptyPlaceholder]"],
    ["${id}${count}", "[key.sharedSegment]"],
    ["${id}-${count}", "[key.sharedSegment]"],
    ["A#${idd}", "[key.unknownField]"],
    ["A#${flag}", "[key.notScalar]"],
    ["A#${optionalContext.region}", "[key.notScalar]"],
    ["A#${context.region.x}", "[key.unknownField]"],
  ])("rejects %j with %s", (template, code) => {
    expect(() => parseKeyTemplate(template, shape, "sk")).toThrow(EntityDefinitionError);
    expect(() => parseKeyTemplate(template, shape, "sk")).toThrow(code);
  });

  it("reports the first problem left to right, as the type level does", () => {
    expect(() => parseKeyTemplate("A#${idd}#${}", shape, "sk")).toThrow("[key.unknownField] sk placeholder ${idd}");
    expect(() => parseKeyTemplate("A#${}#${idd}", shape, "sk")).toThrow("[key.emptyPlaceholder]");
  });
});
