/**
 * `capsule-entity audit merge PROFILES|DIRECTORIES... [report options]`: the report of one run, from the profiles
 * of its shards (`--save-profile`, or the shard handler's `*.profile.json`). Guide: docs/audit.md.
 */
import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { AuditInputError } from "../audit/input-error.js";
import { profileSuffix } from "../audit/shard-handler.js";

/**
 * The profile files the arguments name: a file as given, a directory as every `*.profile.json` below it in
 * code-unit order of the path (S3's listing order, so shards merge in the order of their keys).
 * @example await profilePaths(["profiles/"]) //=> ["profiles/part-0.ndjson.profile.json", "profiles/part-1.ndjson.profile.json"]
 */
export async function profilePaths(names: readonly string[]): Promise<string[]> {
  const paths: string[] = [];
  for (const name of names) {
    const stats = await stat(name).catch((error: NodeJS.ErrnoException) => {
      throw new AuditInputError(`cannot read profile ${name}: ${error.code ?? error.message}`);
    });
    if (!stats.isDirectory()) {
      paths.push(name);
      continue;
    }
    const found = (await readdir(name, { recursive: true, withFileTypes: true }))
      .filter((entry) => entry.isFile() && entry.name.endsWith(profileSuffix))
      .map((entry) => join(entry.parentPath, entry.name))
      .sort((left, right) => (left < right ? -1 : left > right ? 1 : 0));
    if (found.length === 0) throw new AuditInputError(`no *${profileSuffix} file in ${name}`);
    paths.push(...found);
  }
  return paths;
}
