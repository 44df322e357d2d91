/**
 * Test support: the three vocabularies the verifier matrices of issue 13 run every kit-dependent path with (a one-,
 * a two- and a three-level kit, in the words real tables use). The one-level kit's field is `teamId`, not
 * `accountId`: a level field named like an option of `leadingKeysPolicy` takes its policy ids under `ids` only.
 */
import type { IsolationLevelSpec } from "capsule-entity";

export const verifierKits: Readonly<Record<string, readonly IsolationLevelSpec[]>> = {
  "one-level kit (team)": [{ name: "team", field: "teamId", label: "TEAM" }],
  "two-level kit (org / workspace)": [
    { name: "org", field: "orgId", label: "ORG" },
    { name: "workspace", field: "workspaceId", label: "WS" },
  ],
  "three-level kit (org / project / env)": [
    { name: "org", field: "orgId", label: "ORG" },
    { name: "project", field: "projectId", label: "PRJ" },
    { name: "env", field: "envId", label: "ENV" },
  ],
};
