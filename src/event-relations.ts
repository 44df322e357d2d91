/**
 * Related event types: types about the same entity, from the same source, or in an explicit group. A field
 * that every related type requires is expected of each of them; the validator reports an event whose type
 * does not require it and which lacks it (the case study's `RoleAssignmentCreated` without `capsule_id`).
 */
import { EntityDefinitionError } from "./errors.js";
import type { EventDefinition } from "./event-definition.js";
import { invalidEventOptionMessage } from "./messages.js";
import { isRequired, shapeOf, type Shape } from "./internal/zod-shape.js";

/**
 * Which event types count as related. Entity and source relations are on by default.
 *
 * @example
 * createEventValidator({ events, related: { source: false, groups: [["AccountCreated", "SessionStarted"]] } })
 */
export interface RelatedOptions {
  /** Relate event types about the same entity. Default `true`. */
  readonly entity?: boolean;
  /** Relate event types from the same source. Default `true`. */
  readonly source?: boolean;
  /** Explicit groups of related event types, by type. */
  readonly groups?: readonly (readonly string[])[];
}

/** A field an event type does not require itself but every type related to it does. */
export interface RelatedRequirement {
  /** Dotted path inside `detail`, e.g. `capsuleId` or `context.capsuleId`. */
  readonly path: string;
  /** Which types require it, for the message: `same source "auth": A, B`. */
  readonly related: string;
}

/**
 * The fields each event type is expected to carry because every type related to it requires them. A type
 * that opted out of an isolation level (with a reason) is not expected to carry the fields it opted out of.
 */
export function relatedRequirements(
  events: readonly EventDefinition[],
  options: RelatedOptions = {},
): ReadonlyMap<string, readonly RelatedRequirement[]> {
  const byType = new Map(events.map((event) => [event.type, event]));
  const groups = (options.groups ?? []).map((group) => {
    const unknown = group.find((type) => !byType.has(type));
    if (unknown !== undefined) {
      throw new EntityDefinitionError(
        invalidEventOptionMessage("related.groups", `lists of declared event types (${JSON.stringify(unknown)} is not one)`, 'groups: [["AccountCreated", "SessionStarted"]]'),
      );
    }
    return group;
  });
  const required = new Map(events.map((event) => [event.type, requiredPaths(event.detail.shape)]));

  const result = new Map<string, readonly RelatedRequirement[]>();
  for (const event of events) {
    const criteria: { readonly label: string; readonly types: readonly string[] }[] = [];
    const relate = (label: string, same: (other: EventDefinition) => boolean): void => {
      const types = events.filter((other) => other !== event && same(other)).map((other) => other.type);
      if (types.length > 0) criteria.push({ label, types });
    };
    if (options.entity !== false && event.entity !== undefined) relate(`same entity ${event.entity}`, (other) => other.entity === event.entity);
    if (options.source !== false && event.source !== undefined) relate(`same source ${JSON.stringify(event.source)}`, (other) => other.source === event.source);
    groups.forEach((group, index) => {
      if (group.includes(event.type)) relate(`group ${index + 1}`, (other) => group.includes(other.type));
    });
    const related = [...new Set(criteria.flatMap((criterion) => criterion.types))];
    if (related.length === 0) continue;

    const own = required.get(event.type)!;
    const expected = [...required.get(related[0]!)!].filter(
      (path) => !own.has(path) && !optedOut(event, path) && related.every((type) => required.get(type)!.has(path)),
    );
    if (expected.length === 0) continue;
    const description = criteria.map((criterion) => `${criterion.label}: ${list(criterion.types)}`).join("; ");
    result.set(
      event.type,
      expected.map((path) => ({ path, related: description })),
    );
  }
  return result;
}

/** Required fields of a detail shape: top level, and one level down inside required object fields. */
export function requiredPaths(shape: Shape): ReadonlySet<string> {
  const paths = new Set<string>();
  for (const [key, field] of Object.entries(shape)) {
    if (!isRequired(field)) continue;
    paths.add(key);
    for (const [child, inner] of Object.entries(shapeOf(field))) if (isRequired(inner)) paths.add(`${key}.${child}`);
  }
  return paths;
}

/** Whether a type's declared isolation level leaves out the isolation field at the end of the path. */
function optedOut(event: EventDefinition, path: string): boolean {
  const field = path.slice(path.lastIndexOf(".") + 1);
  if (field === "capsuleId") return event.isolation.level !== "capsule";
  if (field === "tenantId") return event.isolation.level === "global";
  return false;
}

/** At most three names, then how many more. */
function list(types: readonly string[]): string {
  return types.length <= 3 ? types.join(", ") : `${types.slice(0, 3).join(", ")} and ${types.length - 3} more`;
}
