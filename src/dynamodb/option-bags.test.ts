/**
 * Every option bag of the public API refuses a key it does not take, before anything is built or sent: a
 * misspelt `{ tabel }` on `connect` or a scope was ignored (the entity's own table used instead), `{ PK: "PK" }`
 * on defineTable described a table keyed `pk`, `{ index: [...] }` on leadingKeysPolicy granted every index, a
 * misspelt `refreshBeforeSecond` left the default margin. Generated: each bag × several stray keys, and the bags
 * that could be given no object at all. TypeScript refuses the same keys in object literals with its own
 * excess-property error (asserted with `@ts-expect-error` below), except defineTable's, whose definition is an
 * inferred type parameter: the catalog's words are the runtime's.
 */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { capsuleId, defineEntity, defineIsolation, defineTable, leadingKeysPolicy, tenantId } from "capsule-entity";
import {
  abacRolePolicy,
  abacTrustPolicy,
  assumeRoleInput,
  kitCredentials,
  scopedClientCache,
  sessionPolicy,
  sessionTags,
} from "capsule-entity/credentials";
import { connect } from "capsule-entity/dynamodb";
import { thrownMessage } from "../../scripts/thrown.js";

const Table = defineTable({ name: "platform_data", pk: "PK", sk: "SK", indexes: { byTag: {} } });
const Note = defineEntity({
  name: "Note",
  schema: z.object({ tenantId: tenantId(), capsuleId: capsuleId(), noteId: z.string(), tag: z.string() }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#NOTES",
  sk: "NOTE#${noteId}",
  indexes: { byTag: { pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#TAG#${tag}", sk: "${noteId}" } },
});
const ids = { tenantId: tenantId().parse("t1"), capsuleId: capsuleId().parse("c1") };
const client = DynamoDBDocumentClient.from(new DynamoDBClient({ region: "eu-west-1", endpoint: "http://127.0.0.1:9" }));
const db = connect(client, { table: Table });
const orgKit = defineIsolation({
  levels: [
    { name: "org", field: "orgId", label: "ORG" },
    { name: "workspace", field: "workspaceId", label: "WS" },
  ],
});
const kitCredentialsOf = kitCredentials(orgKit);
const account = "123456789012";
const target = { table: Table, region: "eu-west-1", accountId: account } as const;
const roleArn = `arn:aws:iam::${account}:role/tenant-data`;
const vendor = async () => ({ accessKeyId: "AK", secretAccessKey: "s" });

/**
 * One option bag: the call with `extra` merged into correct options (`{}` must pass), the code and the start of
 * what the refusal names (`stray` stands for the key).
 */
interface Bag {
  readonly call: (extra: object) => unknown;
  readonly says: (stray: string) => RegExp;
}
const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const options = (call: string) => (stray: string) =>
  new RegExp(`^\\[options\\.invalid\\] ${escapeRegExp(call)} option "${stray}" is not one it takes \\| `);
const credentials = (call: string) => (stray: string) =>
  new RegExp(`^\\[credentials\\.invalid\\] ${escapeRegExp(call)} option "${stray}" is not one it takes \\(`);

const bags: Readonly<Record<string, Bag>> = {
  "connect(client, options)": {
    call: (extra) => connect(client, { table: Table, ...extra }),
    says: options("connect"),
  },
  "Note.scope(ids, options)": {
    call: (extra) => Note.scope(ids, { table: Table, ...extra }),
    says: options("Note.scope"),
  },
  "db.entity(Note).scope(ids, options)": {
    call: (extra) => (db.entity(Note).scope as (...args: unknown[]) => unknown)(ids, extra),
    says: (stray) =>
      new RegExp(`^\\[options\\.invalid\\] db\\.entity\\(Note\\)\\.scope option "${stray}" .* takes no options`),
  },
  "db.transaction(ids, options)": {
    call: (extra) => db.transaction(ids, { ...extra }),
    says: options("db.transaction"),
  },
  "db.transaction(ids, { also: { archive } })": {
    call: (extra) => db.transaction(ids, { also: { archive: { ids, reason: "archiving", ...extra } } }),
    says: options("db.transaction also.archive"),
  },
  "defineTable(definition)": {
    call: (extra) => defineTable({ name: "platform_data", ...extra }),
    says: (stray) =>
      new RegExp(`^\\[table\\.invalid\\] table "platform_data" has "${stray}", which defineTable does not take`),
  },
  "defineTable index": {
    call: (extra) => defineTable({ name: "platform_data", indexes: { gsi1: { pk: "GSI1PK", ...extra } } }),
    says: (stray) =>
      new RegExp(`^\\[table\\.invalid\\] table "platform_data" index gsi1 has "${stray}", which an index`),
  },
  leadingKeysPolicy: {
    call: (extra) => leadingKeysPolicy({ ...target, tenantId: "t1", ...extra }),
    says: (stray) => new RegExp(`^\\[policy\\.invalid\\] leadingKeysPolicy ${stray} is not an option of the policy`),
  },
  "kit leadingKeysPolicy": {
    call: (extra) => orgKit.leadingKeysPolicy({ ...target, orgId: "o1", ...extra } as never),
    says: (stray) => new RegExp(`^\\[policy\\.invalid\\] leadingKeysPolicy ${stray} is not an option of the policy`),
  },
  sessionPolicy: {
    call: (extra) => sessionPolicy({ ...target, tenantId: "t1", ...extra }),
    says: (stray) => new RegExp(`^\\[policy\\.invalid\\] sessionPolicy ${stray} is not an option of the policy`),
  },
  abacRolePolicy: {
    call: (extra) => abacRolePolicy({ ...target, ...extra }),
    says: (stray) => new RegExp(`^\\[policy\\.invalid\\] leadingKeysPolicy ${stray} is not an option of the policy`),
  },
  abacTrustPolicy: {
    call: (extra) => abacTrustPolicy({ trustedPrincipal: roleArn, ...extra }),
    says: credentials("abacTrustPolicy"),
  },
  "kit abacTrustPolicy": {
    call: (extra) => kitCredentialsOf.abacTrustPolicy({ trustedPrincipal: roleArn, ...extra }),
    says: credentials("abacTrustPolicy"),
  },
  "sessionTags(ids, keys)": { call: (extra) => sessionTags(ids, { ...extra }), says: credentials("the tag keys") },
  "kit sessionTags(ids, keys)": {
    call: (extra) => kitCredentialsOf.sessionTags({ orgId: "o1", workspaceId: "w1" }, { ...extra }),
    says: credentials("the tag keys"),
  },
  assumeRoleInput: {
    call: (extra) => assumeRoleInput(ids, { roleArn, confine: { sessionTags: {} }, ...extra }),
    says: credentials("assumeRoleInput"),
  },
  "assumeRoleInput confine.sessionTags": {
    call: (extra) => assumeRoleInput(ids, { roleArn, confine: { sessionTags: { ...extra } } }),
    says: credentials("the tag keys"),
  },
  "assumeRoleInput confine.sessionPolicy": {
    call: (extra) => assumeRoleInput(ids, { roleArn, confine: { sessionPolicy: { ...target, ...extra } } }),
    says: credentials("confine.sessionPolicy"),
  },
  scopedClientCache: {
    call: (extra) => scopedClientCache({ credentials: vendor, createClient: () => ({}), ...extra }),
    says: credentials("scopedClientCache"),
  },
  "kit scopedClientCache": {
    call: (extra) => kitCredentialsOf.scopedClientCache({ credentials: vendor, createClient: () => ({}), ...extra }),
    says: credentials("scopedClientCache"),
  },
};

/** Misspellings and keys of other calls: each was ignored. */
const strays = ["tabel", "Table", "PK", "index", "limit", "refreshBeforeSecond", "capsuleID"] as const;

describe("option bags refuse a key they do not take", () => {
  for (const [name, bag] of Object.entries(bags)) {
    it(`${name} takes its correct options`, () => {
      expect(() => bag.call({})).not.toThrow();
    });
    for (const stray of strays)
      it(`${name} with ${stray}`, () => {
        expect(thrownMessage(() => bag.call({ [stray]: "x" }))).toMatch(bag.says(stray));
      });
  }
});

describe("option bags that are no object", () => {
  it.each(["platform_data", 5, null])("connect(client, %j)", (given) => {
    expect(thrownMessage(() => connect(client, given as never))).toMatch(
      /^\[options\.invalid\] connect options are .*, not an object \| connect takes table;/,
    );
  });
  it.each(["platform_data", 5])("Note.scope(ids, %j)", (given) => {
    expect(thrownMessage(() => (Note.scope as (...args: unknown[]) => unknown)(ids, given))).toMatch(
      /^\[options\.invalid\] Note\.scope options are .*, not an object \| /,
    );
  });
  it.each(["x", 5, null])("scopedClientCache(%j)", (given) => {
    expect(thrownMessage(() => scopedClientCache(given as never))).toMatch(
      /^\[credentials\.invalid\] scopedClientCache options are .*, not an object \| /,
    );
  });
});

describe("TypeScript refuses the same keys in literals (its excess-property error)", () => {
  it("on connect, scopes, transactions, defineTable and the policies", () => {
    const refused = [
      // @ts-expect-error -- tabel is no option of connect
      () => connect(client, { tabel: Table }),
      // @ts-expect-error -- tabel is no option of the builder's scope
      () => Note.scope(ids, { tabel: Table }),
      // @ts-expect-error -- the adapter's scope takes the ids alone
      () => db.entity(Note).scope(ids, { table: Table }),
      // @ts-expect-error -- alsoo is no option of a transaction
      () => db.transaction(ids, { alsoo: {} }),
      // @ts-expect-error -- index is no option of the policy
      () => leadingKeysPolicy({ ...target, tenantId: "t1", index: ["byTag"] }),
      // @ts-expect-error -- refreshBeforeSecond is no option of the cache
      () => scopedClientCache({ credentials: vendor, createClient: () => ({}), refreshBeforeSecond: 60 }),
    ];
    for (const call of refused) expect(call).toThrow();
  });
});
