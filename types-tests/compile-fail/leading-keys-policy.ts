// leadingKeysPolicy without the id of a level it needs: the outermost level's missing, or an inner level's given
// without the one outside it. The compiler prints the catalog message (on the call, as the type of `this`), the
// runtime throws the same text.
import { defineIsolation, leadingKeysPolicy } from "capsule-entity";

const target = { table: "platform_data", region: "eu-west-1", accountId: "123456789012" };

export const defaultKitWithoutTenant = () =>
  // expect-error: policy.invalid
  leadingKeysPolicy({ ...target, capsuleId: { principalTag: "capsuleId" } });

const org = defineIsolation({
  levels: [
    { name: "org", field: "orgId", label: "ORG" },
    { name: "workspace", field: "workspaceId", label: "WS" },
  ],
});
export const kitWithoutOrg = () =>
  // expect-error: policy.invalid
  org.leadingKeysPolicy({ ...target, workspaceId: "eng" });

const { leadingKeysPolicy: deploymentPolicy } = defineIsolation({
  levels: [
    { name: "account", field: "acct_id", label: "ACCT" },
    { name: "project", field: "prj$", label: "PRJ" },
    { name: "environment", field: "E_NV", label: "E_NV" },
  ],
});
export const innerLevelWithoutItsOuter = () =>
  // expect-error: policy.invalid
  deploymentPolicy({ ...target, acct_id: "a1", E_NV: "prod" });

const { leadingKeysPolicy: projectPolicy } = defineIsolation({
  levels: [
    { name: "project", field: "prj$", label: "PRJ" },
    { name: "environment", field: "envId", label: "ENV" },
  ],
});
export const outermostWithADollar = () =>
  // expect-error: policy.invalid
  projectPolicy({ ...target, envId: "prod" });

// A kit whose level field is named like an option of the policy (an ACCOUNT#… table's accountId): its ids beside the
// options would be read as both, so they are refused on that property, with the example giving them under `ids`.
const accounts = defineIsolation({
  levels: [
    { name: "account", field: "accountId", label: "ACCOUNT" },
    { name: "project", field: "projectId", label: "PRJ" },
  ],
});
export const accountLevelBesideTheOptions = () =>
  accounts.leadingKeysPolicy({
    ...target,
    // expect-error: policy.invalid
    accountId: "123456789012",
    projectId: "p1",
  });
// The same kit's ids beside the options without its accountId either: nothing to put the message on, so it is the
// type of `this` (TypeScript's own error against the `ids` form before).
export const accountLevelLeftOut = () =>
  // expect-error: policy.invalid
  accounts.leadingKeysPolicy({ table: target.table, region: target.region, projectId: "p1" });
