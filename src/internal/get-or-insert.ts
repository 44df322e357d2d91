/** The value of `key`, inserting `create()` first when there is none (Map.prototype.getOrInsertComputed, pre-ES2026). */
export function getOrInsert<TKey, TValue>(map: Map<TKey, TValue>, key: TKey, create: () => TValue): TValue {
  let value = map.get(key);
  if (value === undefined) {
    value = create();
    map.set(key, value);
  }
  return value;
}
