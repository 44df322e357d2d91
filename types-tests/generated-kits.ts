/**
 * Test support: the kits the generated matrices of branded ids (kit-ids, put-forms) declare in their probes, each
 * level with the id value its scope uses, and the same fields under other labels (another kit, whose brands differ).
 */
export interface Level {
  readonly field: string;
  readonly label: string;
  readonly value: string;
}
export interface Kit {
  /** The kit's name in the probe (its entity, its ids). */
  readonly name: string;
  /** Outermost first. */
  readonly levels: readonly Level[];
  /** The same fields under other labels: another kit, whose brands differ. */
  readonly otherLabels: readonly string[];
}

export const twoLevelKit: Kit = {
  name: "two",
  levels: [
    { field: "orgId", label: "ORG", value: "o1" },
    { field: "workspaceId", label: "WS", value: "w1" },
  ],
  otherLabels: ["ORGANIZATION", "SPACE"],
};

export const threeLevelKit: Kit = {
  name: "three",
  levels: [
    { field: "orgId", label: "ORG", value: "o1" },
    { field: "projectId", label: "PRJ", value: "p1" },
    { field: "envId", label: "ENV", value: "e1" },
  ],
  otherLabels: ["ORGANIZATION", "PROJECT", "ENVIRONMENT"],
};
