/**
 * A scope's put types its isolation fields as the scope's own ids (src/access/put-attributes.ts), wherever a scope
 * writes a whole item: the builder's `put`, the adapter's `put` and `batchPut`, a transaction's `put`. Each case asserts
 * both sides: the compiler (`@ts-expect-error`, checked by the project's type check; the catalog text under three
 * compilers: compile-fail/put-ids.ts) and the runtime, which refuses a value of another scope with
 * `isolation.foreign` and accepts the scope's own value under any brand (brands exist in the types alone).
 */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { describe, expect, expectTypeOf, it } from "vitest";
import { z } from "zod";
import { capsuleId, defineEntity, tenantId, type CapsuleId, type TenantId } from "capsule-entity";
import { connect } from "capsule-entity/dynamodb";
import { foreignItemMessage, itemInvalidMessage } from "../src/messages.js";
import type { PutAttributes } from "../src/access/put-attributes.js";
import { ctx, Doc, Folder, ids, kit, Note, OrgSettings, other, Project } from "../scripts/put-ids-entities.js";

const Member = kit.defineEntity({
  name: "Member",
  table: "app_data",
  schema: z.object({ orgId: kit.ids.orgId(), ctx: z.object({ workspaceId: kit.ids.workspaceId(), role: z.string() }) }),
  pk: "ORG#${orgId}#WS#${ctx.workspaceId}#MEMBER#${ctx.role}",
});
const Account = defineEntity({
  name: "Account",
  table: "platform_data",
  schema: z.object({ tenantId: tenantId(), capsuleId: z.string(), accountId: z.string() }),
  pk: "TENANT#${tenantId}#ACCOUNT#${accountId}",
  isolation: { level: "tenant", reason: "accounts span capsules" },
});
const Country = defineEntity({
  name: "Country",
  table: "platform_data",
  schema: z.object({ code: z.string(), tenantId: z.string() }),
  pk: "COUNTRY#${code}",
  isolation: { level: "global", reason: "shared reference data" },
});

const doc = { docId: "d1" };
// Nothing is sent: a closed port, and every refusal here comes before any request.
const db = connect(
  DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: "http://127.0.0.1:9", region: "local", maxAttempts: 1 })),
  { table: "app_data" },
);
const foreign = (entity: string, fields: readonly string[], expected: string, actual: string) =>
  foreignItemMessage("put", expected, actual, entity, fields, fields.length === 2 ? "workspace" : "org");

describe("put's isolation fields are the scope's own ids", () => {
  it("takes the ids the scope was opened with (the idiom: spread them), top level and one level down", () => {
    expect(Doc.scope(ids).put({ ...doc, ...ids }).Item).toMatchObject({ pk: "ORG#o1#WS#w1#DOC#d1" });
    expect(Member.scope(ids).put({ orgId: ids.orgId, ctx: { role: "admin", ...ids } }).Item).toMatchObject({
      pk: "ORG#o1#WS#w1#MEMBER#admin",
    });
    expect(OrgSettings.scope({ orgId: ids.orgId }).put({ orgId: ids.orgId, theme: "dark" }).Item).toMatchObject({
      pk: "ORG#o1#SETTINGS",
    });
    expect(Note.scope(ctx).put({ ctx, noteId: "n1" }).Item).toMatchObject({ pk: "TENANT#t1#CAPSULE#c1#NOTE#n1" });
    // A tenant-level entity's capsuleId is no isolation field: zod's input, a plain string.
    expect(
      Account.scope({ tenantId: ctx.tenantId }).put({ tenantId: ctx.tenantId, capsuleId: "any", accountId: "a1" }).Item,
    ).toMatchObject({ pk: "TENANT#t1#ACCOUNT#a1" });
    // A global entity's scope has no ids: its fields are zod's input.
    expect(Country.scope({}).put({ code: "FR", tenantId: "t1" }).Item).toMatchObject({ pk: "COUNTRY#FR" });
  });

  it("types each isolation field as the scope's id and every other field as zod's input", () => {
    type DocPut = PutAttributes<typeof Doc.schema>;
    expectTypeOf<DocPut["orgId"]>().toEqualTypeOf<(typeof ids)["orgId"]>();
    expectTypeOf<DocPut["workspaceId"]>().toEqualTypeOf<(typeof ids)["workspaceId"]>();
    expectTypeOf<DocPut["docId"]>().toEqualTypeOf<string>();
    type MemberPut = PutAttributes<typeof Member.schema>;
    expectTypeOf<MemberPut["ctx"]["workspaceId"]>().toEqualTypeOf<(typeof ids)["workspaceId"]>();
    expectTypeOf<MemberPut["ctx"]["role"]>().toEqualTypeOf<string>();
    type NotePut = PutAttributes<typeof Note.schema>;
    expectTypeOf<NotePut["ctx"]["tenantId"]>().toEqualTypeOf<TenantId>();
    expectTypeOf<NotePut["ctx"]["capsuleId"]>().toEqualTypeOf<CapsuleId>();
    type AccountPut = PutAttributes<typeof Account.schema>;
    expectTypeOf<AccountPut["tenantId"]>().toEqualTypeOf<TenantId>();
    expectTypeOf<AccountPut["capsuleId"]>().toEqualTypeOf<string>();
    // Every field declared with an id's schema takes the parsed id, as in keys(): the isolation fields among them.
    const Grant = defineEntity({
      name: "Grant",
      table: "platform_data",
      schema: z.object({
        tenantId: tenantId(),
        capsuleId: capsuleId(),
        grantId: z.string(),
        note: z.string().optional(),
      }),
      pk: "TENANT#${tenantId}#GRANT#${grantId}",
      isolation: { level: "tenant", reason: "grants name a capsule they reach" },
    });
    type GrantPut = PutAttributes<typeof Grant.schema>;
    expectTypeOf<GrantPut["tenantId"]>().toEqualTypeOf<TenantId>();
    expectTypeOf<GrantPut["capsuleId"]>().toEqualTypeOf<CapsuleId>();
    expectTypeOf<GrantPut["note"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<PutAttributes<typeof Country.schema>>().toEqualTypeOf<{
      code: string;
      tenantId: string;
    }>();
  });

  it("leaves a defaulted id field optional, and the parsed id when given (zod's input says which fields are required)", () => {
    const withDefault = z.object({
      tenantId: tenantId(),
      capsuleId: capsuleId(),
      docId: z.string(),
      reviewer: capsuleId().default(capsuleId().parse("c0")),
    });
    type Put = PutAttributes<typeof withDefault>;
    const own = { tenantId: tenantId().parse("t1"), capsuleId: capsuleId().parse("c1"), docId: "d1" };
    expectTypeOf(own).toExtend<Put>();
    expectTypeOf({ ...own, reviewer: own.capsuleId }).toExtend<Put>();
    expectTypeOf({ ...own, reviewer: "c2" }).not.toExtend<Put>();
    expectTypeOf({ ...own, capsuleId: "c1" }).not.toExtend<Put>();
    const { tenantId: _, ...withoutTenant } = own;
    expectTypeOf(withoutTenant).not.toExtend<Put>();
  });

  it("refuses two levels' ids swapped: a type error, and isolation.foreign at runtime", () => {
    const swapped = { orgId: kit.ids.workspaceId().parse("w1"), workspaceId: kit.ids.orgId().parse("o1") };
    const refusal = foreign("Doc", ["orgId", "workspaceId"], "ORG#o1#WS#w1", 'orgId "w1", not "o1"');
    const scope = Doc.scope(ids);
    const tx = db.transaction(ids).entity(Doc);
    // @ts-expect-error put.wrongId: a workspace id as the org id
    expect(() => scope.put({ ...doc, orgId: swapped.orgId, workspaceId: swapped.workspaceId })).toThrow(refusal);
    // @ts-expect-error put.wrongId: the same in a transaction (the item is built, and refused, when added)
    expect(() => tx.put({ ...doc, ...ids, orgId: swapped.orgId })).toThrow(refusal);
  });

  it("refuses another scope's value in the adapter's put and batchPut before any request", async () => {
    const otherOrg = kit.ids.workspaceId().parse("o2");
    const refusal = foreign("Doc", ["orgId", "workspaceId"], "ORG#o1#WS#w1", 'orgId "o2", not "o1"');
    const docs = db.entity(Doc).scope(ids);
    // @ts-expect-error put.wrongId: another level's id
    await expect(docs.put({ ...doc, ...ids, orgId: otherOrg })).rejects.toThrow(refusal);
    const items = [
      { ...doc, ...ids },
      { ...doc, ...ids, orgId: otherOrg },
    ] as const;
    // @ts-expect-error put.wrongId: in the second item
    await expect(docs.batchPut(items)).rejects.toThrow("[isolation.foreign]");
  });

  it("refuses the scope's own value under another brand or none at compile time only (the same string at runtime)", () => {
    const plain: string = "o1";
    const scope = Doc.scope(ids);
    const pk = { pk: "ORG#o1#WS#w1#DOC#d1" };
    // @ts-expect-error put.plainId: a plain string variable
    expect(scope.put({ ...doc, ...ids, orgId: plain }).Item).toMatchObject(pk);
    // @ts-expect-error put.plainId: a plain literal (every kit brands its ids)
    expect(scope.put({ ...doc, ...ids, workspaceId: "w1" }).Item).toMatchObject(pk);
    // @ts-expect-error put.wrongId: another kit's id
    expect(scope.put({ ...doc, ...ids, orgId: other.ids.orgId().parse("o1") }).Item).toMatchObject(pk);
    // @ts-expect-error put.wrongId: the default kit's id in a kit
    expect(scope.put({ ...doc, ...ids, orgId: tenantId().parse("o1") }).Item).toMatchObject(pk);
    // @ts-expect-error put.plainId: one level down
    expect(Member.scope(ids).put({ ...ids, ctx: { role: "r", workspaceId: "w1" } }).Item).toMatchObject({
      pk: "ORG#o1#WS#w1#MEMBER#r",
    });
    const notes = Note.scope(ctx);
    const capsuleAsTenant = capsuleId().parse("t1");
    // @ts-expect-error put.wrongId: the default kit's levels swapped one level down
    const swappedNote = notes.put({ ctx: { ...ctx, tenantId: capsuleAsTenant }, noteId: "n1" });
    expect(swappedNote.Item).toMatchObject({ pk: "TENANT#t1#CAPSULE#c1#NOTE#n1" });
  });

  it("types an id field that is no isolation field as the parsed id too; the runtime parses it with its schema", () => {
    const tenant = { tenantId: ctx.tenantId };
    const project = { ...tenant, projectId: "p1" };
    const projects = Project.scope(tenant);
    expect(projects.put({ ...project, capsuleId: capsuleId().parse("c1") }).Item).toMatchObject({ capsuleId: "c1" });
    // A plain string is put.unparsedId at compile time only: one that parses is the same value at runtime…
    // @ts-expect-error put.unparsedId: a plain string in a tenant-level entity's capsuleId
    expect(projects.put({ ...project, capsuleId: "c1" }).Item).toMatchObject({ capsuleId: "c1" });
    const folders = Folder.scope({ orgId: ids.orgId });
    // @ts-expect-error put.unparsedId: one level down, a kit's id
    const folder = folders.put({ orgId: ids.orgId, ref: { workspaceId: "w1" }, folderId: "f1" });
    expect(folder.Item).toMatchObject({ ref: { workspaceId: "w1" } });
    // …and one that does not is refused by the field's schema, as every put's attributes are.
    const invalid = itemInvalidMessage("Project", '✖ capsuleId must not contain "#" → at capsuleId');
    // @ts-expect-error put.unparsedId: not an id at all
    expect(() => projects.put({ ...project, capsuleId: "c#1" })).toThrow(invalid);
  });
});
