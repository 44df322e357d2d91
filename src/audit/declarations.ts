/**
 * What the team declared, read from a module's entity and event definitions (`--entities MODULE`): the isolation
 * fields, which are boundaries; the fields each event type must carry; the event types that are tenant-level or
 * global on purpose, whose missing boundaries are no findings.
 */
import { getOrInsert } from "../internal/get-or-insert.js";

/**
 * What definitions declare per event type, then per source: a definition that names its `source` speaks for that
 * source's events of its type only (an event type is its type and its source), one that names none (`undefined`) for
 * every source's.
 */
export type ByDeclaredType<TValue> = ReadonlyMap<string, ReadonlyMap<string | undefined, TValue>>;

/**
 * What the definitions declare for the events of `type` from `source`: the definition of that source, else the one
 * that names no source.
 * @example declaredFor(declarations.required, "Created", "app.billing") //=> ["orgId", "workspaceId"]
 */
export function declaredFor<TValue>(byType: ByDeclaredType<TValue>, type: string, source: string): TValue | undefined {
  const bySource = byType.get(type);
  return bySource?.get(source) ?? bySource?.get(undefined);
}

/** Declarations that override inference (see docs/audit.md, "What you declared"). */
export interface Declarations {
  /**
   * Isolation fields as written (`tenantId`, `installation.id`), each with where it came from: entity definitions
   * (`declared`) or `--boundary` (`hint`).
   */
  readonly boundaries: ReadonlyMap<string, "declared" | "hint">;
  /** Event type, then source → the isolation fields its definition says every event carries. */
  readonly required: ByDeclaredType<readonly string[]>;
  /** Event type, then source → the boundaries it goes without on purpose (a tenant-level type: the capsule field). */
  readonly optOuts: ByDeclaredType<readonly string[]>;
  /**
   * Event type, then source → the key labels of the levels it goes without (`CAPSULE`): a boundary learned from such
   * a label's key segments is one it goes without, though no definition names its field.
   */
  readonly optOutLabels: ByDeclaredType<readonly string[]>;
}

/** No declarations: inference alone. */
export const noDeclarations: Declarations = {
  boundaries: new Map(),
  required: new Map(),
  optOuts: new Map(),
  optOutLabels: new Map(),
};

/** The default kit's key labels, outermost first (`TENANT#${tenantId}#CAPSULE#${capsuleId}`). */
const defaultKitLabels: readonly string[] = ["TENANT", "CAPSULE"];

const levels = ["global", "tenant", "capsule"] as const;

/**
 * A definition's resolved `isolation`: the default kit's level and its `tenant` and `capsule` fields, or a
 * `defineIsolation` kit's level name and its level fields (`fields`, outermost first: `{ orgId, workspaceId }`).
 */
interface DefinitionLike {
  readonly name?: unknown;
  readonly type?: unknown;
  readonly source?: unknown;
  readonly isolation: {
    readonly level: string;
    readonly tenant?: unknown;
    readonly capsule?: unknown;
    readonly fields?: Readonly<Record<string, unknown>>;
    /** A `defineIsolation` kit's labels (`ORG#WS#PRJ`). */
    readonly kit?: unknown;
  };
}

function isDefinition(value: unknown): value is DefinitionLike {
  const isolation = (value as { isolation?: { level?: unknown; fields?: unknown } } | null)?.isolation;
  return (
    typeof value === "object" &&
    value !== null &&
    typeof isolation === "object" &&
    isolation !== null &&
    ((levels as readonly unknown[]).includes(isolation.level) ||
      (typeof isolation.level === "string" && typeof isolation.fields === "object" && isolation.fields !== null))
  );
}

/**
 * Whether a module's exports hold a definition `declarationsOf` reads: a module with none (the wrong file, or one
 * whose definitions are re-exported under a default) declares nothing, which the CLI refuses rather than audit as if
 * no `--entities` had been given.
 * @example hasDefinitions(await import("./entities.js")) //=> true
 */
export function hasDefinitions(exports: Readonly<Record<string, unknown>>): boolean {
  return Object.values(exports).some(isDefinition);
}

/**
 * The key labels of a definition's kit, outermost first, and how many are its own levels'; undefined for a global
 * definition (which names no kit).
 */
function labelsOf(
  definition: DefinitionLike,
): { readonly labels: readonly string[]; readonly own: number } | undefined {
  const { tenant, capsule, fields, kit } = definition.isolation;
  if (typeof kit === "string") return { labels: kit.split("#"), own: Object.keys(fields ?? {}).length };
  return tenant === undefined ? undefined : { labels: defaultKitLabels, own: capsule === undefined ? 1 : 2 };
}

/** The isolation fields a definition carries, outermost first. */
function fieldsOf(definition: DefinitionLike): string[] {
  const { tenant, capsule, fields } = definition.isolation;
  const all = fields === undefined ? [tenant, capsule] : Object.values(fields);
  return all.filter((field): field is string => typeof field === "string");
}

/**
 * The declarations of a module's exports: every export made by `defineEntity` or `defineEvent`, of the default kit
 * or of a `defineIsolation` kit (recognised by its resolved `isolation`). Entities declare boundaries; events declare
 * the fields their type must carry, and an event of an outer level (a tenant's, an org's) opts its type out of the
 * inner levels' boundaries, a global one out of all.
 * @example declarationsOf(await import("./entities.js")).boundaries //=> Map { "tenantId" => "declared", ... }
 */
export function declarationsOf(exports: Readonly<Record<string, unknown>>): Declarations {
  const boundaries = new Set<string>();
  // The fields of every level inside the outermost (the default kit's capsuleId, a kit's workspaceId).
  const innerFields = new Set<string>();
  // The key labels of every kit the definitions are of (a global type goes without all of them).
  const allLabels = new Set<string>();
  const events: DefinitionLike[] = [];
  for (const value of Object.values(exports)) {
    if (!isDefinition(value)) continue;
    const fields = fieldsOf(value);
    for (const field of fields) boundaries.add(field);
    for (const field of fields.slice(1)) innerFields.add(field);
    for (const label of labelsOf(value)?.labels ?? []) allLabels.add(label);
    if (typeof value.type === "string") events.push(value);
  }
  const required = new Map<string, Map<string | undefined, string[]>>();
  const optOuts = new Map<string, Map<string | undefined, string[]>>();
  const optOutLabels = new Map<string, Map<string | undefined, string[]>>();
  const declare = (byType: typeof required, event: DefinitionLike, fields: string[]): void => {
    const source = typeof event.source === "string" ? event.source : undefined;
    getOrInsert(byType, event.type as string, () => new Map()).set(source, fields);
  };
  for (const event of events) {
    const own = fieldsOf(event);
    declare(required, event, own);
    const labels = labelsOf(event);
    declare(optOutLabels, event, labels === undefined ? [...allLabels] : labels.labels.slice(labels.own));
    if (event.isolation.level === "global") declare(optOuts, event, [...boundaries]);
    else {
      const above = [...innerFields].filter((field) => !own.includes(field));
      // A type that goes without nothing opts out of nothing, also where a definition of any source would.
      declare(optOuts, event, above);
    }
  }
  const declared = new Map([...boundaries].map((field) => [field, "declared"] as const));
  return { boundaries: declared, required, optOuts, optOutLabels };
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
