// Malformed vocabularies: a type error on the offending level, and defineIsolation throws the same message.
import { defineIsolation } from "capsule-entity";

export const noLevel = () =>
  defineIsolation({
    // expect-error: vocabulary.levelCount
    levels: [],
  });

export const fourLevels = () =>
  defineIsolation({
    levels: [
      { name: "org", field: "orgId", label: "ORG" },
      { name: "project", field: "projectId", label: "PROJECT" },
      { name: "env", field: "envId", label: "ENV" },
      // expect-error: vocabulary.levelCount
      { name: "team", field: "teamId", label: "TEAM" },
    ],
  });

export const lowerCaseLabel = () =>
  defineIsolation({
    levels: [
      { name: "org", field: "orgId", label: "ORG" },
      // expect-error: vocabulary.label
      { name: "workspace", field: "workspaceId", label: "ws" },
    ],
  });

export const labelWithHash = () =>
  defineIsolation({
    // expect-error: vocabulary.label
    levels: [{ name: "org", field: "orgId", label: "ORG#X" }],
  });

export const fieldNotIdentifier = () =>
  defineIsolation({
    // expect-error: vocabulary.field
    levels: [{ name: "org", field: "org-id", label: "ORG" }],
  });

export const duplicateName = () =>
  defineIsolation({
    levels: [
      { name: "org", field: "orgId", label: "ORG" },
      // expect-error: vocabulary.duplicate
      { name: "org", field: "workspaceId", label: "WS" },
    ],
  });

export const duplicateField = () =>
  defineIsolation({
    levels: [
      { name: "org", field: "orgId", label: "ORG" },
      // expect-error: vocabulary.duplicate
      { name: "workspace", field: "orgId", label: "WS" },
    ],
  });

export const duplicateLabel = () =>
  defineIsolation({
    levels: [
      { name: "org", field: "orgId", label: "ORG" },
      // expect-error: vocabulary.duplicate
      { name: "workspace", field: "workspaceId", label: "ORG" },
    ],
  });

export const globalName = () =>
  defineIsolation({
    // expect-error: vocabulary.name
    levels: [{ name: "global", field: "orgId", label: "ORG" }],
  });

export const keyAttributeField = () =>
  defineIsolation({
    levels: [
      { name: "org", field: "orgId", label: "ORG" },
      // expect-error: vocabulary.field
      { name: "workspace", field: "sk", label: "WS" },
    ],
  });

export const inheritedField = () =>
  defineIsolation({
    // expect-error: vocabulary.field
    levels: [{ name: "org", field: "constructor", label: "ORG" }],
  });

export const inheritedName = () =>
  defineIsolation({
    // expect-error: vocabulary.name
    levels: [{ name: "__proto__", field: "orgId", label: "ORG" }],
  });
