/**
 * `audit-table --entities --workers N`: export files and Scan segments checked on N threads, each into a checker
 * state of its own (table-check-task.ts), merged in file or segment order, so the report is the same whatever N.
 */
import type { AuditInput } from "./profile-inputs.js";
import { defaultMaxLineLength } from "./reader.js";
import {
  TableChecker,
  type TableCheckState,
  emptyTableCheck,
  mergeAllTableChecks,
  mergeTableCheckInto,
} from "./table-check.js";
import { type CheckTask, tableDefinitions, checkTask } from "./table-check-task.js";
import { ReadRateLimiter, readExportItems } from "./table-source.js";
import { type TableScan, WorkerPool, defaultWorkers } from "./workers.js";

/** Settings of a parallel check. */
export interface CheckOptions {
  /** Threads that check (default: the cores). */
  readonly workers?: number;
  /** The table to take when the definitions module exports several. Default: the scanned table's name. */
  readonly table?: string | undefined;
  readonly maxLineLength?: number;
}

/**
 * The states in their order, each merged as soon as it and those before it are in, while later ones are still being
 * checked (a failure while waiting for an earlier one is no unhandled rejection).
 */
async function merged(states: readonly Promise<TableCheckState>[]): Promise<TableCheckState> {
  for (const state of states) state.catch(() => undefined);
  const total = emptyTableCheck();
  for (const state of states) mergeTableCheckInto(total, await state);
  return total;
}

/**
 * Checks DynamoDB export files against the entities of the module `definitions` (its path), one file per task on
 * `options.workers` worker threads, each importing the module; the states merge in file order. With one worker, or
 * inputs without a `path` (streams), every file is checked on the calling thread, still one state per file.
 * @example const state = await checkExportsInParallel([fileInput("data/a.json.gz"), fileInput("data/b.json.gz")], "dist/entities.js", { workers: 2 });
 * tableReport(state).findings
 */
export async function checkExportsInParallel(
  inputs: readonly AuditInput[],
  definitions: string,
  options: CheckOptions = {},
): Promise<TableCheckState> {
  const maxLineLength = options.maxLineLength ?? defaultMaxLineLength;
  // Loaded here first, so a module that does not load is one input error, not one per thread.
  const { entities, table } = await tableDefinitions(definitions, options.table);
  const workers = Math.min(options.workers ?? defaultWorkers(), inputs.length);
  if (workers <= 1 || inputs.some((input) => input.path === undefined)) {
    const states: TableCheckState[] = [];
    for (const input of inputs) {
      const checker = new TableChecker(entities, table);
      await readExportItems([input], checker, maxLineLength);
      states.push(checker.state());
    }
    return mergeAllTableChecks(states);
  }
  const pool = new WorkerPool(workers);
  try {
    const states: Promise<TableCheckState>[] = [];
    for (const input of inputs) {
      await pool.room();
      const { name: file, path } = input as AuditInput & { readonly path: string };
      const task: CheckTask = {
        kind: "check",
        id: 0,
        definitions,
        table: options.table,
        maxLineLength,
        source: { kind: "export", file, path },
      };
      const state = pool.run(task).then(checkOf);
      // Failures are read by merged(); while this loop waits for room, a failed task is no unhandled rejection.
      state.catch(() => undefined);
      states.push(state);
    }
    return await merged(states);
  } finally {
    await pool.close();
  }
}

/**
 * Checks a live table's Scan segments against the entities of the module `definitions` on `options.workers` threads:
 * segment s on thread s mod N (the calling thread one of them), each with its own client, all drawing on one
 * read-rate bucket; the segment states merge in segment order.
 * @example const state = await checkScanInParallel({ table: "platform_data", segments: 8, pageSize: 500 }, "dist/entities.js", { workers: 4 });
 */
export async function checkScanInParallel(
  scan: TableScan,
  definitions: string,
  options: CheckOptions = {},
): Promise<TableCheckState> {
  await tableDefinitions(definitions, options.table ?? scan.table);
  const threads = Math.min(options.workers ?? defaultWorkers(), scan.segments);
  const rate = scan.readUnitsPerSecond;
  const bucket = rate === undefined ? undefined : ReadRateLimiter.share(rate);
  const taskOf = (segment: number): CheckTask => ({
    kind: "check",
    id: 0,
    definitions,
    table: options.table ?? scan.table,
    maxLineLength: options.maxLineLength ?? defaultMaxLineLength,
    source: { ...scan, kind: "scan", segment, readUnitsPerSecond: rate, bucket },
  });
  const pool = new WorkerPool(threads - 1);
  try {
    const states = Array.from({ length: scan.segments }, (_, segment) => {
      const thread = segment % threads;
      return thread === 0 ? checkTask(taskOf(segment)) : pool.runOn(thread - 1, taskOf(segment)).then(checkOf);
    });
    return await merged(states);
  } finally {
    await pool.close();
  }
}

/** The checker state of a worker's result. */
function checkOf(result: { readonly check?: TableCheckState }): TableCheckState {
  if (result.check === undefined) throw new Error("audit worker returned no check state for a check task");
  return result.check;
}
