/**
 * A put mistake that is not an id field's is printed once, by the exact signature: the catch-all `put` overloads (the
 * builder's, the adapter's `put` and `batchPut`, a transaction's) are dropped on their arity when no id field is the
 * offender (`PutRestWhenIdMistake`, src/access/put-attributes.ts), where TypeScript 5.9 and 6.0 printed the same error
 * once per overload ("Overload 1 of 2 … Overload 2 of 2 …"). An id field's mistake still gets the catalog's message
 * from the catch-all (types-tests/compile-fail/put-ids.ts). Each probe compiles under TS 5.9, 6.0 and 7.0.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { compileProbe, compilers, type CompiledProbe } from "./compilers.js";

const lines = [
  `import { DynamoDBClient } from "@aws-sdk/client-dynamodb";`,
  `import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";`,
  `import { connect } from "capsule-entity/dynamodb";`,
  `import { Doc, ids } from "../../../scripts/put-ids-entities.js";`,
  `const db = connect(DynamoDBDocumentClient.from(new DynamoDBClient({ region: "local" })), { table: "app_data" });`,
  `export const builder = () => Doc.scope(ids).put({ ...ids, docId: 5 });`,
  `export const options = () => Doc.scope(ids).put({ ...ids, docId: "d1" }, { ifNotExist: true });`,
  `export const adapter = () => db.entity(Doc).scope(ids).put({ ...ids, docId: 5 });`,
  `export const batch = () => db.entity(Doc).scope(ids).batchPut([{ ...ids, docId: "d1" }, { ...ids, docId: 5 }]);`,
  `export const transaction = () => db.transaction(ids).entity(Doc).put({ ...ids, docId: 5 });`,
  `export const plainId = () => Doc.scope(ids).put({ ...ids, orgId: "o1", docId: "d1" });`,
];
const lineOf = (start: string): number => lines.findIndex((line) => line.startsWith(start)) + 1;
const once = ["builder", "options", "adapter", "batch", "transaction"];

describe.each(compilers.map((compiler) => [compiler.name, compiler] as const))("under %s", (name, compiler) => {
  let probe: CompiledProbe;
  beforeAll(async () => {
    probe = await compileProbe(`put-once-${name}`, lines.join("\n") + "\n", compiler);
  }, 300_000);

  it.each(once)("%s: a mistake on a field that is no id is reported once, by the exact signature", (start) => {
    const found = probe.at(lineOf(`export const ${start} `));
    expect(found).toHaveLength(1);
    expect(found[0]!.code).not.toBe("TS2769");
    expect(found[0]!.message).not.toMatch(/overload/i);
    expect(found[0]!.message).toMatch(/'number' is not assignable to type 'string'|'ifNotExist' does not exist/);
  });

  it("an isolation field given a plain string still gets the catch-all's catalog message", () => {
    const found = probe.at(lineOf("export const plainId "));
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain("[put.plainId] Doc put's orgId is a plain string");
  });

  it("no other diagnostic", () => {
    expect(probe.outside([...once, "plainId"].map((start) => lineOf(`export const ${start} `)))).toEqual([]);
  });
});
