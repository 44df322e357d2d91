import { describe, expect, it } from "vitest";
import {
  assumeRoleCredentials,
  assumeRoleInput,
  credentialsFromAssumeRole,
  scopedClientCache,
  sessionTags,
  type AssumeRoleRequest,
} from "capsule-entity/credentials";
import { account, decide, region } from "../../scripts/iam-simulation.js";

const roleArn = `arn:aws:iam::${account}:role/tenant-data`;
const ids = { tenantId: "t1", capsuleId: "c1" };
const bySessionPolicy = { sessionPolicy: { table: "platform_data", region, accountId: account } } as const;

describe("assumeRoleInput", () => {
  it("with a session policy: the policy's JSON confines the session to the scope, as IAM evaluates it", async () => {
    const input = assumeRoleInput(ids, { roleArn, confine: bySessionPolicy });
    expect(input).toMatchObject({ RoleArn: roleArn, RoleSessionName: "t1.c1", DurationSeconds: 900 });
    expect(input.Tags).toBeUndefined();
    const roleWide = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "dynamodb:*", Resource: "*" }] };
    const sessionPolicy = JSON.parse(input.Policy ?? "null") as unknown;
    expect(await decide({ policies: [roleWide], sessionPolicy, leadingKeys: ["TENANT#t1#CAPSULE#c1#N"] })).toBe(
      "Allowed",
    );
    expect(await decide({ policies: [roleWide], sessionPolicy, leadingKeys: ["TENANT#t1#CAPSULE#c2"] })).toBe(
      "ImplicitlyDenied",
    );
  });

  it("with session tags: the tags, no policy; session names keep to STS's alphabet", () => {
    expect(
      assumeRoleInput({ tenantId: "acme corp", capsuleId: "eu/prod" }, { roleArn, confine: { sessionTags: {} } }),
    ).toEqual({
      RoleArn: roleArn,
      RoleSessionName: "acme_corp.eu_prod",
      DurationSeconds: 900,
      Tags: [
        { Key: "tenantId", Value: "acme corp" },
        { Key: "capsuleId", Value: "eu/prod" },
      ],
    });
    expect(assumeRoleInput({ tenantId: "x" }, { roleArn, confine: bySessionPolicy }).RoleSessionName).toBe("x_");
  });

  it("refuses what STS would refuse, with the catalog message", () => {
    const confine = bySessionPolicy;
    expect(() => assumeRoleInput(ids, { roleArn: "tenant-data", confine })).toThrow(
      /^\[credentials\.invalid\] roleArn is "tenant-data", not a role ARN \| /,
    );
    expect(() => assumeRoleInput(ids, { roleArn, confine, durationSeconds: 60 })).toThrow(
      /durationSeconds is 60, not an integer from 900 to 43200/,
    );
    expect(() => assumeRoleInput(ids, { roleArn, confine, sessionName: () => "a b" })).toThrow(/sessionName is "a b"/);
  });

  it("refuses the options' shape, then the ids', then the values no type sees, as the types do (credentials-session-tags.ts)", () => {
    const badArn = "arn:aws:iam::123456789012:user/tenant-data";
    // @ts-expect-error -- the role reads capsuleId: the ids' shape before the role ARN's value
    expect(() => assumeRoleInput({ tenantId: "t1" }, { roleArn: badArn, confine: { sessionTags: {} } })).toThrow(
      /^\[credentials\.invalid\] capsuleId is missing, but the role reads it from tag capsuleId \| /,
    );
    // Ids of the right shape: the values, an id's then the ARN's (no type sees either).
    const tenantWide = { sessionTags: { capsuleTag: false } } as const;
    expect(() => assumeRoleInput({ tenantId: "" }, { roleArn: badArn, confine: tenantWide })).toThrow(
      /^\[credentials\.invalid\] tenantId is "", not an id/,
    );
    expect(() => assumeRoleInput({ tenantId: "t1" }, { roleArn: badArn, confine: tenantWide })).toThrow(
      /^\[credentials\.invalid\] roleArn is "arn:aws:iam::123456789012:user\/tenant-data", not a role ARN \| /,
    );
    // A provider refuses its options, values too, where it is made.
    expect(() => assumeRoleCredentials(async () => ({}), { roleArn: badArn, confine: tenantWide })).toThrow(
      /^\[credentials\.invalid\] roleArn is /,
    );
  });

  it("refuses both confinements at once in one message whatever their order, at compile time too", () => {
    const both = /^\[credentials\.invalid\] confine has both sessionPolicy and sessionTags, not one of them \| /;
    const target = bySessionPolicy.sessionPolicy;
    // @ts-expect-error -- either member of the confinements' union takes the other's key (credentials-session-tags.ts)
    expect(() => assumeRoleInput(ids, { roleArn, confine: { sessionTags: {}, sessionPolicy: target } })).toThrow(both);
    const options = { roleArn, confine: { sessionPolicy: target, sessionTags: {} } };
    // @ts-expect-error -- in a variable too
    expect(() => assumeRoleCredentials(async () => ({}), options)).toThrow(both);
  });

  it("takes the session policy's target only: a level id there would be read beside the scope's own", () => {
    // Before, a capsuleId here survived the spread of ids without one: a tenant-wide request pinned to capsule c9.
    expect(() =>
      // @ts-expect-error the target takes no level id: they come from the first argument (credentials.invalid on this)
      assumeRoleInput(
        { tenantId: "t1" },
        { roleArn, confine: { sessionPolicy: { ...bySessionPolicy.sessionPolicy, capsuleId: "c9" } } },
      ),
    ).toThrow(
      /^\[credentials\.invalid\] confine\.sessionPolicy option "capsuleId" is not one it takes \(table, region, accountId, partition, indexes, actions, sid\) \| /,
    );
  });
});

describe("assumeRoleCredentials", () => {
  const expiration = new Date("2026-12-06T02:00:00Z");
  const answer = {
    Credentials: { AccessKeyId: "AK", SecretAccessKey: "SK", SessionToken: "ST", Expiration: expiration },
  };

  it("sends the scope's request through the caller's function and reads the credentials", async () => {
    const sent: AssumeRoleRequest[] = [];
    const provider = assumeRoleCredentials(
      async (input) => {
        sent.push(input);
        return answer;
      },
      { roleArn, confine: { sessionTags: {} } },
    );
    expect(await provider(ids)).toEqual({
      accessKeyId: "AK",
      secretAccessKey: "SK",
      sessionToken: "ST",
      expiration,
    });
    expect(sent).toEqual([assumeRoleInput(ids, { roleArn, confine: { sessionTags: {} } })]);
  });

  it("turns STS's PackedPolicyTooLarge into the catalog's policyTooLarge, and an incomplete answer into invalid", async () => {
    const tooLarge = Object.assign(new Error("Packed size of the policy exceeds 100%"), {
      name: "PackedPolicyTooLargeException",
    });
    const refused = assumeRoleCredentials(
      async () => {
        throw tooLarge;
      },
      { roleArn, confine: bySessionPolicy },
    );
    await expect(refused(ids)).rejects.toThrow(/^\[credentials\.policyTooLarge\] the packed session policy and tags/);
    await expect(refused(ids)).rejects.toMatchObject({ cause: tooLarge });
    const other = new Error("AccessDenied");
    await expect(
      assumeRoleCredentials(
        async () => {
          throw other;
        },
        { roleArn, confine: bySessionPolicy },
      )(ids),
    ).rejects.toBe(other);
    expect(() => credentialsFromAssumeRole({ Credentials: { AccessKeyId: "AK" } })).toThrow(
      /AssumeRole response has no complete Credentials/,
    );
  });

  it("refuses options no ids can make right where the provider is made, not at its first call", () => {
    let called = false;
    const assumeRole = async () => ((called = true), answer);
    expect(() => assumeRoleCredentials(assumeRole, { roleArn: "role", confine: { sessionTags: {} } })).toThrow(
      /^\[credentials\.invalid\] roleArn is "role", not a role ARN \| /,
    );
    expect(() =>
      // @ts-expect-error an aws: tag key (credentials.invalid on this: credentials-session-tags.ts has the message)
      assumeRoleCredentials(assumeRole, { roleArn, confine: { sessionTags: { tenantTag: "aws:t" } } }),
    ).toThrow(/^\[credentials\.invalid\] tenantId tag is "aws:t": the aws: prefix is reserved/);
    const target = { ...bySessionPolicy.sessionPolicy, tenantId: "t2" };
    // @ts-expect-error the target takes no level id (credentials.invalid on this: credentials-session-policy.ts)
    expect(() => assumeRoleCredentials(assumeRole, { roleArn, confine: { sessionPolicy: target } })).toThrow(
      /^\[credentials\.invalid\] confine\.sessionPolicy option "tenantId" is not one it takes/,
    );
    expect(called).toBe(false);
  });
});

describe("a tenant's ids alone, by session tags (credentials-session-tags.ts: refused where the role reads capsuleId)", () => {
  const answer = {
    Credentials: { AccessKeyId: "AK", SecretAccessKey: "SK", SessionToken: "ST", Expiration: new Date(9e15) },
  };

  it("compile and run where the role reads no capsule tag (capsuleTag: false), or by a session policy", async () => {
    const tenantWide = { sessionTags: { capsuleTag: false } } as const;
    expect(sessionTags({ tenantId: "t1" }, { capsuleTag: false })).toEqual([{ Key: "tenantId", Value: "t1" }]);
    expect(assumeRoleInput({ tenantId: "t1" }, { roleArn, confine: tenantWide }).Tags).toEqual([
      { Key: "tenantId", Value: "t1" },
    ]);
    const sent: AssumeRoleRequest[] = [];
    const provider = assumeRoleCredentials(async (input) => (sent.push(input), answer), {
      roleArn,
      confine: tenantWide,
    });
    const clients = scopedClientCache({ credentials: provider, createClient: (_, scope) => scope });
    expect(await clients.client({ tenantId: "t1" })).toEqual({ tenantId: "t1" });
    const byPolicy = assumeRoleCredentials(async (input) => (sent.push(input), answer), {
      roleArn,
      confine: bySessionPolicy,
    });
    await byPolicy({ tenantId: "t2" });
    expect(sent.map((input) => [input.RoleSessionName, input.Tags ?? "policy"])).toEqual([
      ["t1", [{ Key: "tenantId", Value: "t1" }]],
      ["t2", "policy"],
    ]);
  });

  it("compile and run through a provider of the caller's own, whose confinement the cache cannot know", async () => {
    const clients = scopedClientCache({
      credentials: async () => ({ accessKeyId: "AK", secretAccessKey: "SK" }),
      createClient: (_, scope) => scope,
    });
    expect(await clients.client({ tenantId: "t1" })).toEqual({ tenantId: "t1" });
  });
});
