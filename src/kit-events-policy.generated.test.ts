/**
 * Issue 13, a verifier's matrix of events, the event validator and the LeadingKeys policy for a one-, a two- and a
 * three-level kit, at every level of each (an entity and a `defineEvent` at the innermost level and opted out to each
 * outer one). Generated, per kit and level:
 * - the event derived from the entity and the one `defineEvent` declares carry exactly the kit's fields down to that
 *   level, in their isolation record and their detail;
 * - the validator accepts an event whose keys carry its own ids, reports each missing level field as a critical
 *   `event.missingField`, and each key naming another id at one level (a prefix of the own id, `a10` for `a1`) as an
 *   `event.keyMismatch` naming that level's label; never in the default kit's words;
 * - `leadingKeysPolicy` takes one parameter per level field down to that level (a literal or a principal tag) and,
 *   evaluated by an IAM policy evaluator, allows exactly the partitions of that scope (the entity's stored keys among
 *   them) and denies another id at any level, another kit's labels, and a key with no leading keys.
 */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { createEventValidator, defineIsolation, defineTable } from "capsule-entity";
import { decide } from "../scripts/iam-simulation.js";
import { verifierKits } from "../scripts/verifier-kits.js";

/** The runtime surface of a generated kit (its levels are not spelt in the types here). */
interface Kit {
  defineEntity(definition: object): {
    event(verb: string, options?: object): RuntimeEvent;
    keys(attributes: object): Readonly<Record<string, string>>;
  };
  defineEvent(definition: object): RuntimeEvent;
  ids: Readonly<Record<string, () => z.ZodType>>;
  leadingKeysPolicy(options: object): {
    Statement: readonly { Condition: Record<string, Record<string, unknown>>; Resource: readonly string[] }[];
  };
}
interface RuntimeEvent {
  readonly type: string;
  readonly isolation: { readonly level: string; readonly fields?: Readonly<Record<string, string>> };
  readonly detail: z.ZodObject;
}

const table = defineTable({ name: "app_data", pk: "PK", sk: "SK", indexes: { byTag: { pk: "GSI1PK" } } });
const tableArn = "arn:aws:dynamodb:eu-west-1:123456789012:table/app_data";
const base = { table, region: "eu-west-1", accountId: "123456789012" } as const;

for (const [kitName, levels] of Object.entries(verifierKits))
  describe(kitName, () => {
    const kit = defineIsolation({ levels: levels as never }) as unknown as Kit;
    for (let depth = 0; depth < levels.length; depth++) {
      const own = levels.slice(0, depth + 1);
      const innermost = depth === levels.length - 1;
      const level = own[depth]!.name;
      const optOut = innermost ? {} : { isolation: { level, reason: `kept per ${level}` } };
      const prefix = own.map((spec) => `${spec.label}#\${${spec.field}}`).join("#");
      const fields = Object.fromEntries(own.map((spec) => [spec.field, kit.ids[spec.field]!()]));
      const ids = Object.fromEntries(own.map((spec) => [spec.field, "a1"]));
      const partition = own.map((spec) => `${spec.label}#a1`).join("#");
      const Entry = kit.defineEntity({
        name: `Entry${depth}`,
        schema: z.object({ ...fields, itemId: z.string() }),
        pk: `${prefix}#ITEM#\${itemId}`,
        sk: "META",
        ...optOut,
      });

      describe(`at level ${level}${innermost ? " (innermost)" : " (opted out)"}`, () => {
        const derived = Entry.event("Changed", { source: "entries", detail: z.object({ actorId: z.string() }) });
        const declared = kit.defineEvent({
          type: `Declared${depth}`,
          source: "entries",
          detail: z.object({ ...fields, itemId: z.string(), keys: z.array(z.string()) }),
          ...optOut,
        });
        const events = { derived, declared };
        const expectedFields = Object.fromEntries(own.map((spec) => [spec.field, spec.field]));

        it.each(Object.keys(events))("the %s event carries exactly the kit's fields down to its level", (which) => {
          const event = events[which as keyof typeof events];
          expect(event.isolation).toMatchObject({ level, fields: expectedFields });
          for (const { field } of own) expect(Object.keys(event.detail.shape)).toContain(field);
          for (const { field } of levels.slice(depth + 1)) expect(Object.keys(event.detail.shape)).not.toContain(field);
        });

        const validator = createEventValidator({ events: [derived, declared] as never });
        const key = (at: number | undefined) =>
          `${own.map((spec, index) => `${spec.label}#${index === at ? "a10" : "a1"}`).join("#")}#ITEM#i1`;
        const validate = (detail: object) =>
          validator.validate({ "detail-type": declared.type, source: "entries", detail });

        it("the validator accepts an event whose keys carry its own ids (the entity's stored key among them)", () => {
          const stored = Entry.keys({ ...ids, itemId: "i1" })["pk"]!;
          expect(stored).toBe(key(undefined));
          expect(validate({ ...ids, itemId: "i1", keys: [stored, partition] })).toMatchObject({
            ok: true,
            violations: [],
          });
        });

        it.each(own.map((spec) => spec.field))(
          "the validator reports a missing %s as a critical missing field",
          (field) => {
            const { [field]: _, ...rest } = ids;
            const found = validate({ ...rest, itemId: "i1", keys: [] }).violations;
            expect(found.map((v) => `${v.severity} ${v.code} ${v.path}`)).toEqual([
              `critical event.missingField detail.${field}`,
            ]);
          },
        );

        it.each(own.map((spec, at) => ({ ...spec, at })))(
          "the validator reports a key naming another $field as a key mismatch in the kit's label $label",
          ({ field, label, at }) => {
            const found = validate({ ...ids, itemId: "i1", keys: [key(undefined), key(at)] }).violations;
            expect(found.map((v) => `${v.code} ${v.path}`)).toEqual(["event.keyMismatch detail.keys.1"]);
            expect(found[0]!.message).toContain(`names ${label} "a10", but detail.${field} is "a1"`);
            expect(found[0]!.message).not.toMatch(/tenant|capsule/i);
          },
        );

        const policies = {
          literals: { parameters: ids, tags: undefined },
          "principal tags": {
            parameters: Object.fromEntries(own.map((spec) => [spec.field, { principalTag: spec.field }])),
            tags: ids,
          },
        };
        it.each(Object.keys(policies))(
          "leadingKeysPolicy with one parameter per level field (%s) allows exactly this scope's partitions",
          async (which) => {
            const { parameters, tags } = policies[which as keyof typeof policies];
            const policy = kit.leadingKeysPolicy({ ...base, ...parameters });
            expect(policy.Statement[0]!.Resource).toEqual([tableArn, `${tableArn}/index/byTag`]);
            const decision = (leadingKeys: readonly string[] | undefined) =>
              decide({
                policies: [policy],
                resource: tableArn,
                ...(leadingKeys === undefined ? {} : { leadingKeys }),
                ...(tags === undefined ? {} : { principalTags: tags }),
              });
            const allowed = [partition, key(undefined), Entry.keys({ ...ids, itemId: "i2" })["pk"]!];
            const denied = [
              ...own.map((_, at) => key(at)),
              `${partition}0#ITEM#i1`,
              `TENANT#a1#CAPSULE#a1#ITEM#i1`,
              own.length > 1
                ? own
                    .slice(0, -1)
                    .map((spec) => `${spec.label}#a1`)
                    .join("#")
                : "ITEM#i1",
            ];
            const decisions = await Promise.all([...allowed, ...denied].map((leading) => decision([leading])));
            expect(decisions).toEqual([...allowed.map(() => "Allowed"), ...denied.map(() => "ImplicitlyDenied")]);
            expect(await decision(undefined)).toBe("ImplicitlyDenied");
          },
        );
      });
    }
  });
