/**
 * Reading a dotted path through own properties only: a key never resolves through a (possibly polluted)
 * prototype. Shared by the key codec, scopes' ownership checks and the event validator.
 */

/** The value at a path of nested own properties, else `undefined`. */
export function readPath(values: unknown, path: readonly string[]): unknown {
  let value = values;
  for (const key of path) {
    value =
      typeof value === "object" && value !== null && Object.hasOwn(value, key)
        ? (value as Record<string, unknown>)[key]
        : undefined;
  }
  return value;
}
