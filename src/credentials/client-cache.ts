/**
 * A small cache of per-scope clients (DocumentClients, typically) whose credentials are refreshed before
 * they expire: one client per scope, created on first use, replaced when its credentials come within the
 * refresh margin of their expiry, least recently used evicted past `maxEntries`.
 */
import type { ConfinedTagCheck, DefaultTagLevels, ScopeLevelIds } from "./abac.js";
import { readsOf, type ConfinedBy, type ScopeCredentials } from "./assume-role.js";
import {
  checkCredentialOptions,
  checkScopeLevelIds,
  defaultCredentialLevels,
  type CredentialLevels,
  type DefaultLevels,
  type LevelGapCheck,
  type ScopeIdsInput,
  type StrayOption,
} from "./levels.js";
import { describeValue } from "../internal/describe.js";
import type { FirstRefusal } from "../internal/types.js";

/**
 * Options of {@link scopedClientCache}.
 *
 * @example
 * const options: ScopedClientCacheOptions<DynamoDBDocumentClient> = {
 *   credentials: assumeRoleCredentials((input) => sts.send(new AssumeRoleCommand(input)), { roleArn, confine }),
 *   createClient: (credentials) => DynamoDBDocumentClient.from(new DynamoDBClient({ region: "eu-west-1", credentials })),
 * };
 */
export interface ScopedClientCacheOptions<TClient, TIds = ScopeLevelIds> {
  /** Vends the credentials of one scope ({@link assumeRoleCredentials}, or your own function). */
  readonly credentials: (ids: TIds) => Promise<ScopeCredentials>;
  readonly createClient: (credentials: ScopeCredentials, ids: TIds) => TClient;
  /** Replace a client this long before its credentials expire; default 300 seconds. */
  readonly refreshBeforeSeconds?: number;
  /** Default 1,000 scopes. */
  readonly maxEntries?: number;
  /** The clock, in epoch milliseconds; default `Date.now`. */
  readonly now?: () => number;
}

/**
 * Per-scope clients, see {@link scopedClientCache}.
 *
 * @example
 * const db = connect(await clients.client({ tenantId, capsuleId }), { table: PlatformTable });
 */
export interface ScopedClientCache<TClient, TIds = ScopeLevelIds> {
  /** The client of a scope, fresh for at least the refresh margin. Concurrent calls share one request. */
  client(ids: TIds): Promise<TClient>;
  /** Forgets a scope (its next call vends new credentials); ids that name no scope are refused as `client` refuses them. */
  delete(ids: TIds): void;
  readonly size: number;
}

/**
 * The default kit's per-scope clients ({@link scopedClientCache}), with the confinement of the provider they were made
 * with (`assumeRoleCredentials`'s; a provider of yours: not known, lenient): by session tags, `client` refuses ids
 * leaving out a level the role reads from a tag on `this` ({@link ConfinedTagCheck}), as the provider refuses them.
 *
 * @example
 * const clients: ConfinedClientCache<DynamoDBDocumentClient, { sessionTags: {} }> = scopedClientCache({ credentials: provider, createClient });
 * const db = connect(await clients.client({ tenantId: "acme", capsuleId: "eu-prod" }), { table: PlatformTable });
 */
export interface ConfinedClientCache<TClient, TConfinement = unknown> extends ScopedClientCache<TClient> {
  client<const TIds extends ScopeIdsInput<DefaultLevels>>(
    this: FirstRefusal<
      [LevelGapCheck<TIds, DefaultLevels>, ConfinedTagCheck<TIds, TConfinement, DefaultTagLevels, "tenant-data">]
    >,
    ids: TIds,
  ): Promise<TClient>;
  /** {@link ScopedClientCache.delete}, its ids inferred as `client`'s (an extra key forgets the scope, as it compiles). */
  delete<const TIds extends ScopeIdsInput<DefaultLevels>>(this: LevelGapCheck<TIds, DefaultLevels>, ids: TIds): void;
}

interface CacheEntry<TClient> {
  readonly ready: Promise<{ readonly client: TClient; readonly expiresAt: number }>;
  /** Set when `ready` settles; until then the entry is in flight and always reused. */
  expiresAt?: number;
}

/**
 * A cache of clients with credentials vended per scope, to pass to `connect()`: the principal behind each
 * client can reach only its scope's partitions (IAM), on top of the scoped access's own checks.
 *
 * @example
 * const clients = scopedClientCache({ credentials, createClient });
 * const db = connect(await clients.client({ tenantId, capsuleId }), { table: PlatformTable });
 * for await (const note of db.entity(Note).scope({ tenantId, capsuleId }).query()) console.log(note.title);
 * @see docs/leading-keys.md
 */
export function scopedClientCache<const TOptions extends ScopedClientCacheOptions<unknown>>(
  this: CacheOptionsCheck<TOptions, "tenant-data">,
  options: TOptions,
): ConfinedClientCache<ReturnType<TOptions["createClient"]>, ConfinementOf<TOptions["credentials"]>> {
  return levelsClientCache(
    options as ScopedClientCacheOptions<ReturnType<TOptions["createClient"]>>,
    defaultCredentialLevels,
  );
}

/** The options the cache takes, in the runtime's order (its message lists them). */
const cacheOptions = ["credentials", "createClient", "refreshBeforeSeconds", "maxEntries", "now"] as const;
/**
 * `unknown`, or the runtime's `credentials.invalid` for a key of the cache's options it does not take (a misspelt
 * `maxEntry`, in a variable too): the `this` of {@link scopedClientCache} and a kit's (`TRole`: the message's example).
 */
export type CacheOptionsCheck<TOptions, TRole extends string> = StrayOption<
  TOptions,
  (typeof cacheOptions)[number],
  "scopedClientCache",
  "credentials, createClient, refreshBeforeSeconds, maxEntries, now",
  TRole
>;

/**
 * The confinement a provider's type records ({@link ConfinedBy}: `assumeRoleCredentials`'s), for a cache made with it
 * to check its ids as the provider does; `unknown` for a provider of yours (not known, not checked).
 */
export type ConfinementOf<TCredentials> = TCredentials extends ConfinedBy<infer TConfinement> ? TConfinement : unknown;

/** {@link scopedClientCache} in any kit's levels: one client per combination of the levels' ids. */
export function levelsClientCache<TClient, TIds extends object>(
  options: ScopedClientCacheOptions<TClient, TIds>,
  levels: CredentialLevels,
): ScopedClientCache<TClient, object> {
  checkCredentialOptions(levels, "scopedClientCache", options, cacheOptions);
  const { credentials, createClient, refreshBeforeSeconds = 300, maxEntries = 1000, now = Date.now } = options;
  const invalid = levels.invalid;
  /** One key per scope: the level ids in a fixed order, JSON-quoted so no id can imitate another pair. */
  const scopeKey = (ids: object): string =>
    JSON.stringify(levels.policy.levels.map((level) => (ids as Record<string, unknown>)[level.field] ?? null));
  // A string from configuration ("300") would be coerced by the arithmetic below, NaN never refresh, Infinity always.
  if (typeof refreshBeforeSeconds !== "number" || !Number.isFinite(refreshBeforeSeconds) || refreshBeforeSeconds < 0)
    throw invalid(
      "refreshBeforeSeconds",
      `is ${describeValue(refreshBeforeSeconds)}, not a finite number of seconds, 0 or more`,
    );
  if (!Number.isInteger(maxEntries) || maxEntries < 1)
    throw invalid("maxEntries", `is ${describeValue(maxEntries)}, not a positive integer`);
  for (const [name, given] of Object.entries({ credentials, createClient, now }))
    if (typeof given !== "function") throw invalid(name, `is ${describeValue(given)}, not a function`);
  const margin = refreshBeforeSeconds * 1000;
  const entries = new Map<string, CacheEntry<TClient>>();

  const vend = (key: string, ids: TIds): CacheEntry<TClient> => {
    const entry: CacheEntry<TClient> = {
      ready: credentials(ids).then((vended) => {
        const expiresAt = vended.expiration?.getTime() ?? Number.POSITIVE_INFINITY;
        // Credentials that are already inside the margin would be vended again on every call.
        if (expiresAt - margin <= now())
          throw invalid("refreshBeforeSeconds", `is ${refreshBeforeSeconds}, not shorter than the session vended`);
        entry.expiresAt = expiresAt;
        return { client: createClient(vended, ids), expiresAt };
      }),
    };
    // A failed vend is forgotten, so the next call tries again; the caller still sees the error.
    entry.ready.catch(() => entries.get(key) === entry && entries.delete(key));
    entries.set(key, entry);
    for (const oldest of entries.keys()) {
      if (entries.size <= maxEntries) break;
      entries.delete(oldest);
    }
    return entry;
  };

  return {
    async client(given) {
      // At the call, whichever the provider (a caller's own would be given ids that name no scope, or no id at all);
      // with the tags the role of a provider of assumeRoleCredentials reads, as it will check them.
      checkScopeLevelIds(levels, given, "", readsOf(credentials));
      const ids = given as TIds; // checked: the ids of a scope, as the provider and createClient take them
      const key = scopeKey(ids);
      const cached = entries.get(key);
      const fresh = cached !== undefined && (cached.expiresAt === undefined || cached.expiresAt - margin > now());
      let entry: CacheEntry<TClient>;
      if (fresh) {
        // Most recently used last: the Map's insertion order is the eviction order.
        entries.delete(key);
        entries.set(key, cached);
        entry = cached;
      } else entry = vend(key, ids);
      return (await entry.ready).client;
    },
    delete(ids) {
      // The ids `client` takes, checked as it checks them: ids that name no scope forgot nothing, silently.
      checkScopeLevelIds(levels, ids);
      entries.delete(scopeKey(ids));
    },
    get size() {
      return entries.size;
    },
  };
}
