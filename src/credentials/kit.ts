/**
 * `kitCredentials(kit)`: `capsule-entity/credentials` in a kit's levels (`defineIsolation`). The same session
 * policy, ABAC role and trust policies, session tags, `AssumeRole` request and per-scope client cache as the
 * default exports, with the kit's level fields as ids and tag keys, its labels in the policies and its words in
 * the messages.
 */
import type {
  FieldList,
  IamPolicy,
  PolicyInput,
  PolicyLevelsCheck,
  PolicyOptionName,
  PolicyTarget,
  StrayPolicyOption,
} from "../access/leading-keys-policy.js";
import { compileVocabulary } from "../entity/define-isolation.js";
import type { IsolationLevelSpec } from "../entity/vocabulary.js";
import {
  levelsRolePolicy,
  levelsSessionTags,
  levelsTrustPolicy,
  type ConfinedTagCheck,
  type TrustPolicy,
  type TagPlanCheck,
  type UnreadTagCheck,
} from "./abac.js";
import {
  levelsAssumeRoleCredentials,
  levelsAssumeRoleInput,
  type AssumeRoleOptions,
  type AssumeRoleRequest,
  type AssumeRoleResponse,
  type ConfinedBy,
  type ConfinementCheck,
  type ScopeCredentials,
} from "./assume-role.js";
import {
  levelsClientCache,
  type CacheOptionsCheck,
  type ConfinementOf,
  type ScopedClientCache,
  type ScopedClientCacheOptions,
} from "./client-cache.js";
import {
  checkCredentialOptions,
  credentialLevels,
  tagPlan,
  type LevelGapCheck,
  type ScopeIdsInput,
  type StrayOption,
} from "./levels.js";
import { levelsSessionPolicy, type SessionPolicyOptionsOf } from "./session-policy.js";
import type { FirstRefusal } from "../internal/types.js";

/**
 * The ids of a scope credentials are vended for, in a kit's levels: the outermost required, each inner one
 * optional (left out, the credentials reach every partition of the level above it).
 *
 * @example
 * const ids: KitScopeIds<typeof levels> = { orgId: "acme", workspaceId: "eng" };
 */
export type KitScopeIds<TLevels extends readonly IsolationLevelSpec[]> = {
  readonly [TField in TLevels[0]["field"]]: string;
} & { readonly [TField in Exclude<TLevels[number]["field"], TLevels[0]["field"]>]?: string };

/** The role of a kit's messages' example: its outermost level's name, `org-data`. */
type KitRole<TLevels extends readonly IsolationLevelSpec[]> = `${Lowercase<TLevels[0]["name"]>}-data`;
/** {@link ConfinementCheck} in the kit's words: its role (`org-data`) in the example, its level fields as the tag options. */
type KitConfinementCheck<TOptions, TLevels extends readonly IsolationLevelSpec[]> = ConfinementCheck<
  TOptions,
  KitRole<TLevels>,
  TLevels[number]["field"],
  FieldList<TLevels>,
  KitLevelTags<TLevels>
>;
/** Every level of a kit as tagPlan walks them, the outermost first: each named by its field as the tag option. */
type KitLevelTags<TLevels extends readonly IsolationLevelSpec[]> = {
  readonly [TIndex in keyof TLevels]: readonly [TLevels[TIndex]["field"], TLevels[TIndex]["field"]];
};
/** The kit's levels after the outermost as a role reads them from tags: each named by its field as the tag option. */
type KitTagLevels<TLevels extends readonly IsolationLevelSpec[]> = TLevels extends readonly [
  IsolationLevelSpec,
  ...infer TInner extends readonly IsolationLevelSpec[],
]
  ? { readonly [TIndex in keyof TInner]: readonly [TInner[TIndex]["field"], TInner[TIndex]["field"]] }
  : readonly [];
/**
 * `unknown`, or the runtime's first refusal of a scope's ids by a kit's provider (and a client cache made with it), in
 * its order: an inner level's id without the one outside it ({@link LevelGapCheck}), then, for a provider confined by
 * session tags, a level its role reads from a tag left out ({@link ConfinedTagCheck}).
 */
type KitScopeCheck<TIds, TLevels extends readonly IsolationLevelSpec[], TConfinement> = FirstRefusal<
  [LevelGapCheck<TIds, TLevels>, ConfinedTagCheck<TIds, TConfinement, KitTagLevels<TLevels>, KitRole<TLevels>>]
>;
/**
 * `unknown`, or the runtime's `credentials.invalid` for a key a kit's `abacTrustPolicy` does not take: beside
 * `trustedPrincipal` and `tags`, or among the tag keys (no level's field; then a tag tagPlan refuses, {@link TagPlanCheck}), in a variable too (as {@link ConfinementCheck}).
 */
type KitTrustOptionsCheck<TOptions, TLevels extends readonly IsolationLevelSpec[]> =
  StrayOption<
    TOptions,
    "trustedPrincipal" | "tags",
    "abacTrustPolicy",
    "trustedPrincipal, tags",
    KitRole<TLevels>
  > extends infer TMessage
    ? unknown extends TMessage
      ? TOptions extends { readonly tags: infer TTags }
        ? KitTagKeysCheck<TTags, TLevels>
        : unknown
      : TMessage
    : never;
/**
 * `unknown`, or the runtime's `credentials.invalid` for a kit's tag keys (tagPlan): a key that is no level's field,
 * then a tag no role can read ({@link TagPlanCheck}).
 */
type KitTagKeysCheck<TTags, TLevels extends readonly IsolationLevelSpec[]> = FirstRefusal<
  [
    StrayOption<TTags, TLevels[number]["field"], "the tag keys", FieldList<TLevels>, KitRole<TLevels>>,
    TagPlanCheck<TTags, KitLevelTags<TLevels>, KitRole<TLevels>>,
  ]
>;
/**
 * The options of a kit's `sessionPolicy`: the scope's ids under `ids` (any kit), or beside the target's options (a
 * kit none of whose level fields is named like an option of the policy; `accountId` for an `ACCOUNT#…` table is).
 *
 * @example
 * const options: KitSessionPolicyOptions<typeof levels> = { table, region, accountId, orgId: "acme", workspaceId: "eng" };
 * const accounts: KitSessionPolicyOptions<typeof accountLevels> = { table, region, accountId: "123456789012", ids: { accountId: "a1" } };
 */
export type KitSessionPolicyOptions<TLevels extends readonly IsolationLevelSpec[]> =
  | (PolicyTarget & { readonly ids: KitScopeIds<TLevels> })
  | ([Extract<TLevels[number]["field"], PolicyOptionName>] extends [never]
      ? PolicyTarget & KitScopeIds<TLevels>
      : never);

/**
 * A kit's `sessionPolicy`: its options as given, taken as {@link KitSessionPolicyOptions}; a clashing kit's ids given
 * beside the options are refused with the runtime's `policy.invalid` text, on the clashing property (`accountId`), or
 * as the type of `this` when that property is left out too; then a key the policy does not take, on `this`
 * ({@link StrayPolicyOption}), in a variable too.
 *
 * @example
 * const policy: KitSessionPolicy<typeof levels> = kitCredentials(kit).sessionPolicy;
 * @see docs/leading-keys.md
 */
export type KitSessionPolicy<TLevels extends readonly IsolationLevelSpec[]> = <
  const TOptions extends PolicyInput<TLevels, string>,
>(
  this: FirstRefusal<
    [
      PolicyLevelsCheck<TOptions, TLevels, "sessionPolicy", string>,
      StrayPolicyOption<TOptions, TLevels, "sessionPolicy">,
    ]
  >,
  options: SessionPolicyOptionsOf<TOptions, TLevels, KitScopeIds<TLevels>, PolicyTarget & KitScopeIds<TLevels>>,
) => IamPolicy;

/**
 * The session tag key per level field (default: the field itself); `false` on an inner level makes a role
 * confined to the levels outside it (`{ workspaceId: false }`: org-wide sessions).
 *
 * @example
 * const keys: KitTagKeys<typeof levels> = { orgId: "org", workspaceId: false };
 */
export type KitTagKeys<TLevels extends readonly IsolationLevelSpec[]> = {
  readonly [TField in TLevels[0]["field"]]?: string;
} & { readonly [TField in Exclude<TLevels[number]["field"], TLevels[0]["field"]>]?: string | false };

/**
 * How a kit's session is confined: a session policy with the scope's literal ids, or the kit's session tags.
 *
 * @example
 * const byTags: KitConfinement<typeof levels> = { sessionTags: { orgId: "orgId", workspaceId: "workspaceId" } };
 */
export type KitConfinement<TLevels extends readonly IsolationLevelSpec[]> =
  { readonly sessionPolicy: PolicyTarget } | { readonly sessionTags: KitTagKeys<TLevels> };

/**
 * What {@link kitCredentials} returns: the default exports of `capsule-entity/credentials`, in the kit's levels.
 *
 * @example
 * const { sessionPolicy, scopedClientCache } = kitCredentials(kit);
 * @see docs/leading-keys.md
 */
export interface KitCredentials<TLevels extends readonly IsolationLevelSpec[]> {
  /**
   * The session policy confining a session to one scope (`ORG#o#WS#w`), checked against STS's size: the ids beside
   * the options or under `ids` (only there for a kit whose level field is named like an option, `accountId`).
   */
  readonly sessionPolicy: KitSessionPolicy<TLevels>;
  /**
   * The ABAC role's policy: each level the role reads, from the session's tag. Its tag keys are inferred, and refused
   * on `this` as tagPlan refuses them ({@link KitTagKeysCheck}), in a variable too.
   */
  abacRolePolicy<const TTags extends KitTagKeys<TLevels> = {}>(
    this: KitTagKeysCheck<TTags, TLevels>,
    options: PolicyTarget & { readonly tags?: TTags },
  ): IamPolicy;
  /** The ABAC role's trust policy: only `trustedPrincipal`, passing exactly the scope's tags. */
  abacTrustPolicy<const TOptions extends { readonly trustedPrincipal: string; readonly tags?: KitTagKeys<TLevels> }>(
    this: KitTrustOptionsCheck<TOptions, TLevels>,
    options: TOptions,
  ): TrustPolicy;
  /**
   * The session tags of a scope. Refused on `this` in the runtime's order: a tag option that is no level field, an
   * inner level's id without the one outside it, a level the role reads from a tag left out of the ids.
   */
  sessionTags<const TIds extends ScopeIdsInput<TLevels>, const TKeys extends KitTagKeys<TLevels> = {}>(
    this: FirstRefusal<
      [
        KitTagKeysCheck<TKeys, TLevels>,
        LevelGapCheck<TIds, TLevels>,
        UnreadTagCheck<TIds, TKeys, KitTagLevels<TLevels>, KitRole<TLevels>>,
      ]
    >,
    ids: TIds,
    keys?: TKeys,
  ): readonly { readonly Key: string; readonly Value: string }[];
  /**
   * The `AssumeRole` request vending credentials confined to one scope. Refused on `this` in the runtime's order (its
   * provider's): the options, then an inner level's id without the one outside it, a level the role reads left out.
   */
  assumeRoleInput<
    const TIds extends ScopeIdsInput<TLevels>,
    const TOptions extends AssumeRoleOptions<KitScopeIds<TLevels>, KitConfinement<TLevels>>,
  >(
    this: FirstRefusal<
      [
        KitConfinementCheck<TOptions, TLevels>,
        LevelGapCheck<TIds, TLevels>,
        ConfinedTagCheck<TIds, TOptions["confine"], KitTagLevels<TLevels>, KitRole<TLevels>>,
      ]
    >,
    ids: TIds,
    options: TOptions,
  ): AssumeRoleRequest;
  /** A credential provider for {@link KitCredentials.scopedClientCache}, calling your `assumeRole`. */
  assumeRoleCredentials<const TOptions extends AssumeRoleOptions<KitScopeIds<TLevels>, KitConfinement<TLevels>>>(
    this: KitConfinementCheck<TOptions, TLevels>,
    assumeRole: (input: AssumeRoleRequest) => Promise<AssumeRoleResponse>,
    options: TOptions,
  ): KitCredentialProvider<TLevels, TOptions["confine"]>;
  /**
   * Per-scope clients whose credentials are refreshed before they expire, with the confinement of the provider
   * (`assumeRoleCredentials`'s; a provider of yours: `unknown`, not known).
   */
  scopedClientCache<const TOptions extends ScopedClientCacheOptions<unknown, KitScopeIds<TLevels>>>(
    this: CacheOptionsCheck<TOptions, KitRole<TLevels>>,
    options: TOptions,
  ): KitScopedClientCache<ReturnType<TOptions["createClient"]>, TLevels, ConfinementOf<TOptions["credentials"]>>;
}

/**
 * A kit's credential provider ({@link KitCredentials.assumeRoleCredentials}): the credentials of one scope, its ids
 * checked as `assumeRoleInput` checks them, on `this`: an inner level's id without the one outside it
 * ({@link LevelGapCheck}), and, the provider's confinement `TConfinement` recorded in its type, a level its role reads
 * from a session tag left out ({@link ConfinedTagCheck}; `unknown`: not known, not checked). It is a `credentials` of
 * {@link KitCredentials.scopedClientCache} as it is, which checks the same.
 *
 * @example
 * const provider: KitCredentialProvider<typeof levels, { sessionTags: {} }> = kitCredentials(kit).assumeRoleCredentials(assumeRole, { roleArn, confine: { sessionTags: {} } });
 * await provider({ orgId: "acme", workspaceId: "eng" });
 */
export type KitCredentialProvider<TLevels extends readonly IsolationLevelSpec[], TConfinement = unknown> = (<
  const TIds extends ScopeIdsInput<TLevels>,
>(
  this: KitScopeCheck<TIds, TLevels, TConfinement>,
  ids: TIds,
) => Promise<ScopeCredentials>) &
  ConfinedBy<TConfinement>;

/**
 * A kit's per-scope clients ({@link KitCredentials.scopedClientCache}): `client` and `delete` refuse on `this` an inner
 * level's id without the one outside it ({@link LevelGapCheck}), as the cache refuses it at the call, whichever the
 * provider; and `client`, `TConfinement` being the provider's (`unknown` for one of yours: not known), a level its role
 * reads from a session tag left out ({@link ConfinedTagCheck}), as the provider refuses it when the cache asks.
 *
 * @example
 * const clients: KitScopedClientCache<DynamoDBDocumentClient, typeof levels> = kitCredentials(kit).scopedClientCache(options);
 * const db = connect(await clients.client({ orgId: "acme", workspaceId: "eng" }), { table: "app_data" });
 */
export interface KitScopedClientCache<
  TClient,
  TLevels extends readonly IsolationLevelSpec[],
  TConfinement = unknown,
> extends ScopedClientCache<TClient, KitScopeIds<TLevels>> {
  client<const TIds extends ScopeIdsInput<TLevels>>(
    this: KitScopeCheck<TIds, TLevels, TConfinement>,
    ids: TIds,
  ): Promise<TClient>;
  delete<const TIds extends ScopeIdsInput<TLevels>>(this: LevelGapCheck<TIds, TLevels>, ids: TIds): void;
}

/**
 * `capsule-entity/credentials` for a kit made by `defineIsolation`: its level fields are the ids and tag keys,
 * its labels the policies' (`ORG#${aws:PrincipalTag/orgId}#WS#…`), its words the messages'. A malformed
 * vocabulary is refused as `defineIsolation` refuses it.
 *
 * @example
 * const kit = defineIsolation({ levels: [{ name: "org", field: "orgId", label: "ORG" }, { name: "workspace", field: "workspaceId", label: "WS" }] });
 * const { sessionPolicy } = kitCredentials(kit);
 * sessionPolicy({ table: "app_data", region: "eu-west-1", accountId: "123456789012", orgId: "acme", workspaceId: "eng" });
 * @see docs/leading-keys.md
 */
export function kitCredentials<const TLevels extends readonly IsolationLevelSpec[]>(kit: {
  readonly levels: TLevels;
}): KitCredentials<TLevels> {
  const levels = credentialLevels(compileVocabulary(kit).levels);
  return Object.freeze({
    sessionPolicy: ((options: KitSessionPolicyOptions<TLevels>) =>
      levelsSessionPolicy(options, levels)) as KitSessionPolicy<TLevels>,
    abacRolePolicy: ({ tags, ...target }) => levelsRolePolicy(target, tagPlan(levels, tags), levels),
    abacTrustPolicy: <
      const TOptions extends { readonly trustedPrincipal: string; readonly tags?: KitTagKeys<TLevels> },
    >(
      options: TOptions,
    ) => {
      checkCredentialOptions(levels, "abacTrustPolicy", options, ["trustedPrincipal", "tags"]);
      return levelsTrustPolicy(options.trustedPrincipal, tagPlan(levels, options.tags), levels);
    },
    sessionTags: (ids, keys) => levelsSessionTags(ids, tagPlan(levels, keys), levels),
    assumeRoleInput: (ids, options) => levelsAssumeRoleInput(ids, options, levels),
    assumeRoleCredentials: (assumeRole, options) => levelsAssumeRoleCredentials(assumeRole, options, levels),
    scopedClientCache: <const TOptions extends ScopedClientCacheOptions<unknown, KitScopeIds<TLevels>>>(
      options: TOptions,
    ) =>
      levelsClientCache(
        options as ScopedClientCacheOptions<ReturnType<TOptions["createClient"]>, KitScopeIds<TLevels>>,
        levels,
      ),
  } satisfies KitCredentials<TLevels>);
}
