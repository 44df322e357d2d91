// Per-index opt-outs (`indexes.<name>.isolation`): an index of a capsule entity keyed by an outer level, with a
// literal reason. The line after each `expect-error` comment is where the compiler must complain, with the same
// text the runtime twin throws.
import { z } from "zod";
import { capsuleId, defineEntity, defineIsolation, tenantId } from "capsule-entity";

const schema = z.object({ tenantId: tenantId(), capsuleId: capsuleId(), id: z.string() });
const pk = "TENANT#${tenantId}#CAPSULE#${capsuleId}#DOC#${id}";
const reason: string = "computed at runtime";
const computed: string = "TENANT#${tenantId}#DOCS";

export const indexAtTheEntityLevel = () =>
  defineEntity({
    name: "Document",
    schema,
    pk,
    indexes: {
      byTenant: {
        pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#DOCS",
        // expect-error: index.unknownLevel
        isolation: { level: "capsule", reason: "not an outer level" },
      },
    },
  });

export const indexAtAnUnknownLevel = () =>
  defineEntity({
    name: "Document",
    schema,
    pk,
    indexes: {
      // expect-error: index.unknownLevel
      byTenant: { pk: "TENANT#${tenantId}#DOCS", isolation: { level: "tenent", reason: "tenant admins" } },
    },
  });

export const indexBlankReason = () =>
  defineEntity({
    name: "Document",
    schema,
    pk,
    indexes: {
      // expect-error: index.missingReason
      byTenant: { pk: "TENANT#${tenantId}#DOCS", isolation: { level: "tenant", reason: " " } },
    },
  });

export const indexWidenedReason = () =>
  defineEntity({
    name: "Document",
    schema,
    pk,
    indexes: {
      // expect-error: index.missingReason type-only (a runtime twin checks the reason has a visible character)
      byTenant: { pk: "TENANT#${tenantId}#DOCS", isolation: { level: "tenant", reason } },
    },
  });

export const indexPkWithoutTheTenant = () =>
  defineEntity({
    name: "Document",
    schema,
    pk,
    indexes: {
      byTenant: {
        // expect-error: isolation.keyPrefix
        pk: "DOCS#${tenantId}",
        isolation: { level: "tenant", reason: "tenant admins list every document" },
      },
    },
  });

// A key typed `string` in an opted-out index: its example is the index's level's (a tenant-level pk), as the template
// would be checked there; an unknown level is reported first, as the runtime does (the pk is a string there).
export const indexPkTypedStringAtAnOuterLevel = () =>
  defineEntity({
    name: "Document",
    schema,
    pk,
    indexes: {
      byTenant: {
        // expect-error: key.notLiteral type-only
        pk: computed,
        isolation: { level: "tenant", reason: "tenant admins list every document" },
      },
    },
  });

export const indexSkTypedStringAtAnOuterLevel = () =>
  defineEntity({
    name: "Document",
    schema,
    pk,
    indexes: {
      byTenant: {
        pk: "TENANT#${tenantId}#DOCS",
        // expect-error: key.notLiteral type-only
        sk: computed,
        isolation: { level: "tenant", reason: "tenant admins list every document" },
      },
    },
  });

export const indexPkTypedStringAtAnUnknownLevel = () =>
  defineEntity({
    name: "Document",
    schema,
    pk,
    indexes: {
      byTenant: {
        pk: computed,
        // expect-error: index.unknownLevel
        isolation: { level: "tenent", reason: "tenant admins list every document" },
      },
    },
  });

export const indexPkInACapsulePartition = () =>
  defineEntity({
    name: "Document",
    schema,
    pk,
    indexes: {
      byTenant: {
        // expect-error: isolation.capsulePartition
        pk: "TENANT#${tenantId}#CAPSULE#${capsuleId}#DOCS",
        isolation: { level: "tenant", reason: "tenant admins list every document" },
      },
    },
  });

export const tenantEntityIndexAtItsOwnLevel = () =>
  defineEntity({
    name: "BillingSettings",
    schema: z.object({ tenantId: tenantId(), id: z.string() }),
    pk: "TENANT#${tenantId}#SETTINGS#${id}",
    isolation: { level: "tenant", reason: "tenant-wide billing settings" },
    indexes: {
      byTenant: {
        pk: "TENANT#${tenantId}#ALL",
        // expect-error: index.unknownLevel
        isolation: { level: "tenant", reason: "already the entity's own level" },
      },
    },
  });

// A three-level kit (org / project / env): an env-level entity's index may opt out to either outer level.
const kit = defineIsolation({
  levels: [
    { name: "org", field: "orgId", label: "ORG" },
    { name: "project", field: "projectId", label: "PROJECT" },
    { name: "env", field: "envId", label: "ENV" },
  ],
});
const deployment = z.object({ orgId: kit.ids.orgId(), projectId: kit.ids.projectId(), envId: kit.ids.envId(), id: z.string() });

export const kitIndexAtAnOuterLevelReachingInside = () =>
  kit.defineEntity({
    name: "Deployment",
    schema: deployment,
    pk: "ORG#${orgId}#PROJECT#${projectId}#ENV#${envId}#DEPLOY#${id}",
    indexes: {
      byOrg: {
        // expect-error: isolation.capsulePartition
        pk: "ORG#${orgId}#PROJECT#${id}#DEPLOYS",
        isolation: { level: "org", reason: "org admins list every deployment" },
      },
    },
  });

export const kitIndexAtADefaultKitLevel = () =>
  kit.defineEntity({
    name: "Deployment",
    schema: deployment,
    pk: "ORG#${orgId}#PROJECT#${projectId}#ENV#${envId}#DEPLOY#${id}",
    indexes: {
      // expect-error: index.unknownLevel
      byTenant: { pk: "ORG#${orgId}#DEPLOYS", isolation: { level: "tenant", reason: "org admins" } },
    },
  });
