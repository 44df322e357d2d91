/**
 * defineEvent's runtime behaviour beyond its rules: opt-outs that pass, levels inherited from an entity, and
 * plain JavaScript callers. Every rule that fails to compile is a compile-fail fixture
 * (types-tests/compile-fail/events-*.ts), whose diagnostics are snapshotted under TS 5.9, 6.0 and 7.0 and whose
 * runtime twins must throw the very text the compiler printed.
 */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { capsuleId, defineEntity, defineEvent, EntityDefinitionError, tenantId } from "capsule-entity";
import { eventNameNotLiteralMessage, invalidEventOptionMessage } from "../src/messages.js";

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

describe("defineEvent: levels", () => {
  it("opt-outs with a reason pass, and the detail is checked at their level", () => {
    const SessionStarted = defineEvent({
      type: "SessionStarted",
      isolation: { level: "tenant", reason: "tenant-wide" },
      detail: z.object({ tenantId: tenantId() }),
    });
    expect(SessionStarted.isolation).toEqual({ level: "tenant", tenant: "tenantId", prefix: "TENANT#${tenantId}" });
    const RatesPublished = defineEvent({
      type: "RatesPublished",
      isolation: { level: "global", reason: "public reference data" },
      detail: z.object({ rate: z.number() }),
    });
    expect(RatesPublished.isolation).toEqual({ level: "global" });
  });

  it("inherits the entity's level: tenant (no capsuleId needed); a stronger level is allowed", () => {
    const SettingsChanged = defineEvent({
      type: "SettingsChanged",
      entity: Settings,
      detail: z.object({ tenantId: tenantId(), id: z.string() }),
    });
    expect(SettingsChanged.isolation.level).toBe("tenant");
    expect(SettingsChanged.entity).toBe("Settings");
    const Stronger = defineEvent({
      type: "SettingsViewed",
      entity: Settings,
      isolation: "capsule",
      detail: z.object({ tenantId: tenantId(), capsuleId: capsuleId() }),
    });
    expect(Stronger.isolation.level).toBe("capsule");
  });
});

describe("Entity.event", () => {
  it("a verb only known to be a string is a compile error alone (fixture WidenedVerb): at runtime it is a name", () => {
    const untypedEvent = RoleAssignment.event as (verb: unknown, options?: unknown) => { readonly type: string };
    expect(untypedEvent(computed).type).toBe("RoleAssignmentRoleCreated");
  });
});

describe("plain JS callers", () => {
  it("options of the wrong kind throw the catalog message", () => {
    const detail = z.object({ tenantId: tenantId(), capsuleId: capsuleId() });
    const untyped = defineEvent as (definition: unknown) => unknown;
    expect(() => untyped({ type: 42, detail })).toThrow(eventNameNotLiteralMessage("type"));
    expect(() => untyped({ type: "A", detail: { tenantId: "t" } })).toThrow(
      invalidEventOptionMessage("detail", "a zod object schema", "detail: z.object({ actorId: z.string() })"),
    );
    expect(() => untyped({ type: "A", detail, source: 42 })).toThrow(
      invalidEventOptionMessage("source", "a string", 'source: "auth"'),
    );
    expect(() => untyped({ type: "A", detail, entity: { name: "X" } })).toThrow(EntityDefinitionError);
    expect(() => untyped({ type: "A", detail, isolation: "tenent" })).toThrow("[isolation.unknownLevel]");
    const untypedEvent = RoleAssignment.event as (verb: unknown, options?: unknown) => unknown;
    expect(() => untypedEvent("Created", { detail: "actorId" })).toThrow("[event.invalidOption] detail");
    expect(() => untypedEvent("Created", { source: ["auth"] })).toThrow("[event.invalidOption] source");
  });
});
