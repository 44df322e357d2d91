import { describe, expect, it } from "vitest";
import { defineIsolation, defineTable, leadingKeysPolicy } from "capsule-entity";
import { decide } from "../../scripts/iam-simulation.js";
import { thrownMessage } from "../../scripts/thrown.js";

const PlatformTable = defineTable({
  name: "platform_data",
  pk: "PK",
  sk: "SK",
  indexes: { gsi1: { pk: "GSI1PK", sk: "GSI1SK" } },
});
const base = { table: PlatformTable, region: "eu-west-1", accountId: "123456789012" } as const;

/** IAM's decision, from an IAM policy evaluator, for a Query by a principal holding `policy` alone. */
const query = (policy: unknown, leadingKeys?: readonly string[], principalTags?: Record<string, string>) =>
  decide({
    policies: [policy],
    ...(leadingKeys === undefined ? {} : { leadingKeys }),
    ...(principalTags === undefined ? {} : { principalTags }),
  });

describe("leadingKeysPolicy", () => {
  it("confines a principal to its tagged tenant and capsule on the table and its indexes", () => {
    expect(
      leadingKeysPolicy({ ...base, tenantId: { principalTag: "tenantId" }, capsuleId: { principalTag: "capsuleId" } }),
    ).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "CapsuleLeadingKeys",
          Effect: "Allow",
          Action: [
            "dynamodb:GetItem",
            "dynamodb:BatchGetItem",
            "dynamodb:Query",
            "dynamodb:PutItem",
            "dynamodb:UpdateItem",
            "dynamodb:DeleteItem",
            "dynamodb:BatchWriteItem",
            "dynamodb:ConditionCheckItem",
          ],
          Resource: [
            "arn:aws:dynamodb:eu-west-1:123456789012:table/platform_data",
            "arn:aws:dynamodb:eu-west-1:123456789012:table/platform_data/index/gsi1",
          ],
          Condition: {
            "ForAllValues:StringLike": {
              "dynamodb:LeadingKeys": [
                "TENANT#${aws:PrincipalTag/tenantId}#CAPSULE#${aws:PrincipalTag/capsuleId}",
                "TENANT#${aws:PrincipalTag/tenantId}#CAPSULE#${aws:PrincipalTag/capsuleId}#*",
              ],
            },
            Null: {
              "dynamodb:LeadingKeys": "false",
              "aws:PrincipalTag/tenantId": "false",
              "aws:PrincipalTag/capsuleId": "false",
            },
          },
        },
      ],
    });
  });

  it("with literal ids, IAM allows c1's partition and those below it, never c10's, another tenant's or no key", async () => {
    const policy = leadingKeysPolicy({ ...base, tenantId: "t1", capsuleId: "c1" });
    expect(await query(policy, ["TENANT#t1#CAPSULE#c1"])).toBe("Allowed");
    expect(await query(policy, ["TENANT#t1#CAPSULE#c1#NOTES"])).toBe("Allowed");
    expect(await query(policy, ["TENANT#t1#CAPSULE#c10"])).toBe("ImplicitlyDenied");
    expect(await query(policy, ["TENANT#t1#CAPSULE#c10#NOTES"])).toBe("ImplicitlyDenied");
    expect(await query(policy, ["TENANT#t10#CAPSULE#c1#NOTES"])).toBe("ImplicitlyDenied");
    expect(await query(policy, ["TENANT#t1"])).toBe("ImplicitlyDenied");
    // A Scan, or any request without leading keys: ForAllValues would hold vacuously without the Null guard.
    expect(await query(policy)).toBe("ImplicitlyDenied");
    expect(await query(policy, ["TENANT#t1#CAPSULE#c1", "TENANT#t2#CAPSULE#c1"])).toBe("ImplicitlyDenied");
  });

  it("on an index, IAM allows the index's ARN and refuses an index the policy does not list", async () => {
    const policy = leadingKeysPolicy({ ...base, tenantId: "t1", capsuleId: "c1" });
    const index = (name: string) => `arn:aws:dynamodb:eu-west-1:123456789012:table/platform_data/index/${name}`;
    const onIndex = (name: string) =>
      decide({ policies: [policy], resource: index(name), leadingKeys: ["TENANT#t1#CAPSULE#c1"] });
    expect(await onIndex("gsi1")).toBe("Allowed");
    expect(await onIndex("gsi2")).toBe("ImplicitlyDenied");
  });

  it("with principal tags, IAM reads the session's tags: its own capsule only, nothing without the tags", async () => {
    const policy = leadingKeysPolicy({
      ...base,
      tenantId: { principalTag: "tenantId" },
      capsuleId: { principalTag: "capsuleId" },
    });
    const tags = { tenantId: "t1", capsuleId: "c1" };
    expect(await query(policy, ["TENANT#t1#CAPSULE#c1#NOTES"], tags)).toBe("Allowed");
    expect(await query(policy, ["TENANT#t1#CAPSULE#c10"], tags)).toBe("ImplicitlyDenied");
    expect(await query(policy, ["TENANT#t2#CAPSULE#c1"], tags)).toBe("ImplicitlyDenied");
    expect(await query(policy, ["TENANT#t1#CAPSULE#c1"], { tenantId: "t1" })).toBe("ImplicitlyDenied");
    expect(await query(policy, undefined, tags)).toBe("ImplicitlyDenied");
  });

  it("a tenant-wide policy, chosen actions, and no indexes for a table given by name", async () => {
    const policy = leadingKeysPolicy({
      table: "platform_data",
      region: "us-east-1",
      accountId: "123456789012",
      tenantId: { principalTag: "tenant" },
      actions: ["dynamodb:Query"],
    });
    expect(policy.Statement[0]).toMatchObject({
      Action: ["dynamodb:Query"],
      Resource: ["arn:aws:dynamodb:us-east-1:123456789012:table/platform_data"],
      Condition: {
        "ForAllValues:StringLike": {
          "dynamodb:LeadingKeys": ["TENANT#${aws:PrincipalTag/tenant}", "TENANT#${aws:PrincipalTag/tenant}#*"],
        },
      },
    });
    const tags = { tenant: "t1" };
    const onTable = (action: string, leadingKeys: readonly string[]) =>
      decide({
        policies: [policy],
        action,
        resource: "arn:aws:dynamodb:us-east-1:123456789012:table/platform_data",
        leadingKeys,
        principalTags: tags,
      });
    expect(await onTable("dynamodb:Query", ["TENANT#t1#CAPSULE#c7#NOTES"])).toBe("Allowed");
    expect(await onTable("dynamodb:Query", ["TENANT#t10#CAPSULE#c7"])).toBe("ImplicitlyDenied");
    expect(await onTable("dynamodb:GetItem", ["TENANT#t1"])).toBe("ImplicitlyDenied");
  });

  it("refuses inputs that would make a weaker or broken policy", () => {
    expect(() => leadingKeysPolicy({ ...base, accountId: "12345", tenantId: "t1" })).toThrow(
      /^\[policy\.invalid\] leadingKeysPolicy accountId is "12345", not 12 digits/,
    );
    expect(() => leadingKeysPolicy({ ...base, region: "moon", tenantId: "t1" })).toThrow(/region is "moon"/);
    expect(() => leadingKeysPolicy({ ...base, tenantId: "t1", capsuleId: "c1#CAPSULE#c2" })).toThrow(
      /capsuleId is "c1#CAPSULE#c2", which cannot be a key part/,
    );
    expect(() => leadingKeysPolicy({ ...base, tenantId: "" })).toThrow(/tenantId is ""/);
    expect(() => leadingKeysPolicy({ ...base, tenantId: { principalTag: "a}b" } })).toThrow(
      /tenantId\.principalTag is "a}b"/,
    );
    // @ts-expect-error Scan has no leading keys: the policy would grant every partition
    expect(() => leadingKeysPolicy({ ...base, tenantId: "t1", actions: ["dynamodb:Scan"] })).toThrow(
      /actions includes "dynamodb:Scan"/,
    );
    expect(() => leadingKeysPolicy({ ...base, tenantId: "t1", actions: [] })).toThrow(/actions includes "nothing"/);
    expect(() => leadingKeysPolicy({ ...base, tenantId: "t1", sid: "not valid" })).toThrow(/sid is "not valid"/);
  });
  it("an index opted out to the tenant level: a tenant-wide principal may query it, a capsule principal may not", async () => {
    // The index's partition keys are TENANT#t#DOCS (docs/dynamodb.md: indexes opted out to an outer level).
    const index = "arn:aws:dynamodb:eu-west-1:123456789012:table/platform_data/index/gsi1";
    const onIndex = (policy: unknown, key: string) =>
      decide({ policies: [policy], resource: index, leadingKeys: [key] });
    const tenantWide = leadingKeysPolicy({ ...base, tenantId: "t1" });
    expect(await onIndex(tenantWide, "TENANT#t1#DOCS")).toBe("Allowed");
    expect(await onIndex(tenantWide, "TENANT#t2#DOCS")).toBe("ImplicitlyDenied");
    expect(await onIndex(tenantWide, "TENANT#t10#DOCS")).toBe("ImplicitlyDenied");
    const capsule = leadingKeysPolicy({ ...base, tenantId: "t1", capsuleId: "c1" });
    expect(await onIndex(capsule, "TENANT#t1#DOCS")).toBe("ImplicitlyDenied");
  });
});

describe("leadingKeysPolicy with the ids under ids", () => {
  // An ACCOUNT#… table's kit: its level field is named like the policy's accountId option.
  const accounts = defineIsolation({
    levels: [
      { name: "account", field: "accountId", label: "ACCOUNT" },
      { name: "project", field: "projectId", label: "PRJ" },
    ],
  });
  const onTable = "arn:aws:dynamodb:eu-west-1:123456789012:table/platform_data";

  it("a kit whose level field is accountId: the account from the option, the level from ids.accountId", async () => {
    const policy = accounts.leadingKeysPolicy({
      ...base,
      ids: { accountId: "a1", projectId: { principalTag: "prj" } },
    });
    expect(policy.Statement[0].Resource[0]).toBe(onTable);
    expect(policy.Statement[0].Condition["ForAllValues:StringLike"]["dynamodb:LeadingKeys"]).toEqual([
      "ACCOUNT#a1#PRJ#${aws:PrincipalTag/prj}",
      "ACCOUNT#a1#PRJ#${aws:PrincipalTag/prj}#*",
    ]);
    const tags = { prj: "p1" };
    expect(await query(policy, ["ACCOUNT#a1#PRJ#p1"], tags)).toBe("Allowed");
    expect(await query(policy, ["ACCOUNT#a1#PRJ#p1#ENV#prod"], tags)).toBe("Allowed");
    expect(await query(policy, ["ACCOUNT#a1#PRJ#p10"], tags)).toBe("ImplicitlyDenied");
    expect(await query(policy, ["ACCOUNT#123456789012#PRJ#p1"], tags)).toBe("ImplicitlyDenied");
    expect(await query(policy, ["ACCOUNT#a1#PRJ#p1"])).toBe("ImplicitlyDenied");
    const accountWide = accounts.leadingKeysPolicy({ ...base, ids: { accountId: "a1" } });
    expect(await query(accountWide, ["ACCOUNT#a1#PRJ#p2"])).toBe("Allowed");
    expect(await query(accountWide, ["ACCOUNT#a2#PRJ#p2"])).toBe("ImplicitlyDenied");
  });

  it("any kit may give its ids under ids: the same policy as beside the options", () => {
    const ids = { tenantId: "t1", capsuleId: { principalTag: "capsuleId" } } as const;
    expect(leadingKeysPolicy({ ...base, ids })).toEqual(leadingKeysPolicy({ ...base, ...ids }));
  });

  it("refuses the ids beside the options where a level field is named like one, with the message the compiler prints", () => {
    const flat = { ...base } as unknown as Parameters<typeof accounts.leadingKeysPolicy>[0];
    // The compile-time twin: types-tests/compile-fail/leading-keys-policy.ts (accountLevelBesideTheOptions).
    expect(thrownMessage(() => accounts.leadingKeysPolicy(flat))).toBe(
      '[policy.invalid] leadingKeysPolicy accountId is an option too: use ids | give a 12-digit account, a region, ids without "#", tag keys of letters, digits and _.:/=+-@ | e.g. leadingKeysPolicy({ table, region: "eu-west-1", accountId: "123456789012", ids: { accountId: { principalTag: "accountId" } } })',
    );
  });

  it("refuses ids under ids that name no partition, mixed with ids beside them, or not a level of the kit", () => {
    const invalid = (options: unknown) =>
      thrownMessage(() => accounts.leadingKeysPolicy(options as Parameters<typeof accounts.leadingKeysPolicy>[0]));
    expect(invalid({ ...base, ids: { projectId: "p1" } })).toMatch(
      /^\[policy\.invalid\] leadingKeysPolicy ids\.accountId is missing \|.* ids: \{ accountId: \{ principalTag: "accountId" \} \} \}\)$/,
    );
    expect(invalid({ ...base, ids: "a1" })).toMatch(
      / ids is "a1", not an object of the level ids \(accountId, projectId\)/,
    );
    expect(invalid({ ...base, ids: { accountId: "a1", prjId: "p1" } })).toMatch(
      / ids\.prjId is not a level field of the kit \(accountId, projectId\)/,
    );
    expect(invalid({ ...base, ids: { accountId: "a1#x" } })).toMatch(
      / ids\.accountId is "a1#x", which cannot be a key part/,
    );
    expect(
      thrownMessage(() =>
        leadingKeysPolicy({ ...base, ids: { tenantId: "t1" }, capsuleId: "c1" } as unknown as Parameters<
          typeof leadingKeysPolicy
        >[0]),
      ),
    ).toMatch(/ capsuleId is given beside ids: give every level id under ids \|/);
  });
});
