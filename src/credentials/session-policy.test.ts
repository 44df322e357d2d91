import { describe, expect, it } from "vitest";
import { defineTable, leadingKeysPolicy } from "capsule-entity";
import { sessionPolicy, sessionPolicyMaxLength } from "capsule-entity/credentials";
import { sessionPolicySizeMessage } from "../messages.js";
import { account, decide, region } from "../../scripts/iam-simulation.js";

const PlatformTable = defineTable({ name: "platform_data", pk: "PK", sk: "SK", indexes: { byTenant: {} } });
/** What the role itself may do: the whole table. The session policy is what confines the session. */
const roleWide = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: "dynamodb:*", Resource: `arn:aws:dynamodb:${region}:${account}:table/*` }],
};

describe("sessionPolicy", () => {
  const options = { table: PlatformTable, region, accountId: account } as const;

  it("confines a session of a table-wide role to its capsule, as IAM evaluates a session policy", async () => {
    const policy = sessionPolicy({ ...options, tenantId: "t1", capsuleId: "c1" });
    const query = (leadingKeys?: readonly string[]) =>
      decide({ policies: [roleWide], sessionPolicy: policy, ...(leadingKeys ? { leadingKeys } : {}) });
    expect(await query(["TENANT#t1#CAPSULE#c1"])).toBe("Allowed");
    expect(await query(["TENANT#t1#CAPSULE#c1#NOTES"])).toBe("Allowed");
    expect(await query(["TENANT#t1#CAPSULE#c10"])).toBe("ImplicitlyDenied");
    expect(await query(["TENANT#t2#CAPSULE#c1"])).toBe("ImplicitlyDenied");
    expect(await query()).toBe("ImplicitlyDenied");
    // The role alone would allow the other tenant: the session policy is what refuses it.
    expect(await decide({ policies: [roleWide], leadingKeys: ["TENANT#t2#CAPSULE#c1"] })).toBe("Allowed");
  });

  it("a tenant-wide session reaches every capsule of its tenant through the table's indexes", async () => {
    const policy = sessionPolicy({ ...options, tenantId: "t1" });
    const onIndex = (leadingKeys: readonly string[]) =>
      decide({
        policies: [roleWide],
        sessionPolicy: policy,
        resource: `arn:aws:dynamodb:${region}:${account}:table/platform_data/index/byTenant`,
        leadingKeys,
      });
    expect(await onIndex(["TENANT#t1#DOCS"])).toBe("Allowed");
    expect(await onIndex(["TENANT#t10#DOCS"])).toBe("ImplicitlyDenied");
  });

  it("is refused, with the catalog message, when its JSON is over STS's 2,048 characters", () => {
    const indexes = Array.from({ length: 30 }, (_, index) => `index_number_${index}`);
    // The same statement, measured without the size check: the figure the message must quote.
    const length = JSON.stringify(leadingKeysPolicy({ ...options, indexes, tenantId: "t1", capsuleId: "c1" })).length;
    expect(length).toBeGreaterThan(sessionPolicyMaxLength);
    expect(() => sessionPolicy({ ...options, indexes, tenantId: "t1", capsuleId: "c1" })).toThrow(
      sessionPolicySizeMessage(
        "the session policy",
        `${length.toLocaleString("en-US")} characters`,
        "2,048 characters",
      ),
    );
    expect(JSON.stringify(sessionPolicy({ ...options, tenantId: "t1", capsuleId: "c1" })).length).toBeLessThan(
      sessionPolicyMaxLength,
    );
  });

  it("refuses ids STS cannot carry in a policy, and everything leadingKeysPolicy refuses", () => {
    expect(() => sessionPolicy({ ...options, tenantId: "t1", capsuleId: "日本" })).toThrow(
      /^\[credentials\.invalid\] capsuleId is "日本", with characters STS refuses in a session policy/,
    );
    expect(() => sessionPolicy({ ...options, tenantId: "t1#CAPSULE#c2" })).toThrow(
      /^\[credentials\.invalid\] tenantId is "t1#CAPSULE#c2", not an id/,
    );
    expect(() => sessionPolicy({ ...options, accountId: "12345", tenantId: "t1" })).toThrow(
      /^\[policy\.invalid\] sessionPolicy accountId is "12345", not 12 digits \| .* e\.g\. sessionPolicy\(\{ .*tenantId: "acme" \}\)$/,
    );
  });

  it("takes the ids under ids too: the same policy; ids beside them as well are refused on both sides", () => {
    expect(sessionPolicy({ ...options, ids: { tenantId: "t1", capsuleId: "c1" } })).toEqual(
      sessionPolicy({ ...options, tenantId: "t1", capsuleId: "c1" }),
    );
    expect(sessionPolicy({ ...options, ids: { tenantId: "t1" } })).toEqual(
      sessionPolicy({ ...options, tenantId: "t1" }),
    );
    // @ts-expect-error capsuleId beside ids: every level id goes under ids
    expect(() => sessionPolicy({ ...options, capsuleId: "c1", ids: { tenantId: "t1" } })).toThrow(
      /^\[policy\.invalid\] sessionPolicy capsuleId is given beside ids: give every level id under ids \| /,
    );
    // @ts-expect-error the tenant's id is required: policy.invalid on `this`, the same text
    expect(() => sessionPolicy({ ...options, ids: { capsuleId: "c1" } })).toThrow(
      /^\[policy\.invalid\] sessionPolicy ids\.tenantId is missing \| /,
    );
    expect(() => sessionPolicy({ ...options, ids: { tenantId: "t1", capsuleId: "日本" } })).toThrow(
      /^\[credentials\.invalid\] ids\.capsuleId is "日本", with characters STS refuses in a session policy/,
    );
  });
});
