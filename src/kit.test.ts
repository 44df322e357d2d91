/**
 * A kit's events and LeadingKeys policy (defineIsolation's `defineEvent` and `leadingKeysPolicy`), at runtime and
 * in their types: events declared by the kit and derived from its entities carry the kit's level fields; the
 * policy is in the kit's labels, evaluated by an IAM policy evaluator. The compile errors (with their messages)
 * are the fixture types-tests/compile-fail/kit-events.ts, whose runtime twins the harness checks.
 */
import { describe, expect, expectTypeOf, it } from "vitest";
import { z } from "zod";
import {
  assertValidEvents,
  capsuleId,
  createEventValidator,
  defineEntity as defineDefaultEntity,
  defineIsolation,
  defineTable,
  EntityDefinitionError,
  tenantId,
  type InferEventDetail,
  type KitId,
} from "capsule-entity";
import { decide } from "../scripts/iam-simulation.js";
import { thrownMessage } from "../scripts/thrown.js";

const { defineEntity, defineEvent, ids, leadingKeysPolicy } = defineIsolation({
  levels: [
    { name: "org", field: "orgId", label: "ORG" },
    { name: "workspace", field: "workspaceId", label: "WS" },
  ],
});
const Doc = defineEntity({
  name: "Document",
  schema: z.object({ orgId: ids.orgId(), workspaceId: ids.workspaceId(), docId: z.string(), title: z.string() }),
  pk: "ORG#${orgId}#WS#${workspaceId}#DOC#${docId}",
  sk: "META",
});
const OrgBilling = defineEntity({
  name: "OrgBilling",
  schema: z.object({ orgId: ids.orgId(), plan: z.string() }),
  pk: "ORG#${orgId}#BILLING",
  isolation: { level: "org", reason: "one billing record per org" },
});
type OrgId = KitId<"ORG#WS", "orgId">;
type WorkspaceId = KitId<"ORG#WS", "workspaceId">;

describe("a kit's defineEvent", () => {
  it("declares events whose detail carries the kit's level fields, at the innermost level by default", () => {
    const Archived = defineEvent({
      type: "WorkspaceArchived",
      source: "workspaces",
      detail: z.object({ orgId: ids.orgId(), workspaceId: ids.workspaceId(), archivedBy: z.string() }),
    });
    expect(Archived.isolation).toEqual({
      level: "workspace",
      kit: "ORG#WS",
      fields: { orgId: "orgId", workspaceId: "workspaceId" },
      prefix: "ORG#${orgId}#WS#${workspaceId}",
    });
    expectTypeOf(Archived.isolation.level).toEqualTypeOf<"workspace">();
    expectTypeOf<InferEventDetail<typeof Archived>>().toEqualTypeOf<{
      orgId: OrgId;
      workspaceId: WorkspaceId;
      archivedBy: string;
    }>();
  });

  it("takes its entity's level, and an opt-out to an outer level or global with a reason", () => {
    const Renamed = defineEvent({
      type: "OrgRenamed",
      isolation: { level: "org", reason: "names are org-wide" },
      detail: z.object({ orgId: ids.orgId(), name: z.string() }),
    });
    expect(Renamed.isolation).toEqual({
      level: "org",
      kit: "ORG#WS",
      fields: { orgId: "orgId" },
      prefix: "ORG#${orgId}",
      next: "WS",
    });
    const PlanChanged = defineEvent({
      type: "PlanChanged",
      entity: OrgBilling,
      detail: z.object({ orgId: ids.orgId(), plan: z.string() }),
    });
    expect(PlanChanged.isolation.level).toBe("org");
    expectTypeOf(PlanChanged.isolation.level).toEqualTypeOf<"org">();
    const Announced = defineEvent({
      type: "Announced",
      isolation: { level: "global", reason: "product news for everyone" },
      detail: z.object({ text: z.string() }),
    });
    expect(Announced.isolation).toEqual({ level: "global" });
  });

  it("refuses the default kit's fields and entities, in the kit's words, at runtime as in the types", () => {
    const defaultDetail = z.object({ tenantId: tenantId(), capsuleId: capsuleId(), docId: z.string() });
    // @ts-expect-error: the kit's events carry orgId and workspaceId (message in kit-events.ts's snapshot)
    expect(() => defineEvent({ type: "DocumentArchived", detail: defaultDetail })).toThrow(
      /^\[isolation\.missingField\] the schema has no orgId \| add orgId: ids\.orgId\(\)/,
    );
    const Note = defineDefaultEntity({
      name: "Note",
      schema: z.object({ tenantId: tenantId(), capsuleId: capsuleId(), id: z.string() }),
      pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#NOTE#${id}",
    });
    const detail = z.object({ orgId: ids.orgId(), workspaceId: ids.workspaceId() });
    // @ts-expect-error: a default-kit entity's level ("capsule") is none of this kit's
    expect(() => defineEvent({ type: "NoteShared", entity: Note, detail })).toThrow(EntityDefinitionError);
  });

  it("derives events from a kit's entity whose detail carries the kit's fields", () => {
    const Created = Doc.event("Created", { source: "docs", detail: z.object({ actorId: z.string() }) });
    expect(Created.type).toBe("DocumentCreated");
    expect(Created.isolation).toMatchObject({
      level: "workspace",
      fields: { orgId: "orgId", workspaceId: "workspaceId" },
    });
    expect(Object.keys(Created.detail.shape).sort()).toEqual(["actorId", "docId", "orgId", "workspaceId"]);
    expectTypeOf<InferEventDetail<typeof Created>>().toEqualTypeOf<{
      orgId: OrgId;
      workspaceId: WorkspaceId;
      docId: string;
      actorId: string;
    }>();
    expectTypeOf(Created.isolation.kit).toEqualTypeOf<"ORG#WS">();
  });
});

describe("the event validator with a kit's events", () => {
  const Created = Doc.event("Created", { source: "docs", detail: z.object({ actorId: z.string() }) });
  const Shared = defineEvent({
    type: "DocumentShared",
    detail: z.object({
      ctx: z.object({ orgId: ids.orgId(), workspaceId: ids.workspaceId() }),
      docId: z.string(),
      links: z.array(z.string()),
    }),
  });
  const PlanChanged = OrgBilling.event("PlanChanged");
  const validator = createEventValidator({ events: [Created, Shared, PlanChanged] });
  const summary = (result: ReturnType<typeof validator.validate>) =>
    result.violations.map((found) => `${found.severity} ${found.code} ${found.path}`);

  it("accepts an event whose key-shaped values carry its own org and workspace", () => {
    const result = validator.validate({
      "detail-type": "DocumentCreated",
      source: "docs",
      detail: { orgId: "o1", workspaceId: "w1", docId: "d1", actorId: "u1", pk: "ORG#o1#WS#w1#DOC#d1" },
    });
    expect(result).toEqual({ ok: true, eventType: "DocumentCreated", violations: [] });
  });

  it("reports a missing level field as a critical isolation field, in the kit's field names", () => {
    const result = validator.validate({ type: "DocumentCreated", detail: { orgId: "o1", docId: "d1", actorId: "u1" } });
    expect(summary(result)).toEqual(["critical event.missingField detail.workspaceId"]);
    expect(result.violations[0]!.message).toMatch(
      /^\[event\.missingField\] DocumentCreated has no detail\.workspaceId/,
    );
  });

  it("checks ORG#…#WS#… keys against the detail's own org and workspace, nested ids and arrays too", () => {
    const result = validator.validate({
      type: "DocumentShared",
      detail: {
        ctx: { orgId: "o1", workspaceId: "w1" },
        docId: "d1",
        links: ["ORG#o1#WS#w1#DOC#d2", "ORG#o1#WS#w10#DOC#d3", "ORG#o2#WS#w1#DOC#d4", "ORG#o1#BILLING"],
      },
    });
    expect(summary(result)).toEqual([
      "critical event.keyMismatch detail.links.1",
      "critical event.keyMismatch detail.links.2",
    ]);
    expect(result.violations.map((found) => found.message)).toEqual([
      '[event.keyMismatch] DocumentShared detail.links.1 names WS "w10", but detail.ctx.workspaceId is "w1": the event points into another partition | build keys from the event\'s own ids | e.g. Entity.keys(detail)',
      '[event.keyMismatch] DocumentShared detail.links.2 names ORG "o2", but detail.ctx.orgId is "o1": the event points into another partition | build keys from the event\'s own ids | e.g. Entity.keys(detail)',
    ]);
  });

  it("an org-level event's keys are checked against its org, and TENANT#… keys are not the kit's", () => {
    const result = validator.validate({
      type: "OrgBillingPlanChanged",
      detail: { orgId: "o1", keys: ["ORG#o2#BILLING", "ORG#o1#WS#w9", "TENANT#o2#CAPSULE#c1"] },
    });
    expect(summary(result)).toEqual(["critical event.keyMismatch detail.keys.0"]);
    expect(result.violations[0]!.message).toContain("e.g. OrgBilling.keys(detail)");
  });

  it("a three-level kit's keys are compared level by level, and a one-level kit's on its one level", () => {
    const three = defineIsolation({
      levels: [
        { name: "org", field: "orgId", label: "ORG" },
        { name: "project", field: "projectId", label: "PRJ" },
        { name: "env", field: "envId", label: "ENV" },
      ],
    });
    const Deployed = three.defineEvent({
      type: "ServiceDeployed",
      detail: z.object({ orgId: three.ids.orgId(), projectId: three.ids.projectId(), envId: three.ids.envId() }),
    });
    const threeLevels = createEventValidator({ events: [Deployed] });
    const ids = { orgId: "o1", projectId: "p1", envId: "prod" };
    const keys = [
      "ORG#o1#PRJ#p1#ENV#prod#SVC#s1",
      "ORG#o1#PRJ#p1#ENV#prod",
      "ORG#o1#PRJ#p1#ENV#prod1",
      "ORG#o1#PRJ#p2#ENV#prod",
      "ORG#o2#PRJ#p1",
      "ORG#o1#PRJ#p1#PROD",
      "ORG#o1#PRJ#p1#ENV#",
      "ORG#o2#ENV#prod",
    ];
    const found = threeLevels.validate({ type: "ServiceDeployed", detail: { ...ids, keys } }).violations;
    expect(found.map((violation) => violation.message.slice(0, violation.message.indexOf(":")))).toEqual([
      '[event.keyMismatch] ServiceDeployed detail.keys.2 names ENV "prod1", but detail.envId is "prod"',
      '[event.keyMismatch] ServiceDeployed detail.keys.3 names PRJ "p2", but detail.projectId is "p1"',
      '[event.keyMismatch] ServiceDeployed detail.keys.4 names ORG "o2", but detail.orgId is "o1"',
      '[event.keyMismatch] ServiceDeployed detail.keys.6 names ENV "", but detail.envId is "prod"',
      '[event.keyMismatch] ServiceDeployed detail.keys.7 names ORG "o2", but detail.orgId is "o1"',
    ]);
    // An id the detail does not carry as a string is not compared; the levels it does carry still are.
    const partial = threeLevels.validate({ type: "ServiceDeployed", detail: { orgId: "o1", projectId: 7, keys } });
    expect(partial.violations.filter((violation) => violation.code === "event.keyMismatch").map((v) => v.path)).toEqual(
      ["detail.keys.4", "detail.keys.7"],
    );

    const one = defineIsolation({ levels: [{ name: "account", field: "accountId", label: "ACCOUNT" }] });
    const Opened = one.defineEvent({ type: "AccountOpened", detail: z.object({ accountId: one.ids.accountId() }) });
    const oneLevel = createEventValidator({ events: [Opened] });
    const opened = oneLevel.validate({
      type: "AccountOpened",
      detail: { accountId: "a1", keys: ["ACCOUNT#a1#USER#u1", "ACCOUNT#a1", "ACCOUNT#a10#USER#u1", "ORG#a2"] },
    });
    expect(opened.violations.map((violation) => `${violation.path} ${violation.message.split(":")[0]}`)).toEqual([
      'detail.keys.2 [event.keyMismatch] AccountOpened detail.keys.2 names ACCOUNT "a10", but detail.accountId is "a1"',
    ]);
  });
});

describe("related event types of a kit", () => {
  it("an org-level event is not expected to carry the workspace id its workspace-level relatives carry", () => {
    const Created = Doc.event("Created", { source: "docs" });
    const Deleted = Doc.event("Deleted", { source: "docs" });
    const Exported = defineEvent({
      type: "OrgExported",
      source: "docs",
      isolation: { level: "org", reason: "an export covers every workspace" },
      detail: z.object({ orgId: ids.orgId(), docId: z.string() }),
    });
    const validator = createEventValidator({ events: [Created, Deleted, Exported] });
    expect(validator.validate({ type: "OrgExported", detail: { orgId: "o1", docId: "d1" } }).violations).toEqual([]);
    // The workspace-level relatives still expect each other's fields: the relation itself is not lost.
    const Moved = defineEvent({
      type: "DocumentMoved",
      source: "docs",
      detail: z.object({ orgId: ids.orgId(), workspaceId: ids.workspaceId(), target: z.string() }),
    });
    const related = createEventValidator({ events: [Created, Deleted, Moved] });
    expect(
      related
        .validate({ type: "DocumentMoved", detail: { orgId: "o1", workspaceId: "w1", target: "w2" } })
        .violations.map((found) => `${found.code} ${found.path}`),
    ).toEqual(["event.relatedFieldMissing detail.docId"]);
  });
});

describe("runtime messages in the kit's words", () => {
  const o1 = ids.orgId().parse("o1");
  const w1 = ids.workspaceId().parse("w1");
  const doc = { orgId: o1, workspaceId: w1, docId: "d1", title: "Plan" };
  const scope = Doc.scope({ orgId: o1, workspaceId: w1 }, { table: "app_data" });
  const Created = Doc.event("Created", { detail: z.object({ actorId: z.string() }) });
  const validator = createEventValidator({ events: [Created] });
  const untypedValidator = createEventValidator as (options: unknown) => unknown;
  const policyTarget = { table: "app_data", region: "eu-west-1", accountId: "123456789012" };
  const messages = [
    thrownMessage(() => scope.put({ ...doc, workspaceId: ids.workspaceId().parse("w10") })),
    thrownMessage(() => scope.assertOwns({ ...doc, pk: "ORG#o1#WS#w10#DOC#d1", orgId: "o1", workspaceId: "w10" })),
    ...validator
      .validate({ type: "DocumentCreated", detail: { orgId: "o1", docId: "d1", actorId: "u1" } })
      .violations.map((found) => found.message),
    ...validator.validate({ kind: "DocumentCreated" }).violations.map((found) => found.message),
    ...validator.validate({ type: "DocumentCreatd", detail: {} }).violations.map((found) => found.message),
    thrownMessage(() => leadingKeysPolicy({ table: "app_data", region: "eu-west-1", accountId: "1", orgId: "o1" })),
    thrownMessage(() =>
      assertValidEvents(validator, [{ type: "DocumentCreated", detail: { orgId: "o1", docId: "d1", actorId: "u1" } }]),
    ),
    thrownMessage(() => createEventValidator({ events: [Created, Created] })),
    thrownMessage(() => untypedValidator({ events: [Created, { type: "DocumentShared" }] })),
    thrownMessage(() =>
      createEventValidator({ events: [Created], related: { groups: [["DocumentCreated", "Typo"]] } }),
    ),
    thrownMessage(() =>
      (defineEvent as (definition: unknown) => unknown)({ type: "DocumentShared", entity: {}, detail: z.object({}) }),
    ),
    thrownMessage(() =>
      leadingKeysPolicy({ ...policyTarget, workspaceId: "w1" } as unknown as Parameters<typeof leadingKeysPolicy>[0]),
    ),
    // Not a message, but the kit's words too: the policy's default statement id.
    leadingKeysPolicy({ ...policyTarget, orgId: "o1" }).Statement[0].Sid,
  ];

  it("name the scope's own entity, fields and level in the foreign-item examples", () => {
    expect(messages[0]).toBe(
      '[isolation.foreign] put is workspaceId "w10", not "w1", outside this scope\'s ORG#o1#WS#w1 | a scope reads and writes only its own workspace | e.g. Document.scope({ orgId, workspaceId }).put({ ...attrs, orgId, workspaceId })',
    );
    expect(messages[1]).toMatch(
      /^\[isolation\.foreign\] the item is workspaceId "w10", not "w1", outside this scope's ORG#o1#WS#w1 \|/,
    );
  });

  it("an org scope of a workspace entity speaks of its org and the indexes it reads", () => {
    const Page = defineEntity({
      name: "Page",
      schema: z.object({ orgId: ids.orgId(), workspaceId: ids.workspaceId(), pageId: z.string() }),
      pk: "ORG#${orgId}#WS#${workspaceId}#PAGE#${pageId}",
      indexes: {
        byOrg: {
          pk: "ORG#${orgId}#PAGES",
          sk: "${workspaceId}#${pageId}",
          isolation: { level: "org", reason: "org admins list every page" },
        },
      },
    });
    const foreign = Page.toItem({ orgId: ids.orgId().parse("o2"), workspaceId: w1, pageId: "p1" });
    expect(thrownMessage(() => Page.scope({ orgId: o1 }, { table: "app_data" }).assertOwns(foreign))).toBe(
      '[isolation.foreign] the item is orgId "o2", not "o1", outside this scope\'s ORG#o1 | this org scope reads only its own org\'s items, through byOrg | e.g. Page.scope({ orgId }).query({ index: "byOrg" })',
    );
  });

  it("build the validator's examples from the declared events and their fields", () => {
    expect(messages.slice(2, 5)).toEqual([
      "[event.missingField] DocumentCreated has no detail.workspaceId, a required isolation field | emit every field its detail schema requires: without it no consumer can scope the event | e.g. detail: { orgId, workspaceId, docId, actorId }",
      '[event.notAnEvent] input is not an event: an object without "detail-type" or "type" | send an EventBridge envelope with "detail-type", source and detail, or a flat { type, detail } | e.g. { type: "DocumentCreated", detail: { orgId, workspaceId, docId, actorId } }',
      '[event.unknownType] type "DocumentCreatd" names no declared event type | declare it with defineEvent() or Entity.event() and pass it to createEventValidator, or fix the name | e.g. createEventValidator({ events: [DocumentCreated, …] })',
    ]);
  });

  it("build the examples of event options, assertValidEvents and the policy from the kit and the declared events", () => {
    expect(messages.slice(6)).toEqual([
      "[event.invalidEvents] 1 of 1 emitted events are invalid | fix the emitter so each carries what its type declares (violations below, most severe first) | e.g. DocumentCreated detail: { orgId, workspaceId, docId, actorId }\n" +
        `  #0 ✖ ${messages[2]}\n       → at detail.workspaceId`,
      '[event.invalidOption] events must be event definitions with distinct types ("DocumentCreated" appears twice) | pass it as the types describe | e.g. events: [DocumentCreated]',
      "[event.invalidOption] events must be an array of event definitions made by defineEvent() or Entity.event() | pass it as the types describe | e.g. events: [DocumentCreated]",
      '[event.invalidOption] related.groups must be lists of declared event types ("Typo" is not one) | pass it as the types describe | e.g. groups: [["DocumentCreated"]]',
      '[event.invalidOption] entity must be an entity made by defineEntity() | pass it as the types describe | e.g. entity: defineEntity({ name, schema: z.object({ orgId: ids.orgId(), workspaceId: ids.workspaceId(), id: z.string() }), pk: "ORG#${orgId}#WS#${workspaceId}#ROLE#${id}" })',
      '[policy.invalid] leadingKeysPolicy orgId is missing | give a 12-digit account, a region, ids without "#", tag keys of letters, digits and _.:/=+-@ | e.g. leadingKeysPolicy({ table, region: "eu-west-1", accountId: "123456789012", orgId: { principalTag: "orgId" } })',
      "OrgWsLeadingKeys",
    ]);
    // The default kit's statement id is unchanged; a label with underscores loses them (a Sid is letters and digits).
    const units = defineIsolation({ levels: [{ name: "unit", field: "unitId", label: "ORG_UNIT" }] });
    expect(units.leadingKeysPolicy({ ...policyTarget, unitId: "u1" }).Statement[0].Sid).toBe("OrgUnitLeadingKeys");
  });

  it("give the policy's example a tag key IAM takes, for a field with characters a tag key refuses", () => {
    for (const field of ["orgId", "acct_id", "prj$", "$", "$ws$"]) {
      const kit = defineIsolation({ levels: [{ name: "org", field: field as "orgId", label: "ORG" }] });
      const message = thrownMessage(() => kit.leadingKeysPolicy({ ...policyTarget } as never));
      const tag = new RegExp(String.raw`, ${field.replaceAll("$", "\\$")}: \{ principalTag: "([^"]*)" \} \}\)$`).exec(
        message,
      )?.[1];
      expect(tag, message).toBeDefined();
      // The example, as written, makes a policy whose LeadingKeys read that principal tag.
      const policy = kit.leadingKeysPolicy({ ...policyTarget, [field]: { principalTag: tag! } } as never);
      expect(JSON.stringify(policy)).toContain(`ORG#\${aws:PrincipalTag/${tag!}}`);
    }
  });

  it("never speak of tenants or capsules in an org/workspace kit", () => {
    expect(messages).toHaveLength(13);
    for (const message of messages) expect(message).not.toMatch(/tenant|capsule|RoleAssignment|platform_data/i);
  });
});

describe("brands across kits", () => {
  it("two kits with the same labels and fields share their brands: their ids build the same keys (documented)", () => {
    const same = defineIsolation({
      levels: [
        { name: "organization", field: "orgId", label: "ORG" },
        { name: "space", field: "workspaceId", label: "WS" },
      ],
    });
    const fromOther = same.ids.orgId().parse("o1");
    expectTypeOf(fromOther).toEqualTypeOf<OrgId>();
    // The keys agree too, so an id of one is an id of the other, in the types and at runtime alike: the other
    // kit's id schema declares this kit's field.
    expect(Doc.keys({ orgId: fromOther, workspaceId: ids.workspaceId().parse("w1"), docId: "d1" }).pk).toBe(
      "ORG#o1#WS#w1#DOC#d1",
    );
    const Shared = defineEntity({
      name: "Shared",
      schema: z.object({ orgId: same.ids.orgId(), workspaceId: same.ids.workspaceId(), id: z.string() }),
      pk: "ORG#${orgId}#WS#${workspaceId}#SHARED#${id}",
    });
    expect(Shared.isolation).toMatchObject({ level: "workspace", kit: "ORG#WS" });
  });
});

describe("a kit's leadingKeysPolicy", () => {
  const table = defineTable({ name: "app_data", pk: "PK", sk: "SK", indexes: { byTitle: { pk: "GSI1PK" } } });
  const base = { table, region: "eu-west-1", accountId: "123456789012" } as const;
  const tableArn = "arn:aws:dynamodb:eu-west-1:123456789012:table/app_data";
  const query = (policy: unknown, leadingKeys?: readonly string[], principalTags?: Record<string, string>) =>
    decide({
      policies: [policy],
      resource: tableArn,
      ...(leadingKeys === undefined ? {} : { leadingKeys }),
      ...(principalTags === undefined ? {} : { principalTags }),
    });

  it("is in the kit's labels, one parameter per level field, with tags and literals", async () => {
    const policy = leadingKeysPolicy({ ...base, orgId: { principalTag: "orgId" }, workspaceId: "eng" });
    expect(policy.Statement[0].Condition).toEqual({
      "ForAllValues:StringLike": {
        "dynamodb:LeadingKeys": ["ORG#${aws:PrincipalTag/orgId}#WS#eng", "ORG#${aws:PrincipalTag/orgId}#WS#eng#*"],
      },
      Null: { "dynamodb:LeadingKeys": "false", "aws:PrincipalTag/orgId": "false" },
    });
    expect(policy.Statement[0].Resource).toEqual([tableArn, `${tableArn}/index/byTitle`]);
    const tags = { orgId: "o1" };
    expect(await query(policy, ["ORG#o1#WS#eng"], tags)).toBe("Allowed");
    expect(await query(policy, ["ORG#o1#WS#eng#DOC#d1"], tags)).toBe("Allowed");
    expect(await query(policy, ["ORG#o1#WS#engineering#DOC#d1"], tags)).toBe("ImplicitlyDenied");
    expect(await query(policy, ["ORG#o2#WS#eng#DOC#d1"], tags)).toBe("ImplicitlyDenied");
    expect(await query(policy, ["ORG#o1"], tags)).toBe("ImplicitlyDenied");
    expect(await query(policy, ["TENANT#o1#CAPSULE#eng"], tags)).toBe("ImplicitlyDenied");
    expect(await query(policy, undefined, tags)).toBe("ImplicitlyDenied");
  });

  it("confines an org-wide principal to its org's partitions when the inner level is left out", async () => {
    const policy = leadingKeysPolicy({ ...base, orgId: "o1" });
    expect(policy.Statement[0].Condition["ForAllValues:StringLike"]["dynamodb:LeadingKeys"]).toEqual([
      "ORG#o1",
      "ORG#o1#*",
    ]);
    expect(await query(policy, ["ORG#o1#BILLING"])).toBe("Allowed");
    expect(await query(policy, ["ORG#o1#WS#w7#DOC#d1"])).toBe("Allowed");
    expect(await query(policy, ["ORG#o10#BILLING"])).toBe("ImplicitlyDenied");
  });

  it("refuses a missing outer level, an inner level without its outer one, and bad ids, in the kit's words", () => {
    // @ts-expect-error: orgId is required
    expect(() => leadingKeysPolicy({ ...base, workspaceId: "eng" })).toThrow(
      /^\[policy\.invalid\] leadingKeysPolicy orgId is missing \| .* e\.g\. leadingKeysPolicy\(\{ table, region: "eu-west-1", accountId: "123456789012", orgId: \{ principalTag: "orgId" \} \}\)$/,
    );
    expect(() => leadingKeysPolicy({ ...base, orgId: "o1", workspaceId: "a#WS#b" })).toThrow(
      /workspaceId is "a#WS#b", which cannot be a key part/,
    );
    const threeLevels = defineIsolation({
      levels: [
        { name: "org", field: "orgId", label: "ORG" },
        { name: "project", field: "projectId", label: "PRJ" },
        { name: "env", field: "envId", label: "ENV" },
      ],
    });
    // @ts-expect-error: envId without projectId, the level outside it, names no partition
    expect(() => threeLevels.leadingKeysPolicy({ ...base, orgId: "o1", envId: "prod" })).toThrow(
      /envId is given without projectId, the level outside it/,
    );
    expect(
      threeLevels.leadingKeysPolicy({ ...base, orgId: "o1", projectId: "p1", envId: "prod" }).Statement[0].Condition[
        "ForAllValues:StringLike"
      ]["dynamodb:LeadingKeys"],
    ).toEqual(["ORG#o1#PRJ#p1#ENV#prod", "ORG#o1#PRJ#p1#ENV#prod#*"]);
  });
});
