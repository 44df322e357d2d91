/**
 * Related event types: types about the same entity, from the same source, or in an explicit group. A field
 * that all the other types of one relation require (at least `minSupport` of them for entity and source) is
 * expected of each type in it; the validator reports an event whose type does not require the field and which
 * lacks it, as the case study's evaluator flagged `RoleAssignmentCreated` for lacking what related events had.
 */
import { EntityDefinitionError } from "../errors.js";
import type { EventDefinition } from "./event-definition.js";
import { invalidEventOptionMessage } from "../messages.js";
import { isRequired, shapeOf, type Shape } from "../internal/zod-shape.js";
import { prefixLevels } from "../entity/isolation.js";

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
  /** Explicit groups of related event types, by type: a field every other member requires is expected. */
  readonly groups?: readonly (readonly string[])[];
  /**
   * How many other types of the same entity (or source) must all require a field before it is expected of a
   * type: one alone is no pattern. Default 2. Explicit groups need one.
   */
  readonly minSupport?: number;
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
        invalidEventOptionMessage(
          "related.groups",
          `lists of declared event types (${JSON.stringify(unknown)} is not one)`,
          // A group of the declared types themselves.
          `groups: [[${[...byType.keys()]
            .slice(0, 2)
            .map((type) => JSON.stringify(type))
            .join(", ")}]]`,
        ),
      );
    }
    return group;
  });
  const required = new Map(events.map((event) => [event.type, requiredPaths(event.detail.shape)]));

  const minSupport = options.minSupport ?? 2;
  const result = new Map<string, readonly RelatedRequirement[]>();
  for (const event of events) {
    const own = required.get(event.type)!;
    const expected = new Map<string, string>();
    /** Expects of `event` each field all `types` require, when they are at least `support` types. */
    const expectFrom = (label: string, types: readonly string[], support: number): void => {
      const [first] = types;
      if (first === undefined || types.length < support) return;
      for (const path of required.get(first)!) {
        if (
          own.has(path) ||
          expected.has(path) ||
          optedOut(
            event,
            types.map((type) => byType.get(type)!),
            path,
          ) ||
          !types.every((type) => required.get(type)!.has(path))
        )
          continue;
        if (types.every((type) => isolationElsewhere(event, byType.get(type)!, path))) continue;
        expected.set(path, `${label}: ${list(types)}`);
      }
    };
    const others = (same: (other: EventDefinition) => boolean): string[] =>
      events.filter((other) => other !== event && same(other)).map((other) => other.type);
    if (options.entity !== false && event.entity !== undefined) {
      expectFrom(
        `same entity ${event.entity}`,
        others((other) => other.entity === event.entity),
        minSupport,
      );
    }
    if (options.source !== false && event.source !== undefined) {
      expectFrom(
        `same source ${JSON.stringify(event.source)}`,
        others((other) => other.source === event.source),
        minSupport,
      );
    }
    groups.forEach((group, index) => {
      if (group.includes(event.type))
        expectFrom(
          `group ${index + 1}`,
          others((other) => group.includes(other.type)),
          1,
        );
    });
    if (expected.size > 0)
      result.set(
        event.type,
        [...expected].map(([path, related]) => ({ path, related })),
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

/** Where an event's isolation fields sit (`tenantId`, `context.capsuleId`, a kit's `orgId`): read from its prefix. */
function isolationPaths(event: EventDefinition): readonly string[] {
  const { prefix } = event.isolation;
  return prefix === undefined ? [] : prefixLevels(prefix).map((level) => level.path);
}
const last = (path: string): string => path.slice(path.lastIndexOf(".") + 1);

/**
 * Whether the field at the end of the path is an isolation field of a related type that `event`'s declared level
 * leaves out (a tenant-level event need not carry the capsule id its capsule-level relatives do; in a kit, an
 * org-level event the workspace id).
 */
function optedOut(event: EventDefinition, related: readonly EventDefinition[], path: string): boolean {
  const field = last(path);
  return (
    !isolationPaths(event).some((own) => last(own) === field) &&
    related.some((other) => isolationPaths(other).some((theirs) => last(theirs) === field))
  );
}

/**
 * Whether `path` of a related type is (or holds) one of its isolation fields that `event` carries at
 * another place: `capsuleId` there, `context.capsuleId` here. Rule 1 allows either place.
 */
function isolationElsewhere(event: EventDefinition, related: EventDefinition, path: string): boolean {
  const own = new Set(isolationPaths(event).map(last));
  return isolationPaths(related).some(
    (field) => (field === path || field.startsWith(`${path}.`)) && own.has(last(field)),
  );
}

/** At most three names, then how many more. */
function list(types: readonly string[]): string {
  return types.length <= 3 ? types.join(", ") : `${types.slice(0, 3).join(", ")} and ${types.length - 3} more`;
}
