/**
 * The `--entities MODULE` loader shared by `audit` (declarations for the event inference) and `audit-table` (the
 * entities items are checked against, on every thread that checks): one import, one error.
 */
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { AuditInputError } from "./input-error.js";

/**
 * Imports the `--entities` module (built JavaScript, or TypeScript under a loader such as tsx) and returns its
 * exports; a module that cannot be loaded is an input error (exit 2) naming the path and the first line of why.
 * @example const exports = await loadEntitiesModule("./src/entities.ts"); // { Note: Entity, table: Table, ... }
 */
export async function loadEntitiesModule(path: string): Promise<Readonly<Record<string, unknown>>> {
  try {
    return (await import(pathToFileURL(resolve(path)).href)) as Record<string, unknown>;
  } catch (error) {
    throw new AuditInputError(`cannot load --entities ${path}: ${(error as Error).message.split("\n")[0]}`);
  }
}
