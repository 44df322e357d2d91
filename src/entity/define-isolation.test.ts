/**
 * A kit built with defineIsolation, at runtime and in the types of what it returns: ids per level and per kit,
 * keys, scopes and read-back in the kit's own vocabulary. Every refusal is asserted at the type level
 * (`@ts-expect-error` with the reason) and at runtime. The rules' messages are in the compile-fail fixtures
 * types-tests/compile-fail/kit-*.ts, whose runtime twins the harness checks.
 */
import { describe, expect, expectTypeOf, it } from "vitest";
import { z } from "zod";
import {
  capsuleId,
  defineEntity as defineDefaultEntity,
  defineIsolation,
  EntityDefinitionError,
  IsolationError,
  KeyValueError,
  tenantId,
  type KitId,
  type ScopeIds,
} from "capsule-entity";

const { defineEntity, ids, levels } = defineIsolation({
  levels: [
    { name: "org", field: "orgId", label: "ORG" },
    { name: "workspace", field: "workspaceId", label: "WS" },
  ],
});
const other = defineIsolation({
  levels: [
    { name: "org", field: "orgId", label: "ORG" },
    { name: "team", field: "teamId", label: "TEAM" },
  ],
});

const Doc = defineEntity({
  name: "Document",
  table: "app_data",
  schema: z.object({ orgId: ids.orgId(), workspaceId: ids.workspaceId(), docId: z.string(), title: z.string() }),
  pk: "ORG#${orgId}#WS#${workspaceId}#DOC#${docId}",
  sk: "META",
  indexes: { byTitle: { pk: "ORG#${orgId}#WS#${workspaceId}#TITLE#${title}", sk: "${docId}" } },
});
const OrgBilling = defineEntity({
  name: "OrgBilling",
  table: "app_data",
  schema: z.object({ orgId: ids.orgId(), plan: z.string() }),
  pk: "ORG#${orgId}#BILLING",
  isolation: { level: "org", reason: "one billing record per org" },
});
const Nested = defineEntity({
  name: "Nested",
  schema: z.object({ ctx: z.object({ orgId: ids.orgId(), workspaceId: ids.workspaceId() }), id: z.string() }),
  pk: "ORG#${ctx.orgId}#WS#${ctx.workspaceId}#N#${id}",
});

const o1 = ids.orgId().parse("o1");
const w1 = ids.workspaceId().parse("w1");
const w10 = ids.workspaceId().parse("w10");
const doc = { orgId: o1, workspaceId: w1, docId: "d1", title: "Plan" };

describe("defineIsolation", () => {
  it("returns the levels it was given, checked and frozen", () => {
    expect(levels).toEqual([
      { name: "org", field: "orgId", label: "ORG" },
      { name: "workspace", field: "workspaceId", label: "WS" },
    ]);
    expect(Object.isFrozen(levels)).toBe(true);
  });

  it("brands ids per level and per kit: swapping two levels' ids, or another kit's or the default kit's, is a type error", () => {
    expectTypeOf(o1).toEqualTypeOf<KitId<"ORG#WS", "orgId">>();
    // @ts-expect-error: a workspace id is not an org id
    const swapped: KitId<"ORG#WS", "orgId"> = w1;
    // @ts-expect-error: another kit's org id (ORG#TEAM) is not this kit's
    const foreign: KitId<"ORG#WS", "orgId"> = other.ids.orgId().parse("o1");
    // @ts-expect-error: the default kit's tenant id is not an org id
    const defaultKit: KitId<"ORG#WS", "orgId"> = tenantId().parse("o1");
    expect([swapped, foreign, defaultKit]).toEqual(["w1", "o1", "o1"]);
  });

  it("refuses another kit's id schema, or the default kit's, in the schema at runtime too (wrongType)", () => {
    const definition = (workspaceId: z.ZodType<string, string>) => ({
      name: "Document",
      schema: z.object({ orgId: ids.orgId(), workspaceId }),
      pk: "ORG#${orgId}#WS#${workspaceId}",
    });
    const message =
      /^\[isolation\.wrongType\] workspaceId at workspaceId is not a WorkspaceId \| declare it with ids\.workspaceId\(\)/;
    expect(() => defineEntity(definition(other.ids.teamId()) as never)).toThrow(message);
    expect(() => defineEntity(definition(capsuleId()) as never)).toThrow(message);
    expect(() => defineEntity(definition(z.string()) as never)).toThrow(message);
    expect(() =>
      defineEntity({
        name: "Document",
        schema: z.object({ orgId: ids.orgId(), workspaceId: ids.workspaceId(z.uuid()) }),
        pk: "ORG#${orgId}#WS#${workspaceId}",
      }),
    ).not.toThrow();
  });

  it("ids reject what would break a key: empty values and #", () => {
    expect(() => ids.orgId().parse("")).toThrow("orgId must not be empty");
    expect(() => ids.workspaceId().parse("a#WS#b")).toThrow(/workspaceId must not contain/);
  });

  it("does not change the default kit: its ids are still the only ones its entities take", () => {
    expect(() =>
      defineDefaultEntity({
        name: "Note",
        // @ts-expect-error: a kit's id is not a CapsuleId
        schema: z.object({ tenantId: tenantId(), capsuleId: ids.workspaceId(), id: z.string() }),
        pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#NOTE#${id}",
      }),
    ).toThrow(/^\[isolation\.wrongType\] capsuleId at capsuleId is not a CapsuleId \| declare it with capsuleId\(\)/);
  });
});

describe("a kit's entity", () => {
  it("resolves its isolation in the kit's words", () => {
    expect(Doc.isolation).toEqual({
      level: "workspace",
      kit: "ORG#WS",
      fields: { orgId: "orgId", workspaceId: "workspaceId" },
      prefix: "ORG#${orgId}#WS#${workspaceId}",
    });
    expect(OrgBilling.isolation).toEqual({
      level: "org",
      kit: "ORG#WS",
      fields: { orgId: "orgId" },
      prefix: "ORG#${orgId}",
      next: "WS",
    });
    expect(Nested.isolation.fields).toEqual({ orgId: "ctx.orgId", workspaceId: "ctx.workspaceId" });
  });

  it("builds keys typed by the kit's labels", () => {
    const keys = Doc.keys(doc);
    expect(keys).toEqual({
      pk: "ORG#o1#WS#w1#DOC#d1",
      sk: "META",
      byTitlepk: "ORG#o1#WS#w1#TITLE#Plan",
      byTitlesk: "d1",
    });
    expectTypeOf(keys.pk).toEqualTypeOf<`ORG#${string}#WS#${string}#DOC#${string}`>();
    expect(() => Doc.keys({ ...doc, docId: "d#WS#x" })).toThrow(KeyValueError);
  });

  it("reads items back and refuses one whose keys disagree with its ids", () => {
    const item = Doc.toItem(doc);
    expect(Doc.fromItem(item)).toEqual(item);
    expect(() => Doc.fromItem({ ...item, pk: "ORG#o1#WS#w10#DOC#d1" })).toThrow(IsolationError);
  });

  it("scopes by the kit's fields, and confines every command to the scope's partition", () => {
    // The ids `scope()` takes (its first overload's; the second is the catch-all naming wrong ids).
    expectTypeOf<ScopeIds<typeof Doc.isolation>>().toEqualTypeOf<{
      readonly orgId: KitId<"ORG#WS", "orgId">;
      readonly workspaceId: KitId<"ORG#WS", "workspaceId">;
    }>();
    expectTypeOf<ScopeIds<typeof OrgBilling.isolation>>().toEqualTypeOf<{ readonly orgId: KitId<"ORG#WS", "orgId"> }>();
    const scope = Doc.scope({ orgId: o1, workspaceId: w1 });
    expect(scope.get({ docId: "d1" })).toEqual({
      TableName: "app_data",
      Key: { pk: "ORG#o1#WS#w1#DOC#d1", sk: "META" },
    });
    expect(scope.query({ index: "byTitle", partition: { title: "Plan" } })).toMatchObject({
      IndexName: "byTitle",
      ExpressionAttributeValues: { ":pk": "ORG#o1#WS#w1#TITLE#Plan" },
    });
    expect(() => scope.put({ ...doc, workspaceId: w10 })).toThrow(IsolationError);
    expect(scope.owns(Doc.toItem(doc))).toBe(true);
    expect(scope.owns(Doc.toItem({ ...doc, workspaceId: w10 }))).toBe(false);
    // @ts-expect-error: a scope takes the kit's ids, not the default kit's
    expect(() => Doc.scope({ tenantId: tenantId().parse("o1"), capsuleId: capsuleId().parse("w1") })).toThrow(
      "[scope.missingId] Document scope needs orgId, workspaceId",
    );
  });

  it("scopes a nested-context entity and an org-level entity by their levels' fields", () => {
    expect(Nested.scope({ orgId: o1, workspaceId: w1 }, { table: "app_data" }).keys({ id: "n1" })).toEqual({
      pk: "ORG#o1#WS#w1#N#n1",
    });
    expect(OrgBilling.scope({ orgId: o1 }).get({})).toEqual({ TableName: "app_data", Key: { pk: "ORG#o1#BILLING" } });
  });

  it("throws its vocabulary's messages at runtime for plain JS callers", () => {
    expect(() => defineEntity({ name: "Doc", schema: "no", pk: "ORG#${orgId}" } as never)).toThrow(
      "e.g. schema: z.object({ orgId: ids.orgId(), workspaceId: ids.workspaceId(), id: z.string() })",
    );
    expect(() =>
      defineEntity({
        name: "Doc",
        schema: z.object({ orgId: ids.orgId() }),
        pk: "ORG#${orgId}",
        isolation: { level: "tenant", reason: "r" },
      } as never),
    ).toThrow(
      '[isolation.unknownLevel] isolation level "tenant" does not exist | leave isolation out for workspace isolation, or opt out with level "org" or "global" and a reason | e.g. isolation: { level: "org", reason: "org-wide billing settings" }',
    );
    // As a plain JS caller would: untyped (inferring the levels from `never` sends TypeScript 5.9 into a stack overflow).
    const untyped = defineIsolation as unknown as (input: unknown) => unknown;
    expect(() => untyped({ levels: "ORG" })).toThrow(EntityDefinitionError);
  });
});
