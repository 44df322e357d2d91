/**
 * `kitCredentials(kit)`: the session policy, ABAC role and trust policies, session tags, AssumeRole request and
 * client cache in an org/workspace kit's levels, evaluated by an IAM policy evaluator as the default kit's are
 * (session-policy.test.ts, abac.test.ts): a session reaches its own workspace, never w10 beside w1 nor another org.
 */
import { describe, expect, expectTypeOf, it } from "vitest";
import { defineIsolation, EntityDefinitionError } from "capsule-entity";
import {
  kitCredentials,
  sessionPolicyMaxLength,
  sessionTags,
  type AssumeRoleRequest,
  type KitScopeIds,
  type ScopeCredentials,
} from "capsule-entity/credentials";
import { account, decide, decideAssume, region } from "../../scripts/iam-simulation.js";
import { thrownMessage } from "../../scripts/thrown.js";

const kit = defineIsolation({
  levels: [
    { name: "org", field: "orgId", label: "ORG" },
    { name: "workspace", field: "workspaceId", label: "WS" },
  ],
});
const credentials = kitCredentials(kit);
const target = { table: "app_data", region, accountId: account } as const;
const tableArn = `arn:aws:dynamodb:${region}:${account}:table/app_data`;
const roleWide = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: "dynamodb:*", Resource: `arn:aws:dynamodb:${region}:${account}:table/*` }],
};
const broker = `arn:aws:iam::${account}:role/credential-broker`;

describe("kitCredentials: session policies", () => {
  it("confine a session of a table-wide role to its own workspace: not w10 beside w1, not another org", async () => {
    const policy = credentials.sessionPolicy({ ...target, orgId: "o1", workspaceId: "w1" });
    expect(policy.Statement[0].Sid).toBe("OrgWsLeadingKeys");
    const query = (leadingKeys?: readonly string[]) =>
      decide({
        policies: [roleWide],
        sessionPolicy: policy,
        resource: tableArn,
        ...(leadingKeys ? { leadingKeys } : {}),
      });
    expect(await query(["ORG#o1#WS#w1"])).toBe("Allowed");
    expect(await query(["ORG#o1#WS#w1#DOC#d1"])).toBe("Allowed");
    expect(await query(["ORG#o1#WS#w10"])).toBe("ImplicitlyDenied");
    expect(await query(["ORG#o1#WS#w10#DOC#d1"])).toBe("ImplicitlyDenied");
    expect(await query(["ORG#o2#WS#w1"])).toBe("ImplicitlyDenied");
    expect(await query(["TENANT#o1#CAPSULE#w1"])).toBe("ImplicitlyDenied");
    expect(await query()).toBe("ImplicitlyDenied");
    // The role alone would allow the other org: the session policy is what refuses it.
    expect(await decide({ policies: [roleWide], resource: tableArn, leadingKeys: ["ORG#o2#WS#w1"] })).toBe("Allowed");
  });

  it("an org-wide session (no workspace id) reaches every workspace of its org only", async () => {
    const policy = credentials.sessionPolicy({ ...target, orgId: "o1" });
    const query = (leadingKeys: readonly string[]) =>
      decide({ policies: [roleWide], sessionPolicy: policy, resource: tableArn, leadingKeys });
    expect(await query(["ORG#o1#WS#w10#DOC#d1"])).toBe("Allowed");
    expect(await query(["ORG#o1#BILLING"])).toBe("Allowed");
    expect(await query(["ORG#o10#WS#w1"])).toBe("ImplicitlyDenied");
  });

  it("refuses, in the kit's words, ids STS cannot carry, a policy over STS's size, and a workspace without its org", () => {
    const indexes = Array.from({ length: 30 }, (_, index) => `index_number_${index}`);
    const messages = [
      thrownMessage(() => credentials.sessionPolicy({ ...target, orgId: "o1", workspaceId: "日本" })),
      thrownMessage(() => credentials.sessionPolicy({ ...target, indexes, orgId: "o1", workspaceId: "w1" })),
      thrownMessage(() =>
        credentials.sessionPolicy({ ...target, workspaceId: "w1" } as unknown as Parameters<
          typeof credentials.sessionPolicy
        >[0]),
      ),
    ];
    expect(messages[0]).toMatch(/^\[credentials\.invalid\] workspaceId is "日本", with characters STS refuses/);
    expect(messages[0]).toContain('roleArn: "arn:aws:iam::123456789012:role/org-data"');
    expect(messages[1]).toMatch(/^\[credentials\.policyTooLarge\] the session policy is [\d,]+ characters, over/);
    expect(messages[1]).toContain('indexes: ["byOrg"]');
    expect(messages[2]).toMatch(/^\[policy\.invalid\] sessionPolicy orgId is missing \| /);
    for (const message of messages) expect(message).not.toMatch(/tenant|capsule|RoleAssignment|platform_data/i);
    expect(
      JSON.stringify(credentials.sessionPolicy({ ...target, orgId: "o1", workspaceId: "w1" })).length,
    ).toBeLessThan(sessionPolicyMaxLength);
  });
});

describe("kitCredentials: ABAC, one role for every org and workspace", () => {
  it("the role policy lets a tagged session reach its own workspace only, and an untagged one nothing", async () => {
    const role = credentials.abacRolePolicy(target);
    const tags = Object.fromEntries(
      credentials.sessionTags({ orgId: "o1", workspaceId: "w1" }).map((tag) => [tag.Key, tag.Value]),
    );
    expect(tags).toEqual({ orgId: "o1", workspaceId: "w1" });
    const query = (leadingKeys: readonly string[], principalTags: Record<string, string>) =>
      decide({ policies: [role], resource: tableArn, leadingKeys, principalTags });
    expect(await query(["ORG#o1#WS#w1"], tags)).toBe("Allowed");
    expect(await query(["ORG#o1#WS#w1#DOC#d1"], tags)).toBe("Allowed");
    expect(await query(["ORG#o1#WS#w10"], tags)).toBe("ImplicitlyDenied");
    expect(await query(["ORG#o2#WS#w1"], tags)).toBe("ImplicitlyDenied");
    expect(await query(["ORG#o1#WS#w1"], { orgId: "o1" })).toBe("ImplicitlyDenied");
  });

  it("an org-wide role (workspaceId: false) and custom tag keys", async () => {
    const tagKeys = { orgId: "org", workspaceId: false } as const;
    const role = credentials.abacRolePolicy({ ...target, tags: tagKeys });
    expect(credentials.sessionTags({ orgId: "o1", workspaceId: "w1" }, tagKeys)).toEqual([{ Key: "org", Value: "o1" }]);
    const query = (leadingKeys: readonly string[]) =>
      decide({ policies: [role], resource: tableArn, leadingKeys, principalTags: { org: "o1" } });
    expect(await query(["ORG#o1#WS#w2"])).toBe("Allowed");
    expect(await query(["ORG#o10#WS#w2"])).toBe("ImplicitlyDenied");
  });

  it("the trust policy admits the broker only while it passes exactly the kit's scope tags", async () => {
    const trustPolicy = credentials.abacTrustPolicy({ trustedPrincipal: broker });
    for (const action of ["sts:AssumeRole", "sts:TagSession"] as const) {
      const assume = (tags: Record<string, string>) => decideAssume({ trustPolicy, caller: broker, action, tags });
      expect(await assume({ orgId: "o1", workspaceId: "w1" })).toBe("Allowed");
      expect(await assume({ orgId: "o1" })).toBe("ImplicitlyDenied");
      expect(await assume({ tenantId: "o1", capsuleId: "w1" })).toBe("ImplicitlyDenied");
      expect(await assume({ orgId: "o1", workspaceId: "w1", admin: "true" })).toBe("ImplicitlyDenied");
    }
  });

  it("refuses, in the kit's words, a missing workspace id, bad tags and an outermost level left out", () => {
    const messages = [
      // @ts-expect-error -- the role reads workspaceId from its tag (credentials-session-tags.ts has the message)
      thrownMessage(() => credentials.sessionTags({ orgId: "o1" })),
      thrownMessage(() => credentials.sessionTags({ orgId: "o*", workspaceId: "w1" })),
      thrownMessage(() => credentials.abacTrustPolicy({ trustedPrincipal: "*" })),
      thrownMessage(() =>
        credentials.abacRolePolicy({ ...target, tags: { orgId: false } as unknown as { orgId: string } }),
      ),
    ];
    expect(messages).toEqual([
      expect.stringMatching(
        /^\[credentials\.invalid\] workspaceId is missing, but the role reads it from tag workspaceId/,
      ),
      expect.stringMatching(/^\[credentials\.invalid\] tag orgId is "o\*": session tags take/),
      expect.stringMatching(/^\[credentials\.invalid\] trustedPrincipal is "\*", not an IAM or STS ARN/),
      expect.stringMatching(/^\[credentials\.invalid\] orgId tag is false: the outermost level is always read/),
    ]);
    for (const message of messages) expect(message).not.toMatch(/tenant|capsule|RoleAssignment|platform_data/i);
  });
});

describe("kitCredentials: AssumeRole and the client cache", () => {
  const roleArn = `arn:aws:iam::${account}:role/org-data`;

  it("builds the AssumeRole request from the kit's ids, with tags or a session policy", () => {
    expect(
      credentials.assumeRoleInput({ orgId: "o1", workspaceId: "w1" }, { roleArn, confine: { sessionTags: {} } }),
    ).toEqual({
      RoleArn: roleArn,
      RoleSessionName: "o1.w1",
      DurationSeconds: 900,
      Tags: [
        { Key: "orgId", Value: "o1" },
        { Key: "workspaceId", Value: "w1" },
      ],
    });
    const request = credentials.assumeRoleInput({ orgId: "o1" }, { roleArn, confine: { sessionPolicy: target } });
    expect(request.RoleSessionName).toBe("o1");
    expect(JSON.parse(request.Policy!)).toEqual(credentials.sessionPolicy({ ...target, orgId: "o1" }));
    expect(
      thrownMessage(() =>
        credentials.assumeRoleInput({ orgId: "o1", workspaceId: "w1" }, { roleArn: "x", confine: { sessionTags: {} } }),
      ),
    ).toMatch(/^\[credentials\.invalid\] roleArn is "x", not a role ARN \|.*role\/org-data/);
  });

  it("an org's ids alone compile and run where the role reads no workspace tag (credentials-session-tags.ts: refused where it does)", async () => {
    const orgWide = { sessionTags: { workspaceId: false } } as const;
    expect(credentials.sessionTags({ orgId: "o1" }, { workspaceId: false })).toEqual([{ Key: "orgId", Value: "o1" }]);
    expect(credentials.assumeRoleInput({ orgId: "o1" }, { roleArn, confine: orgWide }).Tags).toEqual([
      { Key: "orgId", Value: "o1" },
    ]);
    const sent: AssumeRoleRequest[] = [];
    const provider = credentials.assumeRoleCredentials(
      async (input) => (
        sent.push(input),
        { Credentials: { AccessKeyId: "AK", SecretAccessKey: "s", SessionToken: "t", Expiration: new Date(9e15) } }
      ),
      { roleArn, confine: orgWide },
    );
    const clients = credentials.scopedClientCache({ credentials: provider, createClient: (_, ids) => ids });
    expect(await clients.client({ orgId: "o1" })).toEqual({ orgId: "o1" });
    expect(sent.map((input) => input.Tags)).toEqual([[{ Key: "orgId", Value: "o1" }]]);
  });

  it("vends and caches one client per org and workspace, through the kit's provider", async () => {
    const requests: unknown[] = [];
    const provider = credentials.assumeRoleCredentials(
      async (input) => {
        requests.push(input);
        return {
          Credentials: {
            AccessKeyId: `AK${requests.length}`,
            SecretAccessKey: "secret",
            SessionToken: input.RoleSessionName,
            Expiration: new Date(Date.now() + 900_000),
          },
        };
      },
      { roleArn, confine: { sessionPolicy: target } },
    );
    const clients = credentials.scopedClientCache({
      credentials: provider,
      createClient: (vended: ScopeCredentials, ids: KitScopeIds<typeof kit.levels>) => ({ vended, ids }),
    });
    const w1 = await clients.client({ orgId: "o1", workspaceId: "w1" });
    expect(w1.vended.sessionToken).toBe("o1.w1");
    expect(await clients.client({ orgId: "o1", workspaceId: "w1" })).toBe(w1);
    expect((await clients.client({ orgId: "o1", workspaceId: "w10" })).vended.sessionToken).toBe("o1.w10");
    expect((await clients.client({ orgId: "o1" })).vended.sessionToken).toBe("o1");
    expect(clients.size).toBe(3);
    expect(requests).toHaveLength(3);
    expect(JSON.parse((requests[0] as { Policy: string }).Policy)).toEqual(
      credentials.sessionPolicy({ ...target, orgId: "o1", workspaceId: "w1" }),
    );
    clients.delete({ orgId: "o1", workspaceId: "w1" });
    expect(clients.size).toBe(2);

    const packed = credentials.assumeRoleCredentials(
      async () => {
        throw Object.assign(new Error("too large"), { name: "PackedPolicyTooLargeException" });
      },
      { roleArn, confine: { sessionTags: {} } },
    );
    await expect(packed({ orgId: "o1", workspaceId: "w1" })).rejects.toThrow(
      /^\[credentials\.policyTooLarge\] the packed session policy/,
    );
  });

  it("types the ids per kit: the org is required, the default kit's fields are not the kit's", () => {
    expectTypeOf<KitScopeIds<typeof kit.levels>>().toEqualTypeOf<
      { readonly orgId: string } & { readonly workspaceId?: string }
    >();
    // The calls infer the ids against every level optional; the org is required on `this`, in the runtime's words
    // (credentials-level-gap.ts has the messages).
    expectTypeOf<Parameters<typeof credentials.sessionTags>[0]>().toEqualTypeOf<
      object & { readonly orgId?: string; readonly workspaceId?: string }
    >();
    // @ts-expect-error -- the outermost level's id is required
    expect(() => credentials.sessionTags({ workspaceId: "w1" })).toThrow(/^\[credentials\.invalid\] orgId is missing/);
    // @ts-expect-error -- tenantId is the default kit's field, not this kit's
    expect(() => credentials.sessionTags({ tenantId: "t1", capsuleId: "c1" })).toThrow(
      /^\[credentials\.invalid\] orgId is missing/,
    );
  });

  it("a three-level kit's provider and cache take every scope's ids and refuse a level's gap at the call", async () => {
    const three = kitCredentials(
      defineIsolation({
        levels: [
          { name: "org", field: "orgId", label: "ORG" },
          { name: "project", field: "projectId", label: "PRJ" },
          { name: "env", field: "envId", label: "ENV" },
        ],
      }),
    );
    const sessions: string[] = [];
    const provider = three.assumeRoleCredentials(
      async (input) => {
        sessions.push(input.RoleSessionName);
        return {
          Credentials: { AccessKeyId: "AK", SecretAccessKey: "s", SessionToken: "t", Expiration: new Date(9e15) },
        };
      },
      { roleArn, confine: { sessionPolicy: target } },
    );
    const vended: unknown[] = [];
    // The caller's own provider: the cache checks the ids itself, it is not left to the provider.
    const clients = three.scopedClientCache({
      credentials: async (ids) => (vended.push(ids), provider(ids)),
      createClient: (_credentials, ids) => ids,
    });
    await provider({ orgId: "o1" });
    await provider({ orgId: "o1", projectId: "p1", envId: "e1" });
    expect(await clients.client({ orgId: "o1", projectId: "p1" })).toEqual({ orgId: "o1", projectId: "p1" });
    const gap = /^\[credentials\.invalid\] envId is given without projectId, the level outside it \| /;
    // @ts-expect-error -- envId without projectId names no scope (credentials-level-gap.ts has the message)
    await expect(provider({ orgId: "o1", envId: "e1" })).rejects.toThrow(gap);
    // @ts-expect-error -- the same for the cache's client
    await expect(clients.client({ orgId: "o1", envId: "e1" })).rejects.toThrow(gap);
    expect(sessions).toEqual(["o1", "o1.p1.e1", "o1.p1"]);
    expect(vended).toHaveLength(1);
    expect(clients.size).toBe(1);
  });

  it("refuses a level the role reads left out before an id's value, as the types do (an empty org id, no workspace)", async () => {
    const byTags = { roleArn, confine: { sessionTags: {} } } as const;
    const provider = credentials.assumeRoleCredentials(async () => ({}), byTags);
    const clients = credentials.scopedClientCache({ credentials: provider, createClient: () => ({}) });
    const unread = /^\[credentials\.invalid\] workspaceId is missing, but the role reads it from tag workspaceId \| /;
    // @ts-expect-error -- the role reads workspaceId (credentials-session-tags.ts has the message)
    expect(thrownMessage(() => credentials.sessionTags({ orgId: "" }))).toMatch(unread);
    // @ts-expect-error -- the same, before the `#` in the org id
    expect(thrownMessage(() => credentials.assumeRoleInput({ orgId: "a#b" }, byTags))).toMatch(unread);
    // @ts-expect-error -- the provider's role reads it too
    await expect(provider({ orgId: "" })).rejects.toThrow(unread);
    // @ts-expect-error -- and the cache made with that provider, at its call (before it asks the provider)
    await expect(clients.client({ orgId: "a#b" })).rejects.toThrow(unread);
    // Every level given: the value is what is wrong, on both sides at runtime only (no type sees a string's content).
    expect(thrownMessage(() => credentials.sessionTags({ orgId: "", workspaceId: "w1" }))).toMatch(
      /^\[credentials\.invalid\] orgId is "", not an id/,
    );
    await expect(clients.client({ orgId: "o1", workspaceId: "" })).rejects.toThrow(
      /^\[credentials\.invalid\] workspaceId is "", not an id/,
    );
  });

  it("refuses two levels read from one tag key (compared without case, as STS does) and an aws: tag key", () => {
    const messages = [
      thrownMessage(() =>
        // @ts-expect-error two levels read from one tag (credentials-session-tags.ts has the message)
        credentials.sessionTags({ orgId: "o1", workspaceId: "w1" }, { orgId: "x", workspaceId: "x" }),
      ),
      thrownMessage(() =>
        // @ts-expect-error two levels read from one tag, without case (credentials-session-tags.ts has the message)
        credentials.abacTrustPolicy({ trustedPrincipal: broker, tags: { orgId: "scope", workspaceId: "Scope" } }),
      ),
      // @ts-expect-error the role policy reads the same tag keys (credentials-session-tags.ts has the message)
      thrownMessage(() => credentials.abacRolePolicy({ ...target, tags: { workspaceId: "orgId" } })),
      // @ts-expect-error an aws: tag key (credentials-session-tags.ts has the message)
      thrownMessage(() => credentials.sessionTags({ orgId: "o1", workspaceId: "w1" }, { orgId: "aws:org" })),
    ];
    expect(messages).toEqual([
      expect.stringMatching(/^\[credentials\.invalid\] workspaceId tag is "x", the tag orgId is read from \|/),
      expect.stringMatching(/^\[credentials\.invalid\] workspaceId tag is "Scope", the tag orgId is read from \|/),
      expect.stringMatching(/^\[credentials\.invalid\] workspaceId tag is "orgId", the tag orgId is read from \|/),
      expect.stringMatching(/^\[credentials\.invalid\] orgId tag is "aws:org": the aws: prefix is reserved/),
    ]);
    // @ts-expect-error capsuleId read from tenantId's tag, compared without case (credentials-session-tags.ts)
    expect(thrownMessage(() => sessionTags({ tenantId: "t1", capsuleId: "c1" }, { capsuleTag: "TENANTID" }))).toMatch(
      /^\[credentials\.invalid\] capsuleId tag is "TENANTID", the tag tenantId is read from/,
    );
  });

  it("takes tag keys of distinct names, and a wide one it cannot see (credentials-session-tags.ts: a shared, empty or aws: tag refused)", () => {
    expect(credentials.sessionTags({ orgId: "o1", workspaceId: "w1" }, { orgId: "org", workspaceId: "orgs" })).toEqual([
      { Key: "org", Value: "o1" },
      { Key: "orgs", Value: "w1" },
    ]);
    const configured: string = "scope";
    expect(sessionTags({ tenantId: "t1", capsuleId: "c1" }, { tenantTag: "capsule", capsuleTag: configured })).toEqual([
      { Key: "capsule", Value: "t1" },
      { Key: "scope", Value: "c1" },
    ]);
  });

  it("refuses a kit whose level field is also a policy option, instead of reading the option as the id", async () => {
    // An ACCOUNT#… table's kit: its accountId level would be pinned to the AWS account number (the org whose id it
    // is), its region level to the partition named like the region. The role's ABAC policy reads the ids from tags.
    const accounts = defineIsolation({
      levels: [
        { name: "account", field: "accountId", label: "ACCOUNT" },
        { name: "region", field: "region", label: "REGION" },
      ],
    });
    const credentialsOf = kitCredentials(accounts);
    const options = { table: "app_data", region, accountId: account } as const;
    const clash = (call: string, example: string) =>
      `[policy.invalid] ${call} accountId is an option too: use ids | give a 12-digit account, a region, ids without "#"${example}`;
    // @ts-expect-error policy.invalid on accountId: the ids go under ids (types-tests/compile-fail/leading-keys-policy.ts)
    expect(thrownMessage(() => accounts.leadingKeysPolicy(options))).toMatch(
      clash("leadingKeysPolicy", ", tag keys of letters, digits and _.:/=+-@ | e.g. leadingKeysPolicy({"),
    );
    // The same text as the compiler's on the argument (types-tests/compile-fail/credentials-session-policy.ts).
    // @ts-expect-error accountId's type is the message
    expect(thrownMessage(() => credentialsOf.sessionPolicy(options))).toBe(
      clash(
        "sessionPolicy",
        ' | e.g. sessionPolicy({ table, region: "eu-west-1", accountId: "123456789012", ids: { accountId: "acme" } })',
      ),
    );
    const rolePolicy = credentialsOf.abacRolePolicy({ table: "app_data", region, accountId: account });
    expect(rolePolicy.Statement[0].Condition["ForAllValues:StringLike"]["dynamodb:LeadingKeys"][0]).toBe(
      "ACCOUNT#${aws:PrincipalTag/accountId}#REGION#${aws:PrincipalTag/region}",
    );
    const tags = { accountId: "a1", region: "r1" };
    expect(
      await decide({
        policies: [rolePolicy],
        resource: tableArn,
        leadingKeys: ["ACCOUNT#a1#REGION#r1"],
        principalTags: tags,
      }),
    ).toBe("Allowed");
    expect(
      await decide({
        policies: [rolePolicy],
        resource: tableArn,
        leadingKeys: [`ACCOUNT#${account}#REGION#r1`],
        principalTags: tags,
      }),
    ).toBe("ImplicitlyDenied");
    expect(credentialsOf.sessionTags({ accountId: "a1", region: "r1" })).toEqual([
      { Key: "accountId", Value: "a1" },
      { Key: "region", Value: "r1" },
    ]);
  });

  describe("a kit whose level field is named like a policy option: session policies take the ids under ids", () => {
    const accounts = defineIsolation({
      levels: [
        { name: "account", field: "accountId", label: "ACCOUNT" },
        { name: "project", field: "projectId", label: "PRJ" },
      ],
    });
    const credentialsOf = kitCredentials(accounts);
    /** A role allowed the whole table of the AWS account: the session policy is what confines it. */
    const accountWide = {
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: "dynamodb:*", Resource: `arn:aws:dynamodb:${region}:${account}:table/*` }],
    };
    /** IAM's decision for a session confined by `sessionPolicy`, on its table in the AWS account. */
    const decideOn = (sessionPolicy: unknown) => (leadingKeys?: readonly string[]) =>
      decide({ policies: [accountWide], sessionPolicy, resource: tableArn, ...(leadingKeys ? { leadingKeys } : {}) });
    /** Own partition and below Allowed; a neighbour, the AWS account number as the level, other kits and no key not. */
    const expectConfinedToA1P1 = async (query: ReturnType<typeof decideOn>) => {
      expect(await query(["ACCOUNT#a1#PRJ#p1"])).toBe("Allowed");
      expect(await query(["ACCOUNT#a1#PRJ#p1#DOC#d1"])).toBe("Allowed");
      expect(await query(["ACCOUNT#a1#PRJ#p10"])).toBe("ImplicitlyDenied");
      expect(await query(["ACCOUNT#a2#PRJ#p1"])).toBe("ImplicitlyDenied");
      expect(await query([`ACCOUNT#${account}#PRJ#p1`])).toBe("ImplicitlyDenied");
      expect(await query(["ACCOUNT#a1"])).toBe("ImplicitlyDenied");
      expect(await query()).toBe("ImplicitlyDenied");
    };

    it("sessionPolicy: the account option is the ARNs', ids.accountId the level, as IAM evaluates them", async () => {
      const policy = credentialsOf.sessionPolicy({ ...target, ids: { accountId: "a1", projectId: "p1" } });
      expect(policy.Statement[0].Resource).toEqual([tableArn]);
      expect(policy.Statement[0].Condition["ForAllValues:StringLike"]["dynamodb:LeadingKeys"]).toEqual([
        "ACCOUNT#a1#PRJ#p1",
        "ACCOUNT#a1#PRJ#p1#*",
      ]);
      await expectConfinedToA1P1(decideOn(policy));
      // An account-wide session (no project id) reaches every project of its account only.
      const wide = decideOn(credentialsOf.sessionPolicy({ ...target, ids: { accountId: "a1" } }));
      expect(await wide(["ACCOUNT#a1#PRJ#p10#DOC#d1"])).toBe("Allowed");
      expect(await wide(["ACCOUNT#a10#PRJ#p1"])).toBe("ImplicitlyDenied");
      expect(await wide([`ACCOUNT#${account}`])).toBe("ImplicitlyDenied");
    });

    it("assumeRoleInput and its provider: the ids from the scope, the account from the target", async () => {
      const request = credentialsOf.assumeRoleInput(
        { accountId: "a1", projectId: "p1" },
        { roleArn, confine: { sessionPolicy: target } },
      );
      expect(request.RoleSessionName).toBe("a1.p1");
      const policy = JSON.parse(request.Policy!) as unknown;
      expect(policy).toEqual(credentialsOf.sessionPolicy({ ...target, ids: { accountId: "a1", projectId: "p1" } }));
      await expectConfinedToA1P1(decideOn(policy));
      const requests: AssumeRoleRequest[] = [];
      const provider = credentialsOf.assumeRoleCredentials(
        async (input) => {
          requests.push(input);
          return {
            Credentials: {
              AccessKeyId: "AK",
              SecretAccessKey: "secret",
              SessionToken: "token",
              Expiration: new Date(Date.now() + 900_000),
            },
          };
        },
        { roleArn, confine: { sessionPolicy: target } },
      );
      await provider({ accountId: "a1", projectId: "p1" });
      await expectConfinedToA1P1(decideOn(JSON.parse(requests[0]!.Policy!)));
    });

    it("refuses the ids beside the options, ids mixed with them, and level ids in the AssumeRole target", () => {
      const message = (field: string, problem: string, call = "sessionPolicy") =>
        `[policy.invalid] ${call} ${field} ${problem} | give a 12-digit account, a region, ids without "#" | e.g. sessionPolicy({ table, region: "eu-west-1", accountId: "123456789012", ids: { accountId: "acme" } })`;
      // @ts-expect-error accountId's type is the message (types-tests/compile-fail/credentials-session-policy.ts)
      expect(() => credentialsOf.sessionPolicy({ ...target, projectId: "p1" })).toThrow(
        message("accountId", "is an option too: use ids"),
      );
      // @ts-expect-error the type of `this` is the message: no accountId to put it on
      expect(() => credentialsOf.sessionPolicy({ table: "app_data", region, projectId: "p1" })).toThrow(
        message("accountId", "is an option too: use ids"),
      );
      // @ts-expect-error projectId is no option: every level id goes under ids
      expect(() => credentialsOf.sessionPolicy({ ...target, projectId: "p1", ids: { accountId: "a1" } })).toThrow(
        message("projectId", "is given beside ids: give every level id under ids"),
      );
      expect(() =>
        // @ts-expect-error an id is a literal string: a session has no principal tag to read
        credentialsOf.sessionPolicy({ ...target, ids: { accountId: { principalTag: "accountId" } } }),
      ).toThrow(/^\[credentials\.invalid\] ids\.accountId is .*, not an id \(a non-empty string without "#"\)/);
      // @ts-expect-error the account's id is required: policy.invalid on `this`, the same text
      expect(() => credentialsOf.sessionPolicy({ ...target, ids: { projectId: "p1" } })).toThrow(
        /^\[policy\.invalid\] sessionPolicy ids\.accountId is missing \| /,
      );
      const assume = (sessionPolicy: object) => () =>
        credentialsOf.assumeRoleInput({ accountId: "a1" }, { roleArn, confine: { sessionPolicy } as never });
      expect(assume({ ...target, ids: { accountId: "a2" } })).toThrow(
        /^\[credentials\.invalid\] confine\.sessionPolicy option "ids" is not one it takes \(table, region, accountId/,
      );
      expect(assume({ ...target, projectId: "p2" })).toThrow(
        /^\[credentials\.invalid\] confine\.sessionPolicy option "projectId" is not one it takes/,
      );
      expect(() =>
        // @ts-expect-error the target takes no level id: they come from the scope's ids (credentials.invalid on this)
        credentialsOf.assumeRoleInput(
          { accountId: "a1" },
          { roleArn, confine: { sessionPolicy: { ...target, projectId: "p2" } } },
        ),
      ).toThrow(/^\[credentials\.invalid\] confine\.sessionPolicy option "projectId" is not one it takes/);
    });
  });

  it("any kit's session policy takes its ids under ids too: the same policy as beside the options", () => {
    expect(credentials.sessionPolicy({ ...target, ids: { orgId: "o1", workspaceId: "w1" } })).toEqual(
      credentials.sessionPolicy({ ...target, orgId: "o1", workspaceId: "w1" }),
    );
    // @ts-expect-error orgId beside ids: every level id goes under ids
    expect(() => credentials.sessionPolicy({ ...target, orgId: "o1", ids: { orgId: "o1" } })).toThrow(
      /^\[policy\.invalid\] sessionPolicy orgId is given beside ids: give every level id under ids \| .* e\.g\. sessionPolicy\(\{ table, region: "eu-west-1", accountId: "123456789012", ids: \{ orgId: "acme" \} \}\)$/,
    );
  });

  it("session policy options and role tag keys in a variable: those taken compile and run, a stray key neither (credentials-session-policy.ts)", () => {
    const options = { ...target, indexes: ["byOrg"], ids: { orgId: "o1" } };
    const misspelt = { ...target, index: ["byOrg"], ids: { orgId: "o1" } };
    expect(credentials.sessionPolicy(options).Statement[0].Resource).toHaveLength(2);
    // @ts-expect-error -- index is no option of the policy (the fixture has the message)
    expect(thrownMessage(() => credentials.sessionPolicy(misspelt))).toMatch(
      /^\[policy\.invalid\] sessionPolicy index is not an option of the policy \(table, region, accountId, partition, indexes, actions, sid, ids\) \| /,
    );
    const tags = { orgId: "org", workspaceId: false } as const;
    const strayTags = { orgId: "org", orgTag: "org" };
    expect(credentials.abacRolePolicy({ ...target, tags }).Statement[0].Condition.Null).toEqual({
      "dynamodb:LeadingKeys": "false",
      "aws:PrincipalTag/org": "false",
    });
    // @ts-expect-error -- orgTag is no level's field (the fixture has the message)
    expect(thrownMessage(() => credentials.abacRolePolicy({ ...target, tags: strayTags }))).toMatch(
      /^\[credentials\.invalid\] the tag keys option "orgTag" is not one it takes \(orgId, workspaceId\) \| /,
    );
  });

  it("refuses a malformed vocabulary as defineIsolation does", () => {
    expect(() => kitCredentials({ levels: [] as never })).toThrow(EntityDefinitionError);
  });
});
