/**
 * Profiling past one machine: a handler (AWS Lambda under a Step Functions Distributed Map, or any job runner)
 * that profiles one stored object of the corpus and stores its profile beside it, for `capsule-entity audit merge`.
 * Storage is injected: S3 in production (docs/audit.md shows the wiring), a directory in tests and on job runners.
 */
import { createReadStream } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, isAbsolute, join, normalize, sep } from "node:path";
import { z } from "zod";
import { AuditInputError } from "./input-error.js";
import { defaultProfileInputsOptions, type ProfileInputsOptions } from "./profile-inputs.js";
import { stringifyProfile } from "./profile-file.js";
import { profileInputsInParallel } from "./workers.js";

/** A stored object: an S3 bucket and key, or a directory and a path below it. */
export interface StoredObject {
  readonly bucket: string;
  readonly key: string;
}

/**
 * Where shards are read and profiles written; with S3, `GetObject` and `PutObject`.
 * @example const storage: ShardStorage = directoryStorage("/data"); // bucket "events" is /data/events
 */
export interface ShardStorage {
  /** The object's bytes (gzip is detected). */
  read(object: StoredObject): AsyncIterable<Uint8Array>;
  write(object: StoredObject, body: string): Promise<void>;
}

/** Settings of {@link createShardHandler}. */
export interface ShardHandlerOptions {
  readonly storage: ShardStorage;
  /** Where profiles go: `prefix` + the shard's key + `.profile.json`, in `bucket` (default: the shard's bucket). */
  readonly output: { readonly bucket?: string; readonly prefix: string };
  /** The input name recorded in the profile, so in the merged report's locations. Default `s3://bucket/key`. */
  readonly name?: (object: StoredObject) => string;
  /**
   * How the object is read and profiled (default `defaultProfileInputsOptions`). The profile records these settings:
   * `audit merge` refuses shards profiled with different ones, so give every deployment of one merge the same.
   */
  readonly read?: ProfileInputsOptions & { readonly workers?: number };
}

/** What the handler returns (small, as a Distributed Map's item result must be): where the profile is, and counts. */
export interface ShardResult {
  readonly profile: StoredObject;
  readonly events: number;
  readonly skipped: number;
}

/** The profile suffix `audit merge` expects of a directory's files. */
export const profileSuffix = ".profile.json";

// The event: `{ bucket, key }`, what the state machine's ItemSelector builds from each listed object.
const shardEvent = z.object({ bucket: z.string().min(1), key: z.string().min(1) });

/**
 * A handler that profiles one object and writes its profile; `audit merge` turns the profiles into the report
 * of one run over all objects. The shipped state machine (docs/aws/audit-shards.asl.json) calls it per object.
 * @example export const handler = createShardHandler({ storage: s3Storage, output: { prefix: "audit/profiles/" } });
 * await handler({ bucket: "events", key: "2026/12/05/part-0001.ndjson.gz" });
 * //=> { profile: { bucket: "events", key: "audit/profiles/2026/12/05/part-0001.ndjson.gz.profile.json" }, events: 51234, skipped: 0 }
 */
export function createShardHandler(options: ShardHandlerOptions): (event: unknown) => Promise<ShardResult> {
  const name = options.name ?? ((object: StoredObject) => `s3://${object.bucket}/${object.key}`);
  return async (event) => {
    const parsed = shardEvent.safeParse(event);
    if (!parsed.success)
      throw new AuditInputError(`the shard event is not { bucket, key }:\n${z.prettifyError(parsed.error)}`);
    const shard = parsed.data;
    const profile = await profileInputsInParallel(
      [{ name: name(shard), chunks: options.storage.read(shard) }],
      options.read ?? defaultProfileInputsOptions,
    );
    const target = {
      bucket: options.output.bucket ?? shard.bucket,
      key: options.output.prefix + shard.key + profileSuffix,
    };
    await options.storage.write(target, stringifyProfile(profile));
    return { profile: target, events: profile.events, skipped: profile.skipped.count };
  };
}

/**
 * Storage on a file system: bucket `b`, key `k` is the file `root/b/k`. For job runners with a shared disk, and tests.
 * Keys that climb out of their bucket (`../x`, absolute paths) are refused.
 * @example createShardHandler({ storage: directoryStorage("/mnt/corpus"), output: { prefix: "profiles/" } });
 */
export function directoryStorage(root: string): ShardStorage {
  const pathOf = ({ bucket, key }: StoredObject): string => {
    const relative = normalize(key);
    if (
      isAbsolute(key) ||
      relative === ".." ||
      relative.startsWith(`..${sep}`) ||
      bucket.includes(sep) ||
      bucket === ".."
    )
      throw new AuditInputError(`the object ${JSON.stringify(`${bucket}/${key}`)} is outside the storage root`);
    return join(root, bucket, relative);
  };
  return {
    read: (object) => createReadStream(pathOf(object), { highWaterMark: 1 << 20 }),
    async write(object, body) {
      const path = pathOf(object);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, body);
    },
  };
}
