/**
 * The validator's key scan (src/internal/key-values.ts: a top-level pre-pass, then the compiled scan) against a
 * straightforward reference scan written from the contract, over generated events: random nesting, arrays,
 * shared and cyclic objects, key-shaped strings in every position (agreeing, disagreeing at each level, cut
 * short, with another kit's labels), ids missing, nested, not strings or with `#`, under the default limits
 * and small ones, for every level of a one-, two- and three-level kit and the default kit. Findings (key
 * mismatches and incomplete scans, with their messages, in order) must be identical.
 *
 * The contract the reference follows: a string is key-shaped when it starts with the first level's label and
 * `#`; its id segments run to the next `#`; the levels are followed while each is joined by its label; the
 * first level whose segment differs from the detail's own id (a string, read at the level's path) is reported,
 * unless the value is that id itself. Own enumerable properties only, depth first; each object's values are
 * counted against the budget before any is read; an object past the depth limit stops the scan; an object seen
 * before is skipped. A detail with no id at all is not scanned.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineEntity as defineDefaultEntity, defineIsolation } from "../kit.js";
import { capsuleId, tenantId } from "../ids.js";
import { defineEvent as defineDefaultEvent } from "./define-event.js";
import { createEventValidator, type EventValidator } from "./event-validator.js";
import { keyIdMismatchMessage, scanIncompleteMessage } from "../messages.js";
import { describeValue } from "../internal/describe.js";

interface KitLevel {
  readonly name: string;
  readonly field: string;
  readonly label: string;
}

const kits: readonly (readonly KitLevel[])[] = [
  [{ name: "account", field: "accountId", label: "ACCOUNT" }],
  [
    { name: "org", field: "orgId", label: "ORG" },
    { name: "workspace", field: "workspaceId", label: "WS" },
  ],
  [
    { name: "org", field: "orgId", label: "ORG" },
    { name: "project", field: "projectId", label: "PRJ" },
    { name: "environment", field: "envId", label: "ENV" },
  ],
  // The default kit (the top-level exports).
  [
    { name: "tenant", field: "tenantId", label: "TENANT" },
    { name: "capsule", field: "capsuleId", label: "CAPSULE" },
  ],
];

type IdSchemas = Record<string, () => z.ZodType>;
interface KitApi {
  readonly defineEntity: (definition: unknown) => { event(verb: string, options?: unknown): unknown };
  readonly defineEvent: (definition: unknown) => unknown;
  readonly ids: IdSchemas;
}

/** The kit under test: `defineIsolation` for custom levels, the top-level exports for the default kit. */
function kitOf(levels: readonly KitLevel[]): KitApi {
  if (levels[0]!.label === "TENANT")
    return {
      defineEntity: defineDefaultEntity as unknown as KitApi["defineEntity"],
      defineEvent: defineDefaultEvent as unknown as KitApi["defineEvent"],
      ids: { tenantId, capsuleId },
    };
  return defineIsolation({ levels: levels as never }) as unknown as KitApi;
}

/** One declared event type: where its level ids sit (one per level it is isolated to, outermost first). */
interface Declared {
  readonly type: string;
  readonly entity: string;
  /** Keys of each level's id inside `detail`. */
  readonly idPaths: readonly (readonly string[])[];
}

/**
 * Three event types per kit: an entity's event (ids at the top of the detail), one with its ids nested in
 * `ctx`, and one isolated to the outermost level only (fewer levels than the kit).
 */
function declare(levels: readonly KitLevel[]): { validators: EventValidator[]; declared: Declared[] } {
  const kit = kitOf(levels);
  const idShape = Object.fromEntries(levels.map((level) => [level.field, kit.ids[level.field]!()]));
  const Item = kit.defineEntity({
    name: "Item",
    schema: z.object({ ...idShape, itemId: z.string() }),
    pk: `${levels.map((level) => `${level.label}#\${${level.field}}`).join("#")}#ITEM#\${itemId}`,
    sk: "META",
  });
  const Created = Item.event("Created", { detail: z.object({ pk: z.string().optional() }) });
  const Linked = kit.defineEvent({
    type: "ItemLinked",
    detail: z.object({ ctx: z.object(idShape), links: z.array(z.string()).optional() }),
  });
  const outer = levels[0]!;
  const Outer = kit.defineEvent({
    type: "OuterTouched",
    ...(levels.length > 1 ? { isolation: { level: outer.name, reason: "spans the inner levels" } } : {}),
    detail: z.object({ [outer.field]: kit.ids[outer.field]!(), ref: z.string().optional() }),
  });
  const events = [Created, Linked, Outer] as never[];
  const declared: Declared[] = [
    { type: "ItemCreated", entity: "Item", idPaths: levels.map((level) => [level.field]) },
    { type: "ItemLinked", entity: "Entity", idPaths: levels.map((level) => ["ctx", level.field]) },
    { type: "OuterTouched", entity: "Entity", idPaths: [[outer.field]] },
  ];
  const validators = [
    createEventValidator({ events }),
    createEventValidator({ events, scan: { values: 12, depth: 4 } }),
    createEventValidator({ events, scan: { values: 40, depth: 2 } }),
  ];
  return { validators, declared };
}

/** Limits of the validators made by {@link declare}, in order. */
const limitsOf = [
  { values: 10_000, depth: 32 },
  { values: 12, depth: 4 },
  { values: 40, depth: 2 },
];

/** An own property's value along `keys`, else undefined. */
function readOwn(value: unknown, keys: readonly string[]): unknown {
  for (const key of keys)
    value =
      typeof value === "object" && value !== null && Object.hasOwn(value, key) ? (value as never)[key] : undefined;
  return value;
}

/** The findings of the reference scan, as the validator words them, in the order it reports them. */
function referenceFindings(
  levels: readonly KitLevel[],
  declared: Declared,
  detail: unknown,
  limits: { values: number; depth: number },
): string[] {
  if (typeof detail !== "object" || detail === null || Array.isArray(detail)) return [];
  const labels = levels.slice(0, declared.idPaths.length).map((level) => level.label);
  const ids = declared.idPaths.map((keys) => {
    const id = readOwn(detail, keys);
    return typeof id === "string" ? id : undefined;
  });
  if (ids.every((id) => id === undefined)) return [];
  const idPaths = declared.idPaths.map((keys) => `detail.${keys.join(".")}`);
  const findings: string[] = [];
  let budget = limits.values;
  const seen = new Set<object>([detail]);
  const walk = (holder: object, path: string, depth: number): boolean => {
    const keys = Object.keys(holder);
    budget -= keys.length;
    if (budget < 0) return false;
    for (const key of keys) {
      const value: unknown = (holder as Record<string, unknown>)[key];
      const valuePath = `${path}.${key}`;
      if (typeof value === "string") {
        const parts = value.split("#");
        if (parts[0] !== labels[0] || parts.length < 2) continue;
        for (let level = 0; level < labels.length; level++) {
          // parts: LABEL0, id0, LABEL1, id1, …; a level counts when its label is followed by `#`.
          if (level > 0 && (parts[2 * level] !== labels[level] || parts.length < 2 * level + 2)) break;
          const keyId = parts[2 * level + 1]!;
          const id = ids[level];
          if (id === undefined || keyId === id) continue;
          if (!idPaths.includes(valuePath))
            findings.push(
              keyIdMismatchMessage(
                declared.type,
                valuePath,
                labels[level]!,
                describeValue(keyId),
                idPaths[level]!,
                describeValue(id),
                declared.entity,
              ),
            );
          break;
        }
      } else if (typeof value === "object" && value !== null) {
        if (depth + 1 >= limits.depth) return false;
        if (seen.has(value)) continue;
        seen.add(value);
        if (!walk(value, valuePath, depth + 1)) return false;
      }
    }
    return true;
  };
  if (!walk(detail, "detail", 0)) {
    const fields = [...new Set(declared.idPaths.map((keys) => keys[0]!))].join(", ");
    findings.push(scanIncompleteMessage(declared.type, `${limits.values} values, depth ${limits.depth}`, fields));
  }
  return findings;
}

describe.each(kits)("the key scan against a reference scan (%o …)", (...levels: KitLevel[]) => {
  const { validators, declared } = declare(levels);
  const ownIds = ["i1", "i10"];
  const id = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...ownIds) },
    { weight: 1, arbitrary: fc.constantFrom("", "i2", "a#b", "I1") },
  );
  /** Key-shaped strings and near misses: every level agreeing or not, cut at every point, other labels. */
  const labels = levels.map((level) => level.label);
  const keyLike = fc
    .tuple(
      fc.oneof(
        // The kit's labels in order, down to some level (each id agreeing or not)…
        fc
          .tuple(fc.integer({ min: 1, max: labels.length }), fc.array(id, { minLength: 3, maxLength: 3 }))
          .map(([depth, values]) => labels.slice(0, depth).map((label, index) => [label, values[index]!] as const)),
        // …or any labels in any order…
        fc.array(fc.tuple(fc.constantFrom(...labels, "OTHER", "TENANT"), id), { minLength: 1, maxLength: 4 }),
        // …or the kit's labels in order with one of them (past the first) misspelt at the same length, so that
        // the ids after it sit where the kit's would: the scan reads a segment before it checks the label before it.
        fc
          .tuple(fc.integer({ min: 1, max: labels.length }), fc.nat(), fc.array(id, { minLength: 3, maxLength: 3 }))
          .map(([depth, wrong, values]) =>
            labels.slice(0, depth).map((label, index) => {
              const misspelt = index > 0 && index === 1 + (wrong % Math.max(1, depth - 1));
              return [misspelt ? "X".repeat(label.length) : label, values[index]!] as const;
            }),
          ),
      ),
      fc.constantFrom("", "#ITEM#x", "#", "##", "#ITEM"),
      fc.boolean(),
    )
    .map(([segments, tail, cut]) => {
      const text = segments.map(([label, value]) => `${label}#${value}`).join("#") + tail;
      return cut ? text.slice(0, Math.max(1, text.length - 2)) : text;
    });
  const leaf = fc.oneof(
    { weight: 4, arbitrary: keyLike },
    { weight: 2, arbitrary: id },
    { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.string({ maxLength: 5 })) },
  );
  const fieldName = fc.constantFrom(...levels.map((level) => level.field), "pk", "ref", "links", "ctx", "a", "b");
  const tree = fc.letrec<{ node: unknown; object: Record<string, unknown> }>((tie) => ({
    node: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      { weight: 4, arbitrary: leaf },
      { weight: 1, arbitrary: tie("object") },
      { weight: 1, arbitrary: fc.array(tie("node"), { maxLength: 4 }) },
    ),
    object: fc.dictionary(fieldName, tie("node"), { maxKeys: 6, noNullPrototype: true }),
  }));
  /**
   * A detail with the ids in each declared placement (or some of them), extra fields, shared and cyclic parts, and
   * sometimes many plain values.
   */
  const detail = fc
    .tuple(
      tree.object,
      fc.array(fc.option(id, { nil: undefined }), { minLength: levels.length, maxLength: levels.length }),
      fc.constantFrom("top", "ctx", "none"),
      fc.constantFrom("none", "cycle", "shared"),
      fc.nat(12),
    )
    .map(([extra, values, placement, link, width]) => {
      const ids = Object.fromEntries(
        levels.flatMap((level, index) => (values[index] === undefined ? [] : [[level.field, values[index]]])),
      );
      const built: Record<string, unknown> =
        placement === "top" ? { ...ids, ...extra } : placement === "ctx" ? { ...extra, ctx: ids } : { ...extra };
      const nested = Object.values(built).find((value) => typeof value === "object" && value !== null);
      if (link === "cycle" && nested !== undefined) (nested as Record<string, unknown>)["back"] = built;
      if (link === "shared" && nested !== undefined) built["again"] = nested;
      // Sometimes wide: plain values around the values limit of the small-limit validators.
      if (width > 8) for (let index = 0; index < width; index++) built[`f${index}`] = `v${index}`;
      return built;
    });

  it("finds what the reference scan finds, for every event type, under each limit", () => {
    const labelsFound = new Set<string>();
    let incomplete = 0;
    let clean = 0;
    fc.assert(
      fc.property(fc.nat(declared.length - 1), fc.nat(validators.length - 1), detail, (which, limit, generated) => {
        const target = declared[which]!;
        const result = validators[limit]!.validate({ type: target.type, detail: generated });
        const found = result.violations
          .filter((violation) => violation.code === "event.keyMismatch" || violation.code === "event.scanIncomplete")
          .map((violation) => violation.message);
        const expected = referenceFindings(levels, target, generated, limitsOf[limit]!);
        expect(found).toEqual(expected);
        for (const message of expected) labelsFound.add(/ names (\w+) /.exec(message)?.[1] ?? "incomplete");
        if (expected.some((message) => message.startsWith("[event.scanIncomplete]"))) incomplete += 1;
        if (expected.length === 0) clean += 1;
      }),
      { seed: 20261206, numRuns: 1_500 },
    );
    // The generator reaches the cases that matter: a mismatch at every level, limits hit, nothing to find.
    expect([...labelsFound].sort()).toEqual([...labels, "incomplete"].sort());
    expect(incomplete).toBeGreaterThan(50);
    expect(clean).toBeGreaterThan(300);
  });

  it("finds the same in JSON-shaped events (flat strings, plain objects, as a Lambda receives them)", () => {
    fc.assert(
      fc.property(fc.nat(declared.length - 1), detail, (which, generated) => {
        const target = declared[which]!;
        let plain: unknown;
        try {
          plain = JSON.parse(JSON.stringify(generated));
        } catch {
          return; // cyclic
        }
        const found = validators[0]!
          .validate({ "detail-type": target.type, source: "s", detail: plain })
          .violations.filter((violation) => violation.code === "event.keyMismatch")
          .map((violation) => violation.message);
        expect(found).toEqual(referenceFindings(levels, target, plain, limitsOf[0]!));
      }),
      { seed: 20261207, numRuns: 500 },
    );
  });
});
