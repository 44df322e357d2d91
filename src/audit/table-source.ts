/**
 * Where `audit-table` reads items: the files of a DynamoDB export to S3 (DynamoDB JSON lines, gzip), or a live
 * table through parallel Scan segments under a read-capacity rate limit. Items arrive as plain objects.
 */
import { type AttributeValue, AttributeValueError, itemToPlain } from "./table-item.js";
import { type RecordSink, readRecords } from "./reader.js";
import type { AuditInput } from "./profile-inputs.js";
import { defaultMaxLineLength, type SkipReason } from "./reader.js";

/** A place an item was read from: an export file and line, or a table's scan segment and item number. */
export interface ItemLocation {
  readonly file: string;
  readonly line: number;
}

/** Where items go, one call each, and the lines that are not items. */
export interface ItemSink {
  item(item: Record<string, unknown>, location: ItemLocation): void;
  /** A line that is not an item: bad JSON (`reason`), or JSON that is not DynamoDB JSON (`message`). */
  notAnItem(location: ItemLocation, reason: SkipReason | "not-an-item", message: string): void;
}

/**
 * Reads the items of DynamoDB export files (`{"Item":{"pk":{"S":"…"}}}` per line, gzip detected), in order.
 * @example await readExportItems([{ name: "0001.json.gz", chunks: createReadStream(path) }], sink);
 */
export async function readExportItems(
  inputs: readonly AuditInput[],
  sink: ItemSink,
  maxLineLength: number = defaultMaxLineLength,
): Promise<void> {
  for (const input of inputs) {
    const records: RecordSink = {
      record: (value, line) => {
        const location = { file: input.name, line };
        const item = (value as { Item?: unknown } | null)?.Item;
        if (typeof value !== "object" || value === null || item === undefined) {
          sink.notAnItem(location, "not-an-item", 'not an export line: expected {"Item": {…}}');
          return;
        }
        try {
          sink.item(itemToPlain(item, "Item"), location);
        } catch (error) {
          if (!(error instanceof AttributeValueError)) throw error;
          sink.notAnItem(location, "not-an-item", error.message);
        }
      },
      badLine: (reason, line) => sink.notAnItem({ file: input.name, line }, reason, reason),
    };
    await readRecords(input.chunks, records, { maxLineLength });
  }
}

/** The Scan request fields `scanTable` sends (a subset of `ScanCommandInput`). */
export interface ScanRequest {
  readonly TableName: string;
  readonly Segment: number;
  readonly TotalSegments: number;
  readonly Limit: number;
  readonly ExclusiveStartKey?: Readonly<Record<string, AttributeValue>>;
  readonly ReturnConsumedCapacity: "TOTAL";
}

/** The Scan response fields `scanTable` reads (a subset of `ScanCommandOutput`). */
export interface ScanResponse {
  readonly Items?: readonly Readonly<Record<string, AttributeValue>>[];
  readonly LastEvaluatedKey?: Readonly<Record<string, AttributeValue>>;
  readonly ConsumedCapacity?: { readonly CapacityUnits?: number };
  readonly ScannedCount?: number;
}

/** Settings of {@link scanTable}. */
export interface ScanOptions {
  readonly table: string;
  /** Parallel Scan segments (DynamoDB's TotalSegments), 1..1,000,000. */
  readonly segments: number;
  /** Items per Scan page (DynamoDB's Limit). */
  readonly pageSize: number;
  /** Read capacity units per second the scan may consume, all segments together; unlimited when undefined. */
  readonly readUnitsPerSecond?: number;
  /** The time and the waiting (injectable, so tests see the waits without taking them). Default: the real ones. */
  readonly clock?: Clock;
}

/** Milliseconds now, and a wait of some milliseconds. */
export interface Clock {
  now(): number;
  sleep(milliseconds: number): Promise<void>;
}

const realClock: Clock = {
  now: Date.now,
  sleep: (milliseconds) => new Promise((resolve) => setTimeout(resolve, milliseconds)),
};

/** Read units an eventually consistent read of one item of up to 4 KB costs, when the server reports none. */
const estimatedUnitsPerItem = 0.5;

/**
 * A token bucket of read units: a page is paid after it is read (DynamoDB reports what it cost), and the next
 * request of any segment waits while the bucket is in debt. Starts with one second's worth.
 */
export class ReadRateLimiter {
  private tokens: number;
  private last: number;

  constructor(
    private readonly unitsPerSecond: number,
    private readonly clock: Clock = realClock,
  ) {
    this.tokens = unitsPerSecond;
    this.last = clock.now();
  }

  /** Resolves when a request may be sent. */
  async ready(): Promise<void> {
    for (;;) {
      const now = this.clock.now();
      this.tokens = Math.min(this.unitsPerSecond, this.tokens + ((now - this.last) / 1000) * this.unitsPerSecond);
      this.last = now;
      if (this.tokens >= 0) return;
      await this.clock.sleep(Math.ceil((-this.tokens / this.unitsPerSecond) * 1000));
    }
  }

  /** Records what a page cost. */
  spend(units: number): void {
    this.tokens -= units;
  }
}

/**
 * Scans every segment in parallel, each page after the rate limit allows it; `sink(segment)` receives the
 * segment's items in order, located as `table segment s/N` and the item's 1-based number in the segment.
 * @example await scanTable((request) => client.send(new ScanCommand(request)), { table: "t", segments: 4, pageSize: 500 }, () => sink);
 */
export async function scanTable(
  scan: (request: ScanRequest) => Promise<ScanResponse>,
  options: ScanOptions,
  sinkFor: (segment: number) => ItemSink,
): Promise<void> {
  const limiter =
    options.readUnitsPerSecond === undefined
      ? undefined
      : new ReadRateLimiter(options.readUnitsPerSecond, options.clock ?? realClock);
  const segment = async (index: number): Promise<void> => {
    const sink = sinkFor(index);
    const file = `${options.table} segment ${index + 1}/${options.segments}`;
    let line = 0;
    let start: ScanRequest["ExclusiveStartKey"];
    do {
      await limiter?.ready();
      const page = await scan({
        TableName: options.table,
        Segment: index,
        TotalSegments: options.segments,
        Limit: options.pageSize,
        ReturnConsumedCapacity: "TOTAL",
        ...(start === undefined ? {} : { ExclusiveStartKey: start }),
      });
      const items = page.Items ?? [];
      limiter?.spend(
        page.ConsumedCapacity?.CapacityUnits ?? (page.ScannedCount ?? items.length) * estimatedUnitsPerItem,
      );
      for (const raw of items) {
        line += 1;
        try {
          sink.item(itemToPlain(raw, "Item"), { file, line });
        } catch (error) {
          if (!(error instanceof AttributeValueError)) throw error;
          sink.notAnItem({ file, line }, "not-an-item", error.message);
        }
      }
      start = page.LastEvaluatedKey;
    } while (start !== undefined);
  };
  await Promise.all(Array.from({ length: options.segments }, (_, index) => segment(index)));
}
