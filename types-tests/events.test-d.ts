import { describe, expectTypeOf, it } from "vitest";
import { z } from "zod";
import {
  capsuleId,
  createEventValidator,
  defineEntity,
  defineEvent,
  tenantId,
  type CapsuleId,
  type EventDefinition,
  type EventEnvelope,
  type InferEvent,
  type InferEventDetail,
  type TenantId,
} from "capsule-entity";

const RoleAssignment = defineEntity({
  name: "RoleAssignment",
  schema: z.object({
    tenantId: tenantId(),
    capsuleId: capsuleId(),
    id: z.string(),
    role: z.string(),
    note: z.string().optional(),
  }),
  pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#ROLE#${id}",
  sk: "METADATA",
});
const Document = defineEntity({
  name: "Document",
  schema: z.object({
    context: z.object({ tenantId: tenantId(), capsuleId: capsuleId(), locale: z.string() }),
    id: z.string(),
    version: z.number(),
  }),
  pk: "TENANT#${context.tenantId}#CAPSULE#${context.capsuleId}#DOC#${id}",
  sk: "V#${version}",
  indexes: { byLocale: { pk: "TENANT#${context.tenantId}#CAPSULE#${context.capsuleId}#LOCALE#${context.locale}" } },
});
const Settings = defineEntity({
  name: "Settings",
  schema: z.object({ tenantId: tenantId(), key: z.string(), value: z.string() }),
  pk: "TENANT#${tenantId}#SETTINGS#${key}",
  isolation: { level: "tenant", reason: "tenant-wide configuration" },
});

describe("Entity.event: derived types", () => {
  it("is typed `${EntityName}${Verb}`; a union of verbs gives a union of types", () => {
    expectTypeOf(RoleAssignment.event("Created").type).toEqualTypeOf<"RoleAssignmentCreated">();
    expectTypeOf(RoleAssignment.event("Created" as "Created" | "Deleted").type).toEqualTypeOf<
      "RoleAssignmentCreated" | "RoleAssignmentDeleted"
    >();
  });

  it("carries the isolation and key fields, not the other attributes", () => {
    expectTypeOf<InferEventDetail<ReturnType<typeof RoleAssignment.event<"Created">>>>().toEqualTypeOf<{
      tenantId: TenantId;
      capsuleId: CapsuleId;
      id: string;
    }>();
  });

  it("adds the extra detail", () => {
    const Revoked = RoleAssignment.event("Revoked", {
      detail: z.object({ revokedBy: z.string(), reason: z.string().optional() }),
    });
    expectTypeOf<InferEventDetail<typeof Revoked>>().toEqualTypeOf<{
      tenantId: TenantId;
      capsuleId: CapsuleId;
      id: string;
      revokedBy: string;
      reason?: string | undefined;
    }>();
  });

  it("nests the nested key fields, with only the children the templates read (index templates included)", () => {
    const Published = Document.event("Published");
    expectTypeOf<InferEventDetail<typeof Published>>().toEqualTypeOf<{
      context: { tenantId: TenantId; capsuleId: CapsuleId; locale: string };
      id: string;
      version: number;
    }>();
    expectTypeOf(Published.isolation).toEqualTypeOf<(typeof Document)["isolation"]>();
  });

  it("types the envelope with a literal source when one is given, else any string", () => {
    const Created = RoleAssignment.event("Created", { source: "auth" });
    expectTypeOf<InferEvent<typeof Created>>().toEqualTypeOf<
      EventEnvelope<"RoleAssignmentCreated", "auth", InferEventDetail<typeof Created>>
    >();
    expectTypeOf<InferEvent<typeof Created>["source"]>().toEqualTypeOf<"auth">();
    expectTypeOf<InferEvent<ReturnType<typeof RoleAssignment.event<"Created">>>["source"]>().toEqualTypeOf<string>();
    expectTypeOf(Created.source).toEqualTypeOf<"auth">();
  });

  it("an entity with tenant isolation gives tenant-level events without capsuleId", () => {
    const Changed = Settings.event("Changed");
    expectTypeOf<InferEventDetail<typeof Changed>>().toEqualTypeOf<{ tenantId: TenantId; key: string }>();
    expectTypeOf(Changed.isolation.level).toEqualTypeOf<"tenant">();
  });
});

describe("defineEvent: derived types", () => {
  const CapsuleArchived = defineEvent({
    type: "CapsuleArchived",
    source: "platform",
    detail: z.object({ tenantId: tenantId(), capsuleId: capsuleId(), archivedBy: z.string() }),
  });

  it("keeps the literal type and source, and the detail schema as given", () => {
    expectTypeOf(CapsuleArchived.type).toEqualTypeOf<"CapsuleArchived">();
    expectTypeOf(CapsuleArchived.source).toEqualTypeOf<"platform">();
    expectTypeOf<InferEventDetail<typeof CapsuleArchived>>().toEqualTypeOf<{
      tenantId: TenantId;
      capsuleId: CapsuleId;
      archivedBy: string;
    }>();
  });

  it("resolves where the isolation fields sit", () => {
    expectTypeOf(CapsuleArchived.isolation.level).toEqualTypeOf<"capsule">();
    expectTypeOf(CapsuleArchived.isolation.capsule).toEqualTypeOf<"capsuleId">();
    const Nested = defineEvent({
      type: "Nested",
      detail: z.object({ scope: z.object({ tenantId: tenantId(), capsuleId: capsuleId() }) }),
    });
    expectTypeOf(Nested.isolation.tenant).toEqualTypeOf<"scope.tenantId">();
  });

  it("no source: undefined on the definition, any string in the envelope", () => {
    const Loose = defineEvent({ type: "Loose", detail: z.object({ tenantId: tenantId(), capsuleId: capsuleId() }) });
    expectTypeOf(Loose.source).toEqualTypeOf<undefined>();
    expectTypeOf<InferEvent<typeof Loose>["source"]>().toEqualTypeOf<string>();
  });

  it("inherits the level of its entity, and may opt out with a reason", () => {
    const SettingsImported = defineEvent({
      type: "SettingsImported",
      entity: Settings,
      detail: z.object({ tenantId: tenantId(), count: z.number() }),
    });
    expectTypeOf(SettingsImported.isolation.level).toEqualTypeOf<"tenant">();
    const Rates = defineEvent({
      type: "RatesPublished",
      isolation: { level: "global", reason: "public reference data" },
      detail: z.object({ rate: z.number() }),
    });
    expectTypeOf(Rates.isolation).toEqualTypeOf<{ readonly level: "global" }>();
  });

  it("an `any` detail is not checked by the compiler (the runtime twin still is)", () => {
    const Untyped = defineEvent({ type: "Untyped", detail: z.object({}) as any });
    expectTypeOf(Untyped.type).toEqualTypeOf<"Untyped">();
  });
});

describe("createEventValidator", () => {
  it("takes every kind of event definition", () => {
    const events = [
      RoleAssignment.event("Created"),
      Document.event("Published", { source: "docs" }),
      Settings.event("Changed"),
    ] as const;
    expectTypeOf(events[1]).toExtend<EventDefinition>();
    expectTypeOf(createEventValidator({ events }).validate(null).eventType).toEqualTypeOf<string | null>();
  });

  it("rejects what is not an event definition", () => {
    // @ts-expect-error an entity is not an event definition
    createEventValidator({ events: [RoleAssignment] });
  });
});
