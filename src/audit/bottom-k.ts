/**
 * The bottom-k sample of the profiler's rows: the rows of the `size` smallest distinct hashes, the first row seen of
 * each. A max-heap on the hash (the largest, which a smaller hash replaces, on top) and the set of hashes held, so
 * that an event pays two comparisons when its row is not kept and O(log k) when it is, however full the sample.
 */

/** A row of the sample: anything with a 32-bit hash. */
export interface Hashed {
  readonly hash: number;
}

/**
 * Keeps the rows of the `size` smallest distinct hashes offered; of rows with one hash, the first.
 * @example const sample = new BottomK<{ hash: number }>(2); for (const hash of [5, 1, 3, 1]) if (sample.wants(hash)) sample.add({ hash }); sample.sorted() //=> [{ hash: 1 }, { hash: 3 }]
 */
export class BottomK<TRow extends Hashed> {
  private readonly heap: TRow[] = [];
  private readonly hashes = new Set<number>();
  /**
   * No row of this hash or a larger one is wanted: the ceiling's successor, then, once the sample is full, the largest
   * hash held if smaller. One comparison turns away most rows (hashes are whole numbers).
   */
  private limit: number;

  /** `ceiling`: rows of larger hashes are not wanted at all (see `SampleCeilings`). */
  constructor(
    readonly size: number,
    private readonly ceiling: number = Number.POSITIVE_INFINITY,
  ) {
    this.limit = ceiling + 1;
  }

  /** Whether a row of this hash would be kept: ask before building it. */
  wants(hash: number): boolean {
    return hash < this.limit && !this.hashes.has(hash);
  }

  /** The largest hash a row must not exceed to be kept: the top of a full sample, else the ceiling. */
  bound(): number {
    return this.heap.length < this.size ? this.ceiling : Math.min(this.ceiling, (this.heap[0] as TRow).hash);
  }

  /** Adds a row that `wants` its hash, evicting the row of the largest hash when the sample is full. */
  add(row: TRow): void {
    const heap = this.heap;
    this.hashes.add(row.hash);
    if (heap.length < this.size) {
      heap.push(row);
      this.siftUp(heap.length - 1);
    } else {
      this.hashes.delete((heap[0] as TRow).hash);
      heap[0] = row;
      this.siftDown(0);
    }
    if (heap.length === this.size) this.limit = Math.min((heap[0] as TRow).hash, this.ceiling + 1);
  }

  /** The rows kept, by ascending hash. */
  sorted(): TRow[] {
    return [...this.heap].sort((left, right) => left.hash - right.hash);
  }

  private siftUp(from: number): void {
    const heap = this.heap;
    const row = heap[from] as TRow;
    let index = from;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if ((heap[parent] as TRow).hash >= row.hash) break;
      heap[index] = heap[parent] as TRow;
      index = parent;
    }
    heap[index] = row;
  }

  private siftDown(from: number): void {
    const heap = this.heap;
    const row = heap[from] as TRow;
    let index = from;
    for (;;) {
      let largest = index * 2 + 1;
      if (largest >= heap.length) break;
      const right = largest + 1;
      if (right < heap.length && (heap[right] as TRow).hash > (heap[largest] as TRow).hash) largest = right;
      if ((heap[largest] as TRow).hash <= row.hash) break;
      heap[index] = heap[largest] as TRow;
      index = largest;
    }
    heap[index] = row;
  }
}

/**
 * What one thread learns of the samples of the parts of a corpus it profiles one after another (the batches of a
 * stream): per event type, the `size` smallest distinct hashes of the rows its earlier parts kept. A row of a later
 * part with a larger hash than the largest of those is never in the sample of the whole corpus (`size` smaller ones
 * are in the merge already), so the later part need not keep it: its profile then holds only the rows that can still
 * count, and a fresh profile stops paying for its first `size` rows of every type. The merged profile is unchanged.
 * @example const ceilings = new SampleCeilings(128); new Profiler(options, ceilings); ceilings.learn(profile.types)
 */
export class SampleCeilings {
  private readonly byType = new Map<string, BottomK<Hashed>>();

  constructor(readonly size: number) {}

  /** The ceiling of a new profile's sample of the type. */
  of(source: string, type: string): number {
    return this.byType.get(keyOf(source, type))?.bound() ?? Number.POSITIVE_INFINITY;
  }

  /** Takes in the rows a part's profile kept. */
  learn(types: Iterable<{ readonly source: string; readonly type: string; readonly rows: readonly Hashed[] }>): void {
    for (const { source, type, rows } of types) {
      const key = keyOf(source, type);
      let hashes = this.byType.get(key);
      if (hashes === undefined) this.byType.set(key, (hashes = new BottomK<Hashed>(this.size)));
      for (const row of rows) if (hashes.wants(row.hash)) hashes.add({ hash: row.hash });
    }
  }
}

/** Source and type as one key: a source is a name without control characters. */
function keyOf(source: string, type: string): string {
  return `${source}\u0000${type}`;
}
