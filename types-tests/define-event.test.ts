/**
 * Each event definition rule, both sides in one case: `@ts-expect-error` on the offending line (tsc checks
 * this file) and the runtime twin throwing the same catalog message. The exact compiler text is snapshotted
 * from types-tests/compile-fail/events-*.ts.
 */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { capsuleId, defineEntity, defineEvent, EntityDefinitionError, tenantId } from "capsule-entity";
import {
  ambiguousFieldMessage,
  detailOverlapMessage,
  eventNameNotLiteralMessage,
  fieldTooDeepMessage,
  invalidEventOptionMessage,
  missingFieldMessage,
  missingReasonMessage,
  optionalFieldMessage,
  weakerIsolationMessage,
  wrongTypeMessage,
} from "../src/messages.js";

const RoleAssignment = defineEntity({
  name: "RoleAssignment",
  schema: z.object({ tenantId: tenantId(), capsuleId: capsuleId(), id: z.string() }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#ROLE#${id}",
});
const Settings = defineEntity({
  name: "Settings",
  schema: z.object({ tenantId: tenantId(), id: z.string() }),
  pk: "TENANT#${tenantId}#SETTINGS#${id}",
  isolation: { level: "tenant", reason: "tenant-wide configuration" },
});
/** A type that is only known to be a string, as a computed name would be. */
const computed = ["Role", "Created"].join("") as string;

describe("defineEvent: rule 1 on the detail, capsule isolation by default", () => {
  it("a detail without capsuleId", () => {
    expect(() =>
      // @ts-expect-error [isolation.missingField] the detail lacks capsuleId
      defineEvent({ type: "RoleAssignmentCreated", detail: z.object({ tenantId: tenantId(), id: z.string() }) }),
    ).toThrow(missingFieldMessage("capsuleId", "capsule"));
  });

  it("a detail without tenantId", () => {
    expect(() =>
      // @ts-expect-error [isolation.missingField] the detail lacks tenantId
      defineEvent({ type: "RoleAssignmentCreated", detail: z.object({ capsuleId: capsuleId(), id: z.string() }) }),
    ).toThrow(missingFieldMessage("tenantId", "capsule"));
  });

  it("an optional capsuleId", () => {
    expect(() =>
      // @ts-expect-error [isolation.optionalField] capsuleId may be absent
      defineEvent({ type: "RoleAssignmentCreated", detail: z.object({ tenantId: tenantId(), capsuleId: capsuleId().optional() }) }),
    ).toThrow(optionalFieldMessage("capsuleId", "capsuleId"));
  });

  it("a capsuleId that is a plain string", () => {
    expect(() =>
      // @ts-expect-error [isolation.wrongType] capsuleId is not branded
      defineEvent({ type: "RoleAssignmentCreated", detail: z.object({ tenantId: tenantId(), capsuleId: z.string() }) }),
    ).toThrow(wrongTypeMessage("capsuleId", "capsuleId"));
  });

  it("a capsuleId two levels down", () => {
    expect(() =>
      // @ts-expect-error [isolation.fieldTooDeep] meta.scope.capsuleId is too deep
      defineEvent({ type: "RoleAssignmentCreated", detail: z.object({ tenantId: tenantId(), meta: z.object({ scope: z.object({ capsuleId: capsuleId() }) }) }) }),
    ).toThrow(fieldTooDeepMessage("capsuleId", "meta.scope.capsuleId"));
  });

  it("a tenantId in two places", () => {
    expect(() =>
      // @ts-expect-error [isolation.ambiguousField] tenantId at the top and in context
      defineEvent({ type: "RoleAssignmentCreated", detail: z.object({ tenantId: tenantId(), capsuleId: capsuleId(), context: z.object({ tenantId: tenantId() }) }) }),
    ).toThrow(ambiguousFieldMessage("tenantId", "tenantId and context.tenantId"));
  });

  it("an opt-out without a reason", () => {
    expect(() =>
      // @ts-expect-error [isolation.missingReason] the reason is empty
      defineEvent({ type: "SessionStarted", isolation: { level: "tenant", reason: "" }, detail: z.object({ tenantId: tenantId() }) }),
    ).toThrow(missingReasonMessage("tenant"));
  });

  it("an empty type", () => {
    // @ts-expect-error [event.typeNotLiteral] the type is empty
    expect(() => defineEvent({ type: "", detail: z.object({ tenantId: tenantId(), capsuleId: capsuleId() }) })).toThrow(eventNameNotLiteralMessage("type"));
  });

  it("a type widened to string: a compile error only, since at runtime it is just a string", () => {
    expect(() =>
      // @ts-expect-error [event.typeNotLiteral] the type is a plain string
      defineEvent({ type: computed, detail: z.object({ tenantId: tenantId(), capsuleId: capsuleId() }) }),
    ).not.toThrow();
    expect(() => (defineEvent as (definition: unknown) => unknown)({ type: 42, detail: z.object({ tenantId: tenantId(), capsuleId: capsuleId() }) })).toThrow(
      eventNameNotLiteralMessage("type"),
    );
  });

  it("opt-outs with a reason pass, and the detail is checked at their level", () => {
    const SessionStarted = defineEvent({ type: "SessionStarted", isolation: { level: "tenant", reason: "tenant-wide" }, detail: z.object({ tenantId: tenantId() }) });
    expect(SessionStarted.isolation).toEqual({ level: "tenant", tenant: "tenantId", prefix: "TENANT#${tenantId}" });
    const RatesPublished = defineEvent({ type: "RatesPublished", isolation: { level: "global", reason: "public reference data" }, detail: z.object({ rate: z.number() }) });
    expect(RatesPublished.isolation).toEqual({ level: "global" });
  });
});

describe("defineEvent: an event about an entity carries the entity's isolation fields", () => {
  it("inherits the entity's level: capsule", () => {
    expect(() =>
      // @ts-expect-error [isolation.missingField] RoleAssignment is capsule-isolated
      defineEvent({ type: "RoleAssignmentsImported", entity: RoleAssignment, detail: z.object({ tenantId: tenantId(), count: z.number() }) }),
    ).toThrow(missingFieldMessage("capsuleId", "capsule"));
  });

  it("may not declare a weaker level than the entity's", () => {
    expect(() =>
      // @ts-expect-error [event.weakerIsolation] tenant is weaker than RoleAssignment's capsule
      defineEvent({ type: "RoleAssignmentsImported", entity: RoleAssignment, isolation: { level: "tenant", reason: "bulk" }, detail: z.object({ tenantId: tenantId() }) }),
    ).toThrow(weakerIsolationMessage("tenant", "RoleAssignment", "capsule"));
  });

  it("inherits the entity's level: tenant (no capsuleId needed); a stronger level is allowed", () => {
    const SettingsChanged = defineEvent({ type: "SettingsChanged", entity: Settings, detail: z.object({ tenantId: tenantId(), id: z.string() }) });
    expect(SettingsChanged.isolation.level).toBe("tenant");
    expect(SettingsChanged.entity).toBe("Settings");
    const Stronger = defineEvent({ type: "SettingsViewed", entity: Settings, isolation: "capsule", detail: z.object({ tenantId: tenantId(), capsuleId: capsuleId() }) });
    expect(Stronger.isolation.level).toBe("capsule");
  });
});

describe("Entity.event", () => {
  it("an empty verb; a verb widened to string (compile error only)", () => {
    // @ts-expect-error [event.typeNotLiteral] the verb is empty
    expect(() => RoleAssignment.event("")).toThrow(eventNameNotLiteralMessage("verb"));
    // @ts-expect-error [event.typeNotLiteral] the verb is a plain string
    expect(RoleAssignment.event(computed).type).toBe("RoleAssignmentRoleCreated");
  });

  it("extra detail that redeclares an isolation or key field", () => {
    // @ts-expect-error [event.detailOverlap] capsuleId comes from the entity, and must stay required
    expect(() => RoleAssignment.event("Created", { detail: z.object({ capsuleId: capsuleId().optional() }) })).toThrow(
      detailOverlapMessage("capsuleId", "RoleAssignment"),
    );
    // @ts-expect-error [event.detailOverlap] two key fields at once are summarized
    expect(() => RoleAssignment.event("Created", { detail: z.object({ id: z.number(), tenantId: z.string() }) })).toThrow(
      detailOverlapMessage("more than one field", "RoleAssignment"),
    );
  });
});

describe("plain JS callers", () => {
  it("options of the wrong kind throw the catalog message", () => {
    const detail = z.object({ tenantId: tenantId(), capsuleId: capsuleId() });
    const untyped = defineEvent as (definition: unknown) => unknown;
    expect(() => untyped({ type: "A", detail: { tenantId: "t" } })).toThrow(
      invalidEventOptionMessage("detail", "a zod object schema", "detail: z.object({ actorId: z.string() })"),
    );
    expect(() => untyped({ type: "A", detail, source: 42 })).toThrow(invalidEventOptionMessage("source", "a string", 'source: "auth"'));
    expect(() => untyped({ type: "A", detail, entity: { name: "X" } })).toThrow(EntityDefinitionError);
    expect(() => untyped({ type: "A", detail, isolation: "tenent" })).toThrow("[isolation.unknownLevel]");
    const untypedEvent = RoleAssignment.event as (verb: unknown, options?: unknown) => unknown;
    expect(() => untypedEvent("Created", { detail: "actorId" })).toThrow("[event.invalidOption] detail");
    expect(() => untypedEvent("Created", { source: ["auth"] })).toThrow("[event.invalidOption] source");
  });
});
