/**
 * One unit of `audit-table --entities` work, run on a worker thread (profile-worker.ts) or in place: an export file or
 * a Scan segment checked against the entities of a definitions module, which each thread imports itself (entities
 * hold functions, which do not cross threads); the result is the checker's state, merged by table-check-parallel.ts.
 */
import type { Entity } from "../entity/define-entity.js";
import type { Table } from "../access/table.js";
import { loadEntitiesModule } from "./entities-module.js";
import { AuditInputError } from "./input-error.js";
import { fileInput } from "./profile-inputs.js";
import { TableChecker, type TableCheckState, isEntity, isTable } from "./table-check.js";
import { type SegmentScan, readExportItems, scanSegment } from "./table-source.js";

/** What a check task reads: an export file (its name in locations, its path) or a live table's Scan segment. */
export type CheckSource =
  { readonly kind: "export"; readonly file: string; readonly path: string } | ({ readonly kind: "scan" } & SegmentScan);

/** Check the items of `source` against the entities `definitions` exports. */
export interface CheckTask {
  readonly kind: "check";
  readonly id: number;
  /** The `--entities` module, as given (resolved against the working directory, which the workers share). */
  readonly definitions: string;
  /** The table to take when the module exports several (`--table`). */
  readonly table: string | undefined;
  readonly maxLineLength: number;
  readonly source: CheckSource;
}

/** The entities a definitions module exports, and its table (the one named `table` when it exports several). */
export interface TableDefinitions {
  readonly entities: readonly Entity[];
  readonly table: Table | undefined;
}

/**
 * Imports a definitions module and takes its entities (`defineEntity` results) and table (`defineTable`); a module
 * without entities, or with several tables none of which is `table`, is an input error.
 * @example const { entities, table } = await tableDefinitions("dist/entities.js", "platform_data");
 */
export async function tableDefinitions(path: string, table: string | undefined): Promise<TableDefinitions> {
  const module = await loadEntitiesModule(path);
  const entities = Object.values(module).filter(isEntity);
  const tables = Object.values(module).filter(isTable);
  if (entities.length === 0) throw new AuditInputError(`--entities ${path} exports no entity (defineEntity)`);
  if (tables.length <= 1) return { entities, table: tables[0] };
  const named = tables.find((candidate) => candidate.name === table);
  if (named === undefined)
    throw new AuditInputError(
      `the --entities module exports ${tables.length} tables (${tables.map((candidate) => candidate.name).join(", ")}): scan one of them with --table, or check export files against a module that exports only their table`,
    );
  return { entities, table: named };
}

/**
 * Checks one export file or Scan segment with a checker of its own.
 * @example const state = await checkTask({ kind: "check", id: 0, definitions: "dist/entities.js", table: undefined, maxLineLength: 1 << 20, source: { kind: "export", file: "a.json.gz", path: "data/a.json.gz" } });
 */
export async function checkTask(task: CheckTask): Promise<TableCheckState> {
  const { entities, table } = await tableDefinitions(task.definitions, task.table);
  const checker = new TableChecker(entities, table);
  const { source } = task;
  if (source.kind === "export")
    await readExportItems([fileInput(source.path, source.file)], checker, task.maxLineLength);
  else await scanSegment(source, checker);
  return checker.state();
}
