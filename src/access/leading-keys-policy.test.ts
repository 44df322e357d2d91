import { describe, expect, it } from "vitest";
import { defineTable, leadingKeysPolicy } from "capsule-entity";

const PlatformTable = defineTable({
  name: "platform_data",
  pk: "PK",
  sk: "SK",
  indexes: { gsi1: { pk: "GSI1PK", sk: "GSI1SK" } },
});
const base = { table: PlatformTable, region: "eu-west-1", accountId: "123456789012" } as const;

/**
 * IAM's StringLike, for literal patterns: `*` any run of characters, `?` one, and `${*}` `${?}` `${$}` the
 * characters themselves. Enough to check which partition keys the generated patterns admit.
 */
function stringLike(pattern: string, value: string): boolean {
  const source = pattern
    .split(/(\$\{[*?$]\}|[*?])/)
    .map((part) =>
      part === "*"
        ? ".*"
        : part === "?"
          ? "."
          : /^\$\{[*?$]\}$/.test(part)
            ? `\\${part[2]}`
            : part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"),
    )
    .join("");
  return new RegExp(`^${source}$`, "s").test(value);
}
const admits = (patterns: readonly string[], key: string): boolean =>
  patterns.some((pattern) => stringLike(pattern, key));

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

  it("with literal ids, c1's patterns admit c1's partitions and never c10's", () => {
    const patterns = leadingKeysPolicy({ ...base, tenantId: "t1", capsuleId: "c1" }).Statement[0].Condition[
      "ForAllValues:StringLike"
    ]["dynamodb:LeadingKeys"];
    expect(admits(patterns, "TENANT#t1#CAPSULE#c1")).toBe(true);
    expect(admits(patterns, "TENANT#t1#CAPSULE#c1#NOTES")).toBe(true);
    expect(admits(patterns, "TENANT#t1#CAPSULE#c10")).toBe(false);
    expect(admits(patterns, "TENANT#t1#CAPSULE#c10#NOTES")).toBe(false);
    expect(admits(patterns, "TENANT#t10#CAPSULE#c1#NOTES")).toBe(false);
    expect(admits(patterns, "TENANT#t1")).toBe(false);
  });

  it("escapes IAM's wildcard and variable characters in literal ids", () => {
    const patterns = leadingKeysPolicy({ ...base, tenantId: "t*", capsuleId: "c?${x}" }).Statement[0].Condition[
      "ForAllValues:StringLike"
    ]["dynamodb:LeadingKeys"];
    expect(patterns[0]).toBe("TENANT#t${*}#CAPSULE#c${?}${$}{x}");
    expect(admits(patterns, "TENANT#t*#CAPSULE#c?${x}#NOTES")).toBe(true);
    expect(admits(patterns, "TENANT#tX#CAPSULE#cY${x}#NOTES")).toBe(false);
  });

  it("a tenant-wide policy, chosen actions, and no indexes for a table given by name", () => {
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
});
