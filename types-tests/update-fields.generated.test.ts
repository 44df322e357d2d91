/**
 * Issue 13, a verifier's matrix of update's changes (session s19): entities whose every field is a key or isolation
 * field (flat, with the ids in `ctx`, with a sort key, in the default kit and a two- and three-level kit) and entities
 * with updatable fields × a change naming each field (and one no schema has), as a literal, through an `op` operator,
 * beside an updatable field, as a variable, spread, `undefined`, and no change at all × the builder's, the adapter's and
 * a transaction's update. Each update is one line of a probe compiled by TypeScript 5.9, 6.0 and 7.0 (the three must
 * agree) and run: it compiles exactly when the runtime accepts it, and both refuse it in the same words.
 */
import { expect, it } from "vitest";
import { catalogCode, type GeneratedCase, type GeneratedProbe } from "./compilers.js";
import { describeMatrix } from "./matrix.js";

interface Field {
  readonly name: string;
  /** The value a change gives it (an expression of the probe). */
  readonly value: string;
  readonly fixed: boolean;
}
interface Entity {
  readonly name: string;
  /** The ids of its scope (a const of the probe's header). */
  readonly ids: string;
  readonly definition: string;
  /** Its key, as `update` takes it. */
  readonly key: string;
  readonly fields: readonly Field[];
}
const fixed = (name: string, value: string): Field => ({ name, value, fixed: true });
const free = (name: string, value: string): Field => ({ name, value, fixed: false });

const flat = "tenantId: tenantId(), capsuleId: capsuleId()";
const nested = "ctx: z.object({ tenantId: tenantId(), capsuleId: capsuleId() })";
const two = "orgId: two.ids.orgId(), workspaceId: two.ids.workspaceId()";
const dfltIds = [fixed("tenantId", "dfltIds.tenantId"), fixed("capsuleId", "dfltIds.capsuleId")];
const ctxIds = [fixed("ctx", "{ ...dfltIds }")];
const twoIds = [fixed("orgId", "twoIds.orgId"), fixed("workspaceId", "twoIds.workspaceId")];
const entities: readonly Entity[] = [
  {
    name: "Link",
    ids: "dfltIds",
    definition: `defineEntity({ name: "Link", table: "app_data", schema: z.object({ ${flat}, linkId: z.string() }), pk: "TENANT#\${tenantId}#CAPSULE#\${capsuleId}#LINK#\${linkId}" })`,
    key: '{ linkId: "l1" }',
    fields: [...dfltIds, fixed("linkId", '"l2"')],
  },
  {
    name: "CtxLink",
    ids: "dfltIds",
    definition: `defineEntity({ name: "CtxLink", table: "app_data", schema: z.object({ ${nested}, linkId: z.string() }), pk: "TENANT#\${ctx.tenantId}#CAPSULE#\${ctx.capsuleId}#LINK#\${linkId}" })`,
    key: '{ linkId: "l1" }',
    fields: [...ctxIds, fixed("linkId", '"l2"')],
  },
  {
    name: "Note",
    ids: "dfltIds",
    definition: `defineEntity({ name: "Note", table: "app_data", schema: z.object({ ${flat}, noteId: z.string(), title: z.string(), views: z.number().optional() }), pk: "TENANT#\${tenantId}#CAPSULE#\${capsuleId}#NOTE#\${noteId}" })`,
    key: '{ noteId: "n1" }',
    fields: [...dfltIds, fixed("noteId", '"n2"'), free("title", '"t"'), free("views", "1")],
  },
  {
    name: "CtxNote",
    ids: "dfltIds",
    definition: `defineEntity({ name: "CtxNote", table: "app_data", schema: z.object({ ${nested}, noteId: z.string(), title: z.string() }), pk: "TENANT#\${ctx.tenantId}#CAPSULE#\${ctx.capsuleId}#NOTE#\${noteId}" })`,
    key: '{ noteId: "n1" }',
    fields: [...ctxIds, fixed("noteId", '"n2"'), free("title", '"t"')],
  },
  {
    name: "Pair",
    ids: "twoIds",
    definition: `two.defineEntity({ name: "Pair", table: "app_data", schema: z.object({ ${two}, aId: z.string(), bId: z.string() }), pk: "ORG#\${orgId}#WS#\${workspaceId}#A#\${aId}", sk: "B#\${bId}" })`,
    key: '{ aId: "a1", bId: "b1" }',
    fields: [...twoIds, fixed("aId", '"a2"'), fixed("bId", '"b2"')],
  },
  {
    name: "Page",
    ids: "twoIds",
    definition: `two.defineEntity({ name: "Page", table: "app_data", schema: z.object({ ${two}, pageId: z.string(), title: z.string() }), pk: "ORG#\${orgId}#WS#\${workspaceId}#PAGE#\${pageId}" })`,
    key: '{ pageId: "p1" }',
    fields: [...twoIds, fixed("pageId", '"p2"'), free("title", '"t"')],
  },
  {
    name: "Env",
    ids: "threeIds",
    definition: `three.defineEntity({ name: "Env", table: "app_data", schema: z.object({ orgId: three.ids.orgId(), projectId: three.ids.projectId(), envId: three.ids.envId(), settingId: z.string() }), pk: "ORG#\${orgId}#PRJ#\${projectId}#ENV#\${envId}#SET#\${settingId}" })`,
    key: '{ settingId: "s1" }',
    fields: [
      fixed("orgId", "threeIds.orgId"),
      fixed("projectId", "threeIds.projectId"),
      fixed("envId", "threeIds.envId"),
      fixed("settingId", '"s2"'),
    ],
  },
];

/** How a change is given. */
const spellings = [
  "literal",
  "op.ifNotExists",
  "beside an updatable field",
  "variable",
  "spread variable",
  "undefined",
] as const;
type Spelling = (typeof spellings)[number] | "no change";
const places = ["builder", "adapter", "transaction"] as const;
type Place = (typeof places)[number];

interface Case extends GeneratedCase {
  readonly entity: string;
  /** The field the change names (`nope`: no schema has it), or none. */
  readonly field: string;
  /** Whether that field may be updated (an unknown one may not). */
  readonly updatable: boolean;
  readonly spelling: Spelling;
  readonly place: Place;
}

function generate(): GeneratedProbe<Case> {
  const level = (field: string, label: string, index: number) =>
    `{ name: "l${index}", field: "${field}", label: "${label}" }`;
  const lines = [
    "// Generated by types-tests/update-fields.generated.test.ts: one update per line.",
    'import { DynamoDBClient } from "@aws-sdk/client-dynamodb";',
    'import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";',
    'import { z } from "zod";',
    'import { capsuleId, defineEntity, defineIsolation, op, tenantId } from "capsule-entity";',
    'import { connect } from "capsule-entity/dynamodb";',
    'const db = connect(DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: "http://127.0.0.1:9", region: "local", maxAttempts: 1 })), { table: "app_data" });',
    `const two = defineIsolation({ levels: [${level("orgId", "ORG", 0)}, ${level("workspaceId", "WS", 1)}] });`,
    `const three = defineIsolation({ levels: [${level("orgId", "ORG", 0)}, ${level("projectId", "PRJ", 1)}, ${level("envId", "ENV", 2)}] });`,
    'const dfltIds = { tenantId: tenantId().parse("t1"), capsuleId: capsuleId().parse("c1") };',
    'const twoIds = { orgId: two.ids.orgId().parse("o1"), workspaceId: two.ids.workspaceId().parse("w1") };',
    'const threeIds = { orgId: three.ids.orgId().parse("o1"), projectId: three.ids.projectId().parse("p1"), envId: three.ids.envId().parse("e1") };',
  ];
  const cases: Case[] = [];
  for (const entity of entities) {
    lines.push(`const ${entity.name} = ${entity.definition};`);
    const beside = entity.fields.find((field) => !field.fixed);
    const named: readonly (Field | undefined)[] = [
      ...entity.fields,
      { name: "nope", value: '"x"', fixed: true },
      undefined,
    ];
    for (const field of named) {
      const changes: [Spelling, string][] =
        field === undefined
          ? [["no change", "{}"]]
          : spellings.flatMap((spelling): [Spelling, string][] => {
              const entry = `${field.name}: ${field.value}`;
              switch (spelling) {
                case "literal":
                  return [[spelling, `{ ${entry} }`]];
                case "op.ifNotExists":
                  return [[spelling, `{ ${field.name}: op.ifNotExists(${field.value}) }`]];
                case "beside an updatable field":
                  return beside === undefined || beside === field
                    ? []
                    : [[spelling, `{ ${beside.name}: ${beside.value}, ${entry} }`]];
                case "undefined":
                  return [[spelling, `{ ${field.name}: undefined }`]];
                default: {
                  // A variable holds the change beside an updatable field where the entity has one (else alone).
                  const variable = `changes${lines.length}`;
                  lines.push(
                    `const ${variable} = { ${beside === undefined || beside === field ? entry : `${beside.name}: ${beside.value}, ${entry}`} };`,
                  );
                  return [[spelling, spelling === "variable" ? variable : `{ ...${variable} }`]];
                }
              }
            });
      for (const [spelling, text] of changes)
        for (const place of places) {
          const bodies: Record<Place, string> = {
            builder: `${entity.name}.scope(${entity.ids}).update(${entity.key}, ${text})`,
            adapter: `db.entity(${entity.name}).scope(${entity.ids}).update(${entity.key}, ${text})`,
            transaction: `db.transaction(${entity.ids}).entity(${entity.name}).update(${entity.key}, ${text})`,
          };
          const id = `case${cases.length}`;
          lines.push(`export const ${id} = () => ${bodies[place]};`);
          cases.push({
            id,
            line: lines.length,
            entity: entity.name,
            field: field?.name ?? "",
            updatable: field !== undefined && !field.fixed,
            spelling,
            place,
          });
        }
    }
  }
  return { text: lines.join("\n") + "\n", cases };
}

/**
 * Where the two sides disagree and nothing was changed (session s19's report, for the lead to decide):
 * - a variable: changes held in a variable (or spread from one) are no fresh object literal, so TypeScript checks no
 *   excess property on them; beside an updatable field, a key, isolation or unknown field compiles, and the runtime
 *   refuses it (update.keyField, update.unknownField). Alone, TypeScript's weak-type check catches it (below).
 * - (fixed in session s20: no change, `update(key, {})`, is update.nothing on both sides.)
 * - TypeScript's words: an unknown field (excess property, or "no properties in common" for a variable of an entity
 *   without updatable fields, naming the `noUpdatableField` symbol) where the runtime says update.unknownField, and
 *   `undefined` for a required field where the runtime says item.invalid.
 */
function knownGap(a: {
  readonly field: string;
  readonly spelling: Spelling;
  readonly allFixed: boolean;
  readonly typed: string;
  readonly runtime: string;
}): boolean {
  const runtime = catalogCode(a.runtime);
  if ((a.spelling === "variable" || a.spelling === "spread variable") && !a.allFixed && a.typed === "ok")
    return runtime === (a.field === "nope" ? "update.unknownField" : "update.keyField");
  return (
    a.typed.startsWith("uncatalogued") &&
    (a.field === "nope" ? runtime === "update.unknownField" : a.spelling === "undefined" && runtime === "item.invalid")
  );
}
/** The matrix's size: the updates, how many run, the key fields of entities without others, the known gaps. */
const sizes = { cells: 537, ran: 54, keyFields: 195, knownGaps: 171 };

const { text, cases } = generate();
const title =
  "update's changes × every field of entities with and without updatable fields × every spelling × every place, generated";
const lines = cases.map((c) => c.line);

describeMatrix(title, { name: "update-fields", text, lines }, (matrix) => {
  it("an update compiles exactly when the runtime accepts it, in the runtime's words, under TS 5.9, 6.0 and 7.0", async () => {
    const answers = await Promise.all(
      cases.map(async (c) => {
        return {
          case: `${c.entity}: ${c.field || "nothing"} (${c.spelling}) in ${c.place}`,
          field: c.field,
          spelling: c.spelling,
          allFixed: entities.find((e) => e.name === c.entity)!.fields.every((field) => field.fixed),
          ...(await matrix.answer(c)),
        };
      }),
    );
    expect(answers.filter((a) => !a.compilersAgree)).toEqual([]);
    expect(answers.filter((a) => a.typed !== a.runtime)).toEqual(answers.filter(knownGap));
    // s19-gaps' fix: every key or isolation field of an entity with no other field, in any spelling, is update.keyField
    // on both sides.
    const keyFields = answers.filter((a) => a.allFixed && a.field !== "nope" && a.spelling !== "no change");
    expect(keyFields.filter((a) => catalogCode(a.typed) !== "update.keyField" || a.typed !== a.runtime)).toEqual([]);
    expect({
      cells: answers.length,
      ran: answers.filter((a) => a.runtime === "ok").length,
      keyFields: keyFields.length,
      knownGaps: answers.filter(knownGap).length,
    }).toEqual(sizes);
  });
});
