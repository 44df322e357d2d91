import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineEntity } from "../kit.js";
import { defineEvent } from "./define-event.js";
import { relatedRequirements, requiredPaths } from "./event-relations.js";
import { capsuleId, tenantId } from "../ids.js";

const Account = defineEntity({
  name: "Account",
  schema: z.object({ tenantId: tenantId(), capsuleId: capsuleId(), accountId: z.string(), plan: z.string() }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#ACCOUNT#${accountId}",
});
const AccountCreated = Account.event("Created", {
  source: "crm",
  detail: z.object({ plan: z.string(), actorId: z.string() }),
});
const AccountClosed = Account.event("Closed", { source: "billing", detail: z.object({ actorId: z.string() }) });
const AccountsExported = defineEvent({
  type: "AccountsExported",
  entity: Account,
  source: "reports",
  detail: z.object({ tenantId: tenantId(), capsuleId: capsuleId(), count: z.number() }),
});
const LeadCaptured = defineEvent({
  type: "LeadCaptured",
  source: "crm",
  isolation: { level: "global", reason: "anonymous web leads, no tenant yet" },
  detail: z.object({ leadId: z.string(), actorId: z.string().optional() }),
});

describe("requiredPaths", () => {
  it("lists required fields at the top level and one level down, skipping optional ones and their children", () => {
    const shape = z.object({
      a: z.string(),
      b: z.string().optional(),
      c: z.object({ d: z.string(), e: z.number().nullable(), f: z.object({ g: z.string() }) }),
      h: z.object({ i: z.string() }).optional(),
    }).shape;
    expect([...requiredPaths(shape)]).toEqual(["a", "c", "c.d", "c.f"]);
  });
});

describe("relatedRequirements", () => {
  it("same entity: a field all the entity's other events require", () => {
    const requirements = relatedRequirements([AccountCreated, AccountClosed, AccountsExported], { source: false });
    expect(requirements.get("AccountsExported")).toEqual([
      { path: "actorId", related: "same entity Account: AccountCreated, AccountClosed" },
      { path: "accountId", related: "same entity Account: AccountCreated, AccountClosed" },
    ]);
    // AccountsExported is one of their relatives and lacks actorId: nothing is common beyond their own fields.
    expect(requirements.has("AccountCreated")).toBe(false);
  });

  it("one relative is no pattern (minSupport 2 by default); a type that opted out of isolation is not expected to carry its fields", () => {
    expect(relatedRequirements([AccountCreated, LeadCaptured], { entity: false }).size).toBe(0);
    const requirements = relatedRequirements([AccountCreated, LeadCaptured], { entity: false, minSupport: 1 });
    // No tenantId or capsuleId: LeadCaptured is global, with a reason. actorId is expected though optional there.
    expect(requirements.get("LeadCaptured")?.map((requirement) => requirement.path)).toEqual([
      "plan",
      "actorId",
      "accountId",
    ]);
    expect(requirements.get("LeadCaptured")?.[0]?.related).toBe('same source "crm": AccountCreated');
  });

  it("explicit groups need no support; relations can be turned off", () => {
    const requirements = relatedRequirements([AccountClosed, AccountsExported], {
      entity: false,
      groups: [["AccountClosed", "AccountsExported"]],
    });
    expect(requirements.get("AccountsExported")).toEqual([
      { path: "actorId", related: "group 1: AccountClosed" },
      { path: "accountId", related: "group 1: AccountClosed" },
    ]);
    expect(
      relatedRequirements([AccountCreated, AccountClosed, AccountsExported, LeadCaptured], {
        entity: false,
        source: false,
      }).size,
    ).toBe(0);
  });

  it("does not expect isolation fields a type carries one level down (context.capsuleId) where the others carry them at the top, or the reverse", () => {
    const flat = (type: "DocumentCreated" | "DocumentDeleted" | "DocumentShared") =>
      defineEvent({
        type,
        source: "docs",
        detail: z.object({ tenantId: tenantId(), capsuleId: capsuleId(), documentId: z.string() }),
      });
    const nested = (type: "DocumentCreated" | "DocumentDeleted" | "DocumentShared") =>
      defineEvent({
        type,
        source: "docs",
        detail: z.object({
          context: z.object({ tenantId: tenantId(), capsuleId: capsuleId() }),
          documentId: z.string(),
        }),
      });
    expect(
      relatedRequirements([flat("DocumentCreated"), flat("DocumentDeleted"), nested("DocumentShared")]).get(
        "DocumentShared",
      ),
    ).toBeUndefined();
    expect(
      relatedRequirements([nested("DocumentCreated"), nested("DocumentDeleted"), flat("DocumentShared")]).get(
        "DocumentShared",
      ),
    ).toBeUndefined();
    // A field the others carry besides their isolation is still expected.
    const withActor = (type: "DocumentCreated" | "DocumentDeleted" | "DocumentShared") =>
      defineEvent({
        type,
        source: "docs",
        detail: z.object({ tenantId: tenantId(), capsuleId: capsuleId(), documentId: z.string(), actorId: z.string() }),
      });
    expect(
      relatedRequirements([withActor("DocumentCreated"), withActor("DocumentDeleted"), nested("DocumentShared")]).get(
        "DocumentShared",
      ),
    ).toEqual([{ path: "actorId", related: 'same source "docs": DocumentCreated, DocumentDeleted' }]);
  });

  it("names at most three related types in the message", () => {
    const many = (["A", "B", "C", "D", "E"] as const).map((type) =>
      defineEvent({
        type,
        source: "s",
        detail: z.object({ tenantId: tenantId(), capsuleId: capsuleId(), actorId: z.string() }),
      }),
    );
    const odd = defineEvent({
      type: "Odd",
      source: "s",
      detail: z.object({ tenantId: tenantId(), capsuleId: capsuleId() }),
    });
    expect(relatedRequirements([...many, odd]).get("Odd")).toEqual([
      { path: "actorId", related: 'same source "s": A, B, C and 2 more' },
    ]);
  });
});
