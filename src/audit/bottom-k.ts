/**
 * The bottom-k sample of the profiler's rows: the rows of the `size` smallest distinct hashes, the first row seen of
 * each. A max-heap on the hash (the largest, which a smaller hash replaces, on top) and the set of hashes held, so
 * that an event pays two comparisons when its row is not kept and O(log k) when it is, however full the sample.
 *
 * The hashes sit in a `Float64Array` beside the rows, not in the row objects: a 32-bit hash is past V8's small-integer
 * range half of the time, and a row object's `hash` field changing representation on its first such row deoptimised
 * every optimised function that builds or reads rows (the profiler's whole per-event path, inlined).
 */

/** A hash and the row kept for it, as `BottomK.sorted` gives them. */
export interface HashedRow<TRow> {
  readonly hash: number;
  readonly row: TRow;
}

/**
 * Keeps the rows of the `size` smallest distinct hashes offered; of rows with one hash, the first.
 * @example const sample = new BottomK<string>(2); for (const hash of [5, 1, 3, 1]) if (sample.wants(hash)) sample.add(hash, `row ${hash}`); sample.sorted() //=> [{ hash: 1, row: "row 1" }, { hash: 3, row: "row 3" }]
 */
export class BottomK<TRow> {
  /** The max-heap of the hashes held; `rows[i]` is the row of `hashes[i]`. */
  private readonly hashes: Float64Array;
  private readonly rows: TRow[] = [];
  private length = 0;
  private readonly held = new Set<number>();
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
    this.hashes = new Float64Array(size);
    this.limit = ceiling + 1;
  }

  /** Whether a row of this hash would be kept: ask before building it. */
  wants(hash: number): boolean {
    return hash < this.limit && !this.held.has(hash);
  }

  /** The largest hash a row must not exceed to be kept: the top of a full sample, else the ceiling. */
  bound(): number {
    return this.length < this.size ? this.ceiling : Math.min(this.ceiling, this.hashes[0] as number);
  }

  /** Adds the row of a hash that `wants` it, evicting the row of the largest hash when the sample is full. */
  add(hash: number, row: TRow): void {
    this.held.add(hash);
    if (this.length < this.size) {
      this.length += 1;
      this.siftUp(this.length - 1, hash, row);
    } else {
      this.held.delete(this.hashes[0] as number);
      this.siftDown(hash, row);
    }
    if (this.length === this.size) this.limit = Math.min(this.hashes[0] as number, this.ceiling + 1);
  }

  /** The hashes and rows kept, by ascending hash. */
  sorted(): HashedRow<TRow>[] {
    const entries: HashedRow<TRow>[] = [];
    for (let index = 0; index < this.length; index++)
      entries.push({ hash: this.hashes[index] as number, row: this.rows[index] as TRow });
    return entries.sort((left, right) => left.hash - right.hash);
  }

  /** Places `hash` and `row` at the free slot `from` and moves them up past smaller parents. */
  private siftUp(from: number, hash: number, row: TRow): void {
    const hashes = this.hashes;
    const rows = this.rows;
    let index = from;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if ((hashes[parent] as number) >= hash) break;
      hashes[index] = hashes[parent] as number;
      rows[index] = rows[parent] as TRow;
      index = parent;
    }
    hashes[index] = hash;
    rows[index] = row;
  }

  /** Replaces the top with `hash` and `row` and moves them down past larger children. */
  private siftDown(hash: number, row: TRow): void {
    const hashes = this.hashes;
    const rows = this.rows;
    const length = this.length;
    let index = 0;
    for (;;) {
      let largest = index * 2 + 1;
      if (largest >= length) break;
      const right = largest + 1;
      if (right < length && (hashes[right] as number) > (hashes[largest] as number)) largest = right;
      if ((hashes[largest] as number) <= hash) break;
      hashes[index] = hashes[largest] as number;
      rows[index] = rows[largest] as TRow;
      index = largest;
    }
    hashes[index] = hash;
    rows[index] = row;
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
  private readonly byType = new Map<string, BottomK<null>>();

  constructor(readonly size: number) {}

  /** The ceiling of a new profile's sample of the type. */
  of(source: string, type: string): number {
    return this.byType.get(keyOf(source, type))?.bound() ?? Number.POSITIVE_INFINITY;
  }

  /** Takes in the rows a part's profile kept. */
  learn(
    types: Iterable<{ readonly source: string; readonly type: string; readonly rows: readonly { hash: number }[] }>,
  ): void {
    for (const { source, type, rows } of types) {
      const key = keyOf(source, type);
      let hashes = this.byType.get(key);
      if (hashes === undefined) this.byType.set(key, (hashes = new BottomK<null>(this.size)));
      for (const row of rows) if (hashes.wants(row.hash)) hashes.add(row.hash, null);
    }
  }
}

/**
 * Feedback before optimisation: a sample's first eviction (a type's 129th kept row) comes after the profiler's row
 * sampling is optimised with `add` inlined, and deoptimised it in every isolate. A throwaway sample that evicts a few
 * rows gives `add` its feedback first; V8 gives a function its feedback only after its first calls, hence several
 * (docs/benchmarks-audit.md, session s14).
 */
function warmUpEvictions(): void {
  const sample = new BottomK<object>(1);
  for (let hash = warmUpRows; hash > 0; hash--) if (sample.wants(hash)) sample.add(hash, {});
}
const warmUpRows = 16;
warmUpEvictions();

/** Source and type as one key: a source is a name without control characters. */
function keyOf(source: string, type: string): string {
  return `${source}\u0000${type}`;
}
