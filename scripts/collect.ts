/** Test support: every item of an async iterable, in order. */
export async function collect<TItem>(items: AsyncIterable<TItem>): Promise<TItem[]> {
  const all: TItem[] = [];
  for await (const item of items) all.push(item);
  return all;
}
