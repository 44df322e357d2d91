/**
 * Where `audit-table` reads items: the files of a DynamoDB export to S3 (DynamoDB JSON lines, gzip), or a live
 * table through parallel Scan segments under a read-capacity rate limit. Items arrive as plain objects.
 */
import { type AttributeValue, AttributeValueError, itemToPlain } from "./table-item.js";
import { type RecordSink, readRecords } from "./reader.js";
import type { AuditInput } from "./profile-inputs.js";
import { defaultMaxLineLength, type SkipReason } from "./reader.js";
import { AuditInputError, isSystemError, readFailure } from "./input-error.js";
import { describeSkip } from "./report-text.js";

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
 * The item of one export line: a full export's `Item`, or an incremental export's `NewImage` (the item as written);
 * otherwise why the line holds none (an incremental export's deletion has only its `Keys` and `OldImage`).
 */
function exportLineOf(value: unknown): { readonly item: unknown; readonly name: string } | string {
  if (typeof value !== "object" || value === null) return 'not an export line: expected {"Item": {…}}';
  const line = value as { Item?: unknown; NewImage?: unknown; Keys?: unknown };
  if (line.Item !== undefined) return { item: line.Item, name: "Item" };
  if (line.NewImage !== undefined) return { item: line.NewImage, name: "NewImage" };
  if (line.Keys !== undefined) return "a deletion in an incremental export (Keys without a NewImage): no item to audit";
  return 'not an export line: expected {"Item": {…}}';
}

/**
 * Reads the items of DynamoDB export files (`{"Item":{"pk":{"S":"…"}}}` per line, or an incremental export's
 * `{"Keys":…,"NewImage":…}`, gzip detected), in order.
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
        const read = exportLineOf(value);
        if (typeof read === "string") {
          sink.notAnItem(location, "not-an-item", read);
          return;
        }
        try {
          sink.item(itemToPlain(read.item, read.name), location);
        } catch (error) {
          if (!(error instanceof AttributeValueError)) throw error;
          sink.notAnItem(location, "not-an-item", error.message);
        }
      },
      badLine: (reason, line) => sink.notAnItem({ file: input.name, line }, reason, describeSkip(reason)),
    };
    // On whatever thread it runs, a file that cannot be read is one line naming it, not a stack trace.
    await readRecords(input.chunks, records, { maxLineLength }).catch((error: unknown) => {
      throw isSystemError(error) ? readFailure(input.name, error) : error;
    });
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
  /**
   * The bucket of `readUnitsPerSecond` when other threads scan other segments of the table at the same time
   * (`ReadRateLimiter.share`): one limit for them all. Default: a bucket of this call's own.
   */
  readonly bucket?: SharedArrayBuffer;
  /** The segments this call scans (of `segments`). Default: all of them. */
  readonly only?: readonly number[];
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
 * request of any segment waits while the bucket is in debt. Starts with one second's worth. Its state lives in a
 * SharedArrayBuffer, so that limiters of several threads over one `share()`d buffer draw on one bucket.
 */
export class ReadRateLimiter {
  /** `[tokens, last refill in ms]`, read and written only while `lock` is held. */
  private readonly state: Float64Array;
  private readonly lock: Int32Array;

  constructor(
    private readonly unitsPerSecond: number,
    private readonly clock: Clock = realClock,
    bucket: SharedArrayBuffer = ReadRateLimiter.share(unitsPerSecond, clock),
  ) {
    this.lock = new Int32Array(bucket, 0, 1);
    this.state = new Float64Array(bucket, 8, 2);
  }

  /**
   * A bucket holding one second's worth, for limiters of several threads (each given the same `unitsPerSecond`).
   * @example const bucket = ReadRateLimiter.share(100); new ReadRateLimiter(100, undefined, bucket) // in each thread
   */
  static share(unitsPerSecond: number, clock: Clock = realClock): SharedArrayBuffer {
    const bucket = new SharedArrayBuffer(24);
    new Float64Array(bucket, 8, 2).set([unitsPerSecond, clock.now()]);
    return bucket;
  }

  /** Resolves when a request may be sent. */
  async ready(): Promise<void> {
    for (;;) {
      const debt = this.locked(() => {
        const now = this.clock.now();
        const [tokens = 0, last = now] = this.state;
        const refilled = Math.min(this.unitsPerSecond, tokens + ((now - last) / 1000) * this.unitsPerSecond);
        this.state.set([refilled, now]);
        return -refilled;
      });
      if (debt <= 0) return;
      await this.clock.sleep(Math.ceil((debt / this.unitsPerSecond) * 1000));
    }
  }

  /** Records what a page cost. */
  spend(units: number): void {
    this.locked(() => {
      this.state[0] = (this.state[0] ?? 0) - units;
    });
  }

  /** Runs `update` holding the bucket's lock (a spin lock: the update is a few arithmetic operations). */
  private locked<TResult>(update: () => TResult): TResult {
    while (Atomics.compareExchange(this.lock, 0, 0, 1) !== 0);
    try {
      return update();
    } finally {
      Atomics.store(this.lock, 0, 0);
    }
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
      : new ReadRateLimiter(options.readUnitsPerSecond, options.clock ?? realClock, options.bucket);
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
  const segments = options.only ?? Array.from({ length: options.segments }, (_, index) => index);
  await Promise.all(segments.map(segment));
}

/** Where a live table is: the DynamoDB endpoint (DynamoDB Local, …) and region, the SDK's defaults when absent. */
export interface TableEndpoint {
  readonly endpoint?: string | undefined;
  readonly region?: string | undefined;
}

/** One Scan segment of a live table, drawing on a read-rate bucket other threads may share (`ReadRateLimiter.share`). */
export interface SegmentScan extends TableEndpoint {
  readonly table: string;
  readonly segment: number;
  readonly segments: number;
  readonly pageSize: number;
  readonly readUnitsPerSecond: number | undefined;
  readonly bucket: SharedArrayBuffer | undefined;
}

/**
 * Scans one segment with an SDK client of its own (`sdkScan`) into the sink: what each thread of a parallel scan runs.
 * @example await scanSegment({ table: "t", segment: 2, segments: 4, pageSize: 500, readUnitsPerSecond: undefined, bucket: undefined }, sink);
 */
export async function scanSegment(task: SegmentScan, sink: ItemSink): Promise<void> {
  const { scan, close } = await sdkScan(task);
  try {
    const { table, segments, pageSize, readUnitsPerSecond, bucket } = task;
    const options = { table, segments, pageSize, only: [task.segment] };
    const limit =
      readUnitsPerSecond === undefined ? {} : { readUnitsPerSecond, ...(bucket === undefined ? {} : { bucket }) };
    await scanTable(scan, { ...options, ...limit }, () => sink);
  } finally {
    close();
  }
}

/**
 * A Scan through the AWS SDK (`@aws-sdk/client-dynamodb`, loaded only when a live table is scanned), with its
 * client's `close`.
 * @example const { scan, close } = await sdkScan({ region: "eu-west-1" }); await scanTable(scan, options, sinkFor); close();
 */
export async function sdkScan(
  where: TableEndpoint,
): Promise<{ scan: (request: ScanRequest) => Promise<ScanResponse>; close(): void }> {
  let sdk: typeof import("@aws-sdk/client-dynamodb");
  try {
    sdk = await import("@aws-sdk/client-dynamodb");
  } catch {
    throw new AuditInputError("--table needs @aws-sdk/client-dynamodb: npm install @aws-sdk/client-dynamodb");
  }
  const client = new sdk.DynamoDBClient({
    ...(where.endpoint === undefined ? {} : { endpoint: where.endpoint }),
    ...(where.region === undefined ? {} : { region: where.region }),
  });
  return {
    // The SDK's AttributeValue union and the structural DynamoDB JSON the audit reads are the same data: one cast.
    scan: async (request) =>
      (await client.send(
        new sdk.ScanCommand(request as unknown as import("@aws-sdk/client-dynamodb").ScanCommandInput),
      )) as unknown as ScanResponse,
    close: () => client.destroy(),
  };
}
