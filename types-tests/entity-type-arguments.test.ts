/**
 * An entity typed `Entity<…>` with five type arguments records no key input (`Entity`'s sixth, `KeyInputOf`, which
 * `defineEntity` passes): its `keys()` and its scope's get / delete / update take nothing, a type error at the call
 * (`never`), where the default used to be `any` and took every input. The entity itself still relates to it, and the
 * adapter, which reads an entity's templates, takes it as it takes the entity. TypeScript 5.9 compiles the probe;
 * types-tests/define-entity.test-d.ts holds the same cases as `@ts-expect-error`s beside the entity's own type.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { compileProbe, type CompiledProbe } from "./compilers.js";

const lines = [
  `import { z } from "zod";`,
  `import { capsuleId, defineEntity, tenantId, type Entity } from "capsule-entity";`,
  `import { connect } from "capsule-entity/dynamodb";`,
  `import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";`,
  `const Note = defineEntity({ name: "Note", table: "app_data", schema: z.object({ tenantId: tenantId(), capsuleId: capsuleId(), noteId: z.string() }), pk: "TENANT#\${tenantId}#CAPSULE#\${capsuleId}#NOTE#\${noteId}" });`,
  `type N = typeof Note;`,
  `type Five = Entity<N["name"], N["schema"], N["templates"], N["isolation"], N["table"]>;`,
  `const ids = { tenantId: tenantId().parse("t1"), capsuleId: capsuleId().parse("c1") };`,
  `declare const client: DynamoDBDocumentClient;`,
  `export const five: Five = Note;`,
  `export const keys = () => five.keys({ ...ids, noteId: "n1" });`,
  `export const get = () => five.scope(ids).get({ noteId: "n1" });`,
  `export const remove = () => five.scope(ids).delete({ noteId: "n1" });`,
  `export const own = () => Note.scope(ids).get({ noteId: "n1" });`,
  `export const adapter = () => connect(client).entity(five).scope(ids).get({ noteId: "n1" });`,
];
const lineOf = (start: string): number => lines.findIndex((line) => line.startsWith(start)) + 1;

let probe: CompiledProbe;
beforeAll(async () => {
  probe = await compileProbe("entity-type-arguments", lines.join("\n") + "\n");
}, 120_000);

describe("an entity typed Entity<…> with five type arguments", () => {
  it.each(["export const keys", "export const get", "export const remove"])(
    "%s: refused, its parameter typed never",
    (start) => {
      const messages = probe.at(lineOf(start)).map((diagnostic) => diagnostic.message);
      expect(messages).toHaveLength(1);
      expect(messages[0]).toMatch(/^Argument of type '\{ .*\}' is not assignable to parameter of type 'never'\.$/);
    },
  );

  it("still takes the entity, and the adapter takes it as it takes the entity (no other diagnostic)", () => {
    expect(
      probe.outside([lineOf("export const keys"), lineOf("export const get"), lineOf("export const remove")]),
    ).toEqual([]);
  });
});
