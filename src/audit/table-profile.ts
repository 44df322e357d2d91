/**
 * `audit-table` without definitions: items profiled as events of their entity type, so that the inference of `audit`
 * runs over a table unchanged. One `ItemProfiler` per scan segment or export file; their profiles merge.
 */
import type { SampleCeilings } from "./bottom-k.js";
import { defaultProfilerOptions, type Profile, Profiler } from "./profile.js";
import type { RecordSink, SkipReason } from "./reader.js";
import { type TableKeyNames, itemEvent } from "./table-item.js";
import type { ItemLocation, ItemSink } from "./table-source.js";

/** Lines that were valid JSON but no DynamoDB item (an ION export, events): how many, and the first. */
export interface NotItems {
  readonly count: number;
  readonly first: (ItemLocation & { readonly message: string }) | undefined;
}

/** No line that was not an item. */
export const noNotItems: NotItems = { count: 0, first: undefined };

/**
 * The lines that were not items of two parts of the input, the first part's first.
 * @example mergeNotItems({ count: 1, first: a }, { count: 2, first: b }) //=> { count: 3, first: a }
 */
export function mergeNotItems(left: NotItems, right: NotItems): NotItems {
  return { count: left.count + right.count, first: left.first ?? right.first };
}

const defaultKeys: TableKeyNames = { pk: "pk", sk: "sk" };

/** Key attribute names when no table is declared: `pk`/`sk`, or `PK`/`SK` if the item uses those. */
function keysOf(item: Readonly<Record<string, unknown>>): TableKeyNames {
  return item["pk"] === undefined && item["PK"] !== undefined ? { pk: "PK", sk: "SK" } : defaultKeys;
}

/**
 * An item sink that profiles each item as an event of its entity type, from the source `source` (the table's
 * name, or `export`); bad lines are the profile's, lines that are valid JSON but no item are counted apart.
 * @example const profiler = new ItemProfiler("platform_data"); await readExportItems(inputs, profiler); profiler.profile()
 */
export class ItemProfiler implements ItemSink {
  private readonly profiler: Profiler;
  private readonly sinks = new Map<string, RecordSink>();
  private notItemCount = 0;
  private firstNotItem: NotItems["first"];

  /** `ceilings`: what the thread's earlier profiles of the run kept of the row sample (see `SampleCeilings`). */
  constructor(
    private readonly source: string,
    ceilings?: SampleCeilings,
  ) {
    this.profiler = new Profiler(defaultProfilerOptions, ceilings);
  }

  private sinkOf(file: string): RecordSink {
    let sink = this.sinks.get(file);
    if (sink === undefined) {
      sink = this.profiler.sinkFor(file);
      this.sinks.set(file, sink);
    }
    return sink;
  }

  item(item: Record<string, unknown>, location: ItemLocation): void {
    this.sinkOf(location.file).record(itemEvent(item, this.source, keysOf(item)), location.line);
  }

  notAnItem(location: ItemLocation, reason: SkipReason | "not-an-item", message: string): void {
    if (reason !== "not-an-item") this.sinkOf(location.file).badLine(reason, location.line);
    else {
      this.notItemCount += 1;
      this.firstNotItem ??= { ...location, message };
    }
  }

  profile(): Profile {
    return this.profiler.toProfile();
  }

  notItems(): NotItems {
    return { count: this.notItemCount, first: this.firstNotItem };
  }
}
