/**
 * What the team declared, read from a module's entity and event definitions (`--entities MODULE`): the isolation
 * fields, which are boundaries; the fields each event type must carry; the event types that are tenant-level or
 * global on purpose, whose missing boundaries are no findings.
 */

/** Declarations that override inference (see docs/audit.md, "What you declared"). */
export interface Declarations {
  /**
   * Isolation fields as written (`tenantId`, `installation.id`), each with where it came from: entity definitions
   * (`declared`) or `--boundary` (`hint`).
   */
  readonly boundaries: ReadonlyMap<string, "declared" | "hint">;
  /** Event type → the isolation fields its definition says every event carries. */
  readonly required: ReadonlyMap<string, readonly string[]>;
  /** Event type → the boundaries it goes without on purpose (a tenant-level type: the capsule field). */
  readonly optOuts: ReadonlyMap<string, readonly string[]>;
}

/** No declarations: inference alone. */
export const noDeclarations: Declarations = {
  boundaries: new Map(),
  required: new Map(),
  optOuts: new Map(),
};

const levels = ["global", "tenant", "capsule"] as const;
type Level = (typeof levels)[number];

interface DefinitionLike {
  readonly name?: unknown;
  readonly type?: unknown;
  readonly isolation: { readonly level: Level; readonly tenant?: unknown; readonly capsule?: unknown };
}

function isDefinition(value: unknown): value is DefinitionLike {
  const isolation = (value as { isolation?: { level?: unknown } } | null)?.isolation;
  return (
    typeof value === "object" &&
    value !== null &&
    typeof isolation === "object" &&
    isolation !== null &&
    (levels as readonly unknown[]).includes(isolation.level)
  );
}

function fieldsOf(definition: DefinitionLike): string[] {
  const { tenant, capsule } = definition.isolation;
  return [tenant, capsule].filter((field): field is string => typeof field === "string");
}

/**
 * The declarations of a module's exports: every export made by `defineEntity` or `defineEvent` (recognised by its
 * resolved `isolation`). Entities declare boundaries; events declare the fields their type must carry, and a level
 * below capsule opts the type out of the boundaries above its level.
 * @example declarationsOf(await import("./entities.js")).boundaries //=> Map { "tenantId" => "declared", ... }
 */
export function declarationsOf(exports: Readonly<Record<string, unknown>>): Declarations {
  const boundaries = new Set<string>();
  const capsuleFields = new Set<string>();
  const events: DefinitionLike[] = [];
  for (const value of Object.values(exports)) {
    if (!isDefinition(value)) continue;
    for (const field of fieldsOf(value)) boundaries.add(field);
    if (typeof value.isolation.capsule === "string") capsuleFields.add(value.isolation.capsule);
    if (typeof value.type === "string") events.push(value);
  }
  const required = new Map<string, string[]>();
  const optOuts = new Map<string, string[]>();
  for (const event of events) {
    const type = event.type as string;
    required.set(type, fieldsOf(event));
    if (event.isolation.level === "global") optOuts.set(type, [...boundaries]);
    else if (event.isolation.level === "tenant") optOuts.set(type, [...capsuleFields]);
  }
  return { boundaries: new Map([...boundaries].map((field) => [field, "declared"] as const)), required, optOuts };
}

/**
 * Declarations of boundaries named on the command line (`--boundary FIELD`), merged into `declared`.
 * @example withHints(noDeclarations, ["installation.id"]).boundaries //=> Map { "installation.id" => "hint" }
 */
export function withHints(declared: Declarations, hints: readonly string[]): Declarations {
  if (hints.length === 0) return declared;
  const boundaries = new Map(declared.boundaries);
  for (const hint of hints) if (!boundaries.has(hint)) boundaries.set(hint, "hint");
  return { ...declared, boundaries };
}
