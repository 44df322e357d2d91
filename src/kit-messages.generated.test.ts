/**
 * Generated bad input for one-, two- and three-level kits whose words are not the default kit's: entity
 * definitions with one to three mistakes (a level field missing, unbranded or another kit's, keys without or
 * with a misordered prefix, another kit's labels, stray fields, bad opt-outs and indexes, bad names and
 * options), event definitions, events for the validator, and scoped reads and writes. Every message the
 * runtime produces (thrown or reported) must be in the kit's words: never tenant, capsule, the case study's
 * RoleAssignment or its platform_data table; a validator declaring no event type, which knows no kit, words its
 * messages neutrally. Input never carries those words, so no message merely quotes them.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  assertValidEvents,
  capsuleId,
  createEventValidator,
  defineIsolation,
  type IsolationLevelSpec,
  tenantId,
} from "capsule-entity";

const forbidden = /tenant|capsule|RoleAssignment|platform_data/i;
const codeOf = (message: string): string => /^\[([\w.]+)\]/.exec(message)?.[1] ?? message;

const kits: readonly (readonly IsolationLevelSpec[])[] = [
  [{ name: "org", field: "orgId", label: "ORG" }],
  [
    { name: "org", field: "orgId", label: "ORG" },
    { name: "workspace", field: "workspaceId", label: "WS" },
  ],
  [
    { name: "account", field: "acctId", label: "ACCT" },
    { name: "project", field: "projectId", label: "PRJ" },
    { name: "environment", field: "envId", label: "ENV" },
  ],
];

/** A message of what `run` throws, or of nothing. */
function messageOf(run: () => unknown): string | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

describe.each(kits)("a kit's messages, generated (%o …)", (...levels: IsolationLevelSpec[]) => {
  const kit = defineIsolation({ levels: levels as never }) as unknown as {
    readonly defineEntity: (definition: unknown) => {
      scope(ids: unknown, options?: unknown): Record<string, (...args: unknown[]) => unknown>;
      event(verb: unknown, options?: unknown): unknown;
    };
    readonly defineEvent: (definition: unknown) => unknown;
    readonly ids: Record<string, () => z.ZodType<string>>;
  };
  const prefix = levels.map((level) => `${level.label}#\${${level.field}}`).join("#");
  const idSchemas = Object.fromEntries(levels.map((level) => [level.field, kit.ids[level.field]!()]));
  const outer = levels[0]!;
  const inner = levels[levels.length - 1]!;
  const base = () => ({
    name: "Document",
    schema: { ...idSchemas, docId: z.string(), title: z.string() } as Record<string, z.ZodType>,
    pk: `${prefix}#DOC#\${docId}`,
    sk: "META" as unknown,
  });
  type Definition = ReturnType<typeof base> & Record<string, unknown>;
  const mutations: Record<string, (definition: Definition) => void> = {
    "level field missing": (d) => delete d.schema[inner.field],
    "outer field missing": (d) => delete d.schema[outer.field],
    "level field unbranded": (d) => (d.schema[inner.field] = z.string()),
    "default kit's ids": (d) => (d.schema[outer.field] = tenantId()),
    "default kit's fields": (d) => Object.assign(d.schema, { tenantId: tenantId(), capsuleId: capsuleId() }),
    "pk without prefix": (d) => (d.pk = "DOC#${docId}"),
    "pk levels reversed": (d) =>
      (d.pk = `${[...levels]
        .reverse()
        .map((level) => `${level.label}#\${${level.field}}`)
        .join("#")}#DOC#\${docId}`),
    "pk unknown field": (d) => (d.pk = `${prefix}#DOC#\${nope}`),
    "pk doubled separator": (d) => (d.pk = `${prefix}##DOC#\${docId}`),
    "pk empty": (d) => (d.pk = ""),
    "sk with a level's label": (d) => (d.sk = `${inner.label}#\${docId}`),
    "sk not a string": (d) => (d.sk = 42),
    "opt-out to an unknown level": (d) => (d.isolation = { level: "bogus", reason: "x" }),
    "opt-out without reason": (d) => (d.isolation = { level: outer.name, reason: "" }),
    "global without reason": (d) => (d.isolation = { level: "global" }),
    "index without the prefix": (d) => (d.indexes = { byTitle: { pk: "TITLE#${title}" } }),
    "index with an unknown field": (d) => (d.indexes = { byTitle: { pk: `${prefix}#T#\${nope}` } }),
    "name empty": (d) => (d.name = ""),
    "name with spaces": (d) => (d.name = "my doc"),
    "schema a string": (d) => (d.schema = z.string() as never),
    "unknown option": (d) => (d.foo = 1),
    "table a number": (d) => (d.table = 42),
    "ids nested twice": (d) => (d.schema["context"] = z.object(idSchemas) as never),
  };
  const names = Object.keys(mutations);

  it("every refused entity definition is refused in the kit's words", () => {
    let refused = 0;
    const offending = new Set<string>();
    const codes = new Set<string>();
    fc.assert(
      fc.property(fc.subarray(names, { minLength: 1, maxLength: 3 }), (chosen) => {
        const definition = base() as Definition;
        for (const name of chosen) mutations[name]!(definition);
        const message = messageOf(() => kit.defineEntity({ ...definition, schema: z.object(definition.schema) }));
        if (message === undefined) return;
        refused += 1;
        codes.add(codeOf(message));
        if (forbidden.test(message)) offending.add(codeOf(message));
      }),
      { seed: 20261208, numRuns: 400 },
    );
    expect(refused).toBeGreaterThan(300);
    // The messages whose examples once fell back to the case study's are among those seen.
    expect([...codes]).toEqual(expect.arrayContaining(["entity.nameNotLiteral", "table.invalid"]));
    expect([...offending]).toEqual([]);
  });

  it("every event definition and event refused or reported is in the kit's words", () => {
    const Doc = kit.defineEntity({ ...base(), schema: z.object(base().schema) });
    const Created = Doc.event("Created", { detail: z.object({ actorId: z.string() }) });
    const validator = createEventValidator({ events: [Created as never] });
    const idValue = fc.oneof(
      fc.constantFrom("o1", "o10", "", "ORG#o2", "OTHER#t1#X#c1", 7, null),
      fc.string({ maxLength: 4 }),
    );
    const keyValue = fc.oneof(
      fc.constantFrom(`${outer.label}#o2#DOC#d1`, `${prefix.replace(/\$\{\w+\}/g, "x")}#DOC#d1`, "OTHER#t1#X#c1#X"),
      fc.string({ maxLength: 6 }),
    );
    const detail = fc.dictionary(
      fc.constantFrom(...levels.map((level) => level.field), "docId", "actorId", "pk", "ref", "ownerId"),
      fc.oneof(
        idValue,
        keyValue,
        fc.dictionary(fc.constantFrom(...levels.map((level) => level.field), "pk"), keyValue),
      ),
    );
    const event = fc.record(
      {
        type: fc.constantFrom("DocumentCreated", "DocumentCreatd", "", 3),
        detail: fc.oneof(detail, fc.constantFrom(null, "x")),
      },
      { requiredKeys: [] },
    );
    let reported = 0;
    const offending = new Set<string>();
    fc.assert(
      fc.property(event, (generated) => {
        for (const violation of (
          validator as { validate(event: unknown): { violations: readonly { message: string }[] } }
        ).validate(generated).violations) {
          reported += 1;
          if (forbidden.test(violation.message)) offending.add(violation.message);
        }
      }),
      { seed: 20261209, numRuns: 400 },
    );
    expect(reported).toBeGreaterThan(200);
    expect([...offending]).toEqual([]);
    const badEvents = [
      { type: "", detail: z.object(idSchemas) },
      { type: "DocumentShared" },
      { type: "DocumentShared", detail: z.object({ docId: z.string() }) },
      { type: "DocumentShared", entity: {}, detail: z.object(idSchemas) },
      { type: "DocumentShared", detail: z.object({ ...idSchemas, [outer.field]: z.string() }) },
      { type: "DocumentShared", detail: z.object(idSchemas), level: "bogus" },
    ];
    const refused = [
      ...badEvents.map((definition) => messageOf(() => kit.defineEvent(definition))),
      messageOf(() => Doc.event("")),
      messageOf(() => Doc.event(7)),
    ];
    expect(refused.filter((message) => message !== undefined).length).toBeGreaterThan(5);
    expect(refused.filter((message) => message?.startsWith("[event.typeNotLiteral]")).length).toBe(3);
    expect(refused.filter((message) => message !== undefined && forbidden.test(message))).toEqual([]);
  });

  it("every scoped read and write refused is in the kit's words", () => {
    const Doc = kit.defineEntity({ ...base(), schema: z.object(base().schema) });
    const ids = Object.fromEntries(levels.map((level) => [level.field, kit.ids[level.field]!().parse("a1")]));
    const scope = Doc.scope(ids, { table: "app_data" });
    const item = { ...ids, docId: "d1", title: "T" };
    const attempts: (() => unknown)[] = [
      () => Doc.scope({}, { table: "app_data" }),
      () => Doc.scope({ ...ids, [inner.field]: "a#b" }, { table: "app_data" }),
      () => Doc.scope(ids),
      () => scope["put"]!({ ...item, [outer.field]: "a10" }),
      () => scope["put"]!({ ...item, docId: "" }),
      () => scope["get"]!({ docId: 5 }),
      () => scope["get"]!({ ...ids, [inner.field]: "a2", docId: "d1" }),
      () => scope["update"]!({ docId: "d1" }, { [outer.field]: "a2" }),
      () => scope["delete"]!({}),
      () => scope["query"]!({ index: "nope" }),
      () => scope["query"]!({ partition: { docId: "d1", x: 1 } }),
      () => scope["query"]!({ partition: { docId: "d1" }, sortKey: { nope: "x" } }),
      () => scope["assertOwns"]!({ ...item, pk: `${outer.label}#a2#DOC#d1` }),
      () => scope["assertOwns"]!({ pk: "OTHER#t1#X#c1#DOC#d1" }),
    ];
    const messages = attempts.map(messageOf).filter((message): message is string => message !== undefined);
    expect(messages.length).toBeGreaterThan(8);
    const offending = messages.filter((message) => forbidden.test(message)).map(codeOf);
    expect(offending).toEqual([]);
  });
});

describe("a validator declaring no event type", () => {
  it("words its messages neutrally: it knows no kit", () => {
    const validator = createEventValidator({ events: [] });
    const inputs: unknown[] = [
      null,
      42,
      [],
      {},
      { type: 7 },
      { type: "DocumentCreated", detail: { orgId: "o1" } },
      { "detail-type": "OrgCreated", source: "s", detail: null },
    ];
    const messages = inputs.flatMap((input) => validator.validate(input).violations.map((found) => found.message));
    expect(messages.map(codeOf)).toEqual([
      ...Array<string>(5).fill("event.notAnEvent"),
      "event.unknownType",
      "event.unknownType",
    ]);
    const fixture = messageOf(() => assertValidEvents(validator, [{ type: "DocumentCreated", detail: {} }]));
    expect(fixture).toMatch(/^\[event\.invalidEvents\]/);
    expect([...messages, fixture].filter((message) => forbidden.test(message!))).toEqual([]);
  });
});
