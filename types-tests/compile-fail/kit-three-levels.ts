// A three-level kit (org / project / env): rules for the innermost level and for both opt-out levels.
import { z } from "zod";
import { defineIsolation } from "capsule-entity";

const kit = defineIsolation({
  levels: [
    { name: "org", field: "orgId", label: "ORG" },
    { name: "project", field: "projectId", label: "PROJECT" },
    { name: "env", field: "envId", label: "ENV" },
  ],
});
const { ids } = kit;

export const missingEnvId = () =>
  kit.defineEntity({
    name: "Deployment",
    // expect-error: isolation.missingField
    schema: z.object({ orgId: ids.orgId(), projectId: ids.projectId(), id: z.string() }),
    pk: "ORG#${orgId}#PROJECT#${projectId}#DEPLOY#${id}",
  });

export const nestedEnvOptional = () =>
  kit.defineEntity({
    name: "Deployment",
    // expect-error: isolation.optionalField
    schema: z.object({ ctx: z.object({ orgId: ids.orgId(), projectId: ids.projectId(), envId: ids.envId() }).optional(), id: z.string() }),
    pk: "ORG#${ctx.orgId}#PROJECT#${ctx.projectId}#ENV#${ctx.envId}#DEPLOY#${id}",
  });

export const pkWithoutProject = () =>
  kit.defineEntity({
    name: "Deployment",
    schema: z.object({ orgId: ids.orgId(), projectId: ids.projectId(), envId: ids.envId(), id: z.string() }),
    // expect-error: isolation.keyPrefix
    pk: "ORG#${orgId}#ENV#${envId}#DEPLOY#${id}",
  });

export const projectLevelPkInEnvPartition = () =>
  kit.defineEntity({
    name: "ProjectSettings",
    schema: z.object({ orgId: ids.orgId(), projectId: ids.projectId(), id: z.string() }),
    // expect-error: isolation.capsulePartition
    pk: "ORG#${orgId}#PROJECT#${projectId}#ENV#${id}",
    isolation: { level: "project", reason: "settings shared by every environment" },
  });

export const orgLevelPkInProjectPartition = () =>
  kit.defineEntity({
    name: "OrgMember",
    schema: z.object({ orgId: ids.orgId(), userId: z.string() }),
    // expect-error: isolation.capsulePartition
    pk: "ORG#${orgId}#PROJECT#${userId}",
    isolation: { level: "org", reason: "members belong to the whole org" },
  });

export const projectLevelMissingProjectId = () =>
  kit.defineEntity({
    name: "ProjectSettings",
    // expect-error: isolation.missingField
    schema: z.object({ orgId: ids.orgId(), id: z.string() }),
    pk: "ORG#${orgId}#SETTINGS#${id}",
    isolation: { level: "project", reason: "settings shared by every environment" },
  });

const computedName: string = ["Deploy", "ment"].join("");
export const nameNotLiteral = () =>
  kit.defineEntity({
    // expect-error: entity.nameNotLiteral type-only (the runtime twin checks name is a non-empty string)
    name: computedName,
    schema: z.object({ orgId: ids.orgId(), projectId: ids.projectId(), envId: ids.envId(), id: z.string() }),
    pk: "ORG#${orgId}#PROJECT#${projectId}#ENV#${envId}#DEPLOY#${id}",
  });

// A scope's ids parsed by the kit's own schemas: the example spells them `ids.envId()`, as the kit does.
const Deployment = kit.defineEntity({
  name: "Deployment",
  table: "app_data",
  schema: z.object({ orgId: ids.orgId(), projectId: ids.projectId(), envId: ids.envId(), id: z.string() }),
  pk: "ORG#${orgId}#PROJECT#${projectId}#ENV#${envId}#DEPLOY#${id}",
});
const org = { orgId: ids.orgId().parse("o1"), projectId: ids.projectId().parse("p1") };
export const scopePlainEnvId = () =>
  // expect-error: scope.plainId type-only
  Deployment.scope({ ...org, envId: "e1" }, { table: "app_data" });

export const scopeProjectIdAsEnvId = () =>
  // expect-error: scope.wrongId type-only
  Deployment.scope({ ...org, envId: ids.projectId().parse("p1") }, { table: "app_data" });

// An opt-out to the kit's innermost level, the default, and to a level the kit does not have: one message, on level.
export const envLevelOptOut = () =>
  kit.defineEntity({
    name: "Deployment",
    schema: z.object({ orgId: ids.orgId(), projectId: ids.projectId(), envId: ids.envId(), id: z.string() }),
    pk: "ORG#${orgId}#PROJECT#${projectId}#ENV#${envId}#DEPLOY#${id}",
    // expect-error: isolation.ownLevel
    isolation: { level: "env", reason: "deployments stay in their environment" },
  });

export const unknownLevelOptOut = () =>
  kit.defineEntity({
    name: "Deployment",
    schema: z.object({ orgId: ids.orgId(), projectId: ids.projectId(), envId: ids.envId(), id: z.string() }),
    pk: "ORG#${orgId}#PROJECT#${projectId}#ENV#${envId}#DEPLOY#${id}",
    // expect-error: isolation.unknownLevel
    isolation: { level: "team", reason: "deployments are shared by a team" },
  });
