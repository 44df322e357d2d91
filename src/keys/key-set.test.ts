/**
 * The generated key set and its interpreted fallback (zod's `jitless`) do the same thing: same keys, same
 * refusals with the same messages, same read-back verdicts; and no definition string ever becomes code.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineEntity } from "../kit.js";
import { capsuleId, tenantId } from "../ids.js";

const schema = z.object({
  tenantId: tenantId(),
  capsuleId: capsuleId(),
  id: z.string(),
  version: z.number(),
  context: z.object({ region: z.string() }),
});
const definition = {
  name: "Doc",
  schema,
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#DOC#${id}",
  sk: "V#${version}#${context.region}",
  indexes: {
    byRegion: { pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#R#${context.region}", sk: "${version}" },
    plain: { pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}", sk: "FIXED" },
  },
} as const;

/** An entity defined while zod's `jitless` is on: its key set runs interpreted. */
function defineInterpreted(): typeof Generated {
  const jitless = z.config().jitless;
  z.config({ jitless: true });
  try {
    return defineEntity(definition);
  } finally {
    z.config({ jitless });
  }
}
const Generated = defineEntity(definition);
const Interpreted = defineInterpreted();

/** The result of an operation, or its error's class and message. */
function outcome(run: () => unknown): unknown {
  try {
    return { value: run() };
  } catch (error) {
    return error instanceof Error ? { error: error.constructor.name, message: error.message } : { thrown: error };
  }
}

const piece = fc.oneof(fc.constantFrom("", "#", "a", "\uD800", "${", "__proto__"), fc.string({ maxLength: 4 }));
const text = fc.array(piece, { maxLength: 3 }).map((parts) => parts.join(""));
const anyValue = fc.oneof(text, fc.double(), fc.constantFrom(undefined, null, 0, -0, {}, [], true));
const hostile = fc.record(
  {
    tenantId: anyValue,
    capsuleId: anyValue,
    id: anyValue,
    version: anyValue,
    context: fc.oneof(fc.record({ region: anyValue }), anyValue),
  },
  { requiredKeys: [] },
);
// Mostly valid inputs with at most one field replaced, so that items are built and read back often.
const part = fc.stringMatching(/^[a-z0-9]{1,3}$/);
const valid = fc.record({
  tenantId: part,
  capsuleId: part,
  id: part,
  version: fc.integer({ min: -5, max: 50 }),
  context: fc.record({ region: part }),
});
const input = fc.oneof(
  valid,
  fc
    .tuple(valid, hostile)
    .map(([values, replaced]) => ({ ...values, ...Object.fromEntries(Object.entries(replaced).slice(0, 1)) })),
  hostile,
);

describe("generated and interpreted key sets agree", () => {
  it("keys(): same keys or the same refusal", () => {
    fc.assert(
      fc.property(input, (values) => {
        expect(outcome(() => Generated.keys(values as never))).toEqual(
          outcome(() => Interpreted.keys(values as never)),
        );
      }),
      { numRuns: 2_000 },
    );
  });

  it("toItem() and fromItem() of the item, and of the item with a tampered key", () => {
    let built = 0;
    const tamper = fc.record({
      attribute: fc.constantFrom(
        "pk",
        "sk",
        "byRegionpk",
        "byRegionsk",
        "plainpk",
        "plainsk",
        "tenantId",
        "id",
        "version",
        "entityType",
      ),
      value: fc.oneof(anyValue, text),
    });
    fc.assert(
      fc.property(input, tamper, (values, { attribute, value }) => {
        const item = outcome(() => Generated.toItem(values as never));
        expect(item).toEqual(outcome(() => Interpreted.toItem(values as never)));
        if (!("value" in (item as object))) return;
        built += 1;
        const stored = JSON.parse(JSON.stringify((item as { value: object }).value)) as Record<string, unknown>;
        expect(outcome(() => Generated.fromItem(stored))).toEqual(outcome(() => Interpreted.fromItem(stored)));
        const tampered = { ...stored, [attribute]: value };
        expect(outcome(() => Generated.fromItem(tampered))).toEqual(outcome(() => Interpreted.fromItem(tampered)));
      }),
      { numRuns: 2_000 },
    );
    expect(built).toBeGreaterThan(500);
  });

  it("reads own properties only, as before", () => {
    const inherited = Object.assign(Object.create({ id: "inherited" }) as object, {
      tenantId: "t",
      capsuleId: "c",
      version: 1,
      context: { region: "eu" },
    });
    expect(outcome(() => Generated.keys(inherited as never))).toEqual(
      outcome(() => Interpreted.keys(inherited as never)),
    );
    expect(() => Generated.keys(inherited as never)).toThrow("is not a string");
  });
});

describe("definition strings are data, never code", () => {
  it("a field name and literals written as code build plain keys", () => {
    // Were either spliced into the generated source, it would not compile, or would throw.
    const field = 'a"]; throw 1; //';
    const literal = "`; throw 2; ` ' \" \\ \u2028 ";
    const Hostile = defineEntity({
      name: "Hostile",
      schema: z.object({ tenantId: tenantId(), capsuleId: capsuleId(), [field]: z.string() }),
      pk: `TENANT#\${tenantId}#CAPSULE#\${capsuleId}#${literal}\${${field}}`,
    } as never) as { keys(input: unknown): { pk: string } };
    expect(Hostile.keys({ tenantId: "t", capsuleId: "c", [field]: "x" }).pk).toBe(`TENANT#t#CAPSULE#c#${literal}x`);
  });
});
