import { describe, expect, it } from "vitest";
import { abacRolePolicy, abacTrustPolicy, sessionTags } from "capsule-entity/credentials";
import { account, decide, decideAssume, region } from "../../scripts/iam-simulation.js";

const broker = `arn:aws:iam::${account}:role/credential-broker`;

describe("ABAC: one role for every tenant, confined by its session's tags", () => {
  it("the role policy lets a tagged session reach its own capsule only, and an untagged one nothing", async () => {
    const role = abacRolePolicy({ table: "platform_data", region, accountId: account });
    const tags = Object.fromEntries(
      sessionTags({ tenantId: "t1", capsuleId: "c1" }).map((tag) => [tag.Key, tag.Value]),
    );
    const query = (leadingKeys: readonly string[], principalTags: Record<string, string>) =>
      decide({ policies: [role], leadingKeys, principalTags });
    expect(await query(["TENANT#t1#CAPSULE#c1"], tags)).toBe("Allowed");
    expect(await query(["TENANT#t1#CAPSULE#c1#NOTES"], tags)).toBe("Allowed");
    expect(await query(["TENANT#t1#CAPSULE#c10"], tags)).toBe("ImplicitlyDenied");
    expect(await query(["TENANT#t2#CAPSULE#c1"], tags)).toBe("ImplicitlyDenied");
    expect(await query(["TENANT#t1#CAPSULE#c1"], { tenantId: "t1" })).toBe("ImplicitlyDenied");
    expect(await decide({ policies: [role], principalTags: tags })).toBe("ImplicitlyDenied");
  });

  it("a tenant-level role (capsuleTag: false) reads the tenant tag only", async () => {
    const role = abacRolePolicy({ table: "platform_data", region, accountId: account, capsuleTag: false });
    const tags = { tenantId: "t1" };
    expect(sessionTags({ tenantId: "t1" }, { capsuleTag: false })).toEqual([{ Key: "tenantId", Value: "t1" }]);
    expect(await decide({ policies: [role], leadingKeys: ["TENANT#t1#DOCS"], principalTags: tags })).toBe("Allowed");
    expect(await decide({ policies: [role], leadingKeys: ["TENANT#t2#DOCS"], principalTags: tags })).toBe(
      "ImplicitlyDenied",
    );
  });

  it("the role policy refuses tag keys as tagPlan does, at compile time too (credentials-session-tags.ts)", () => {
    const target = { table: "platform_data", region, accountId: account };
    const named = { ...target, tenantTag: "tenant", capsuleTag: "capsule" } as const;
    expect(abacRolePolicy(named).Statement[0].Condition.Null).toMatchObject({ "aws:PrincipalTag/capsule": "false" });
    // @ts-expect-error -- capsuleId would be read from the tag tenantId is (STS compares tag keys without case)
    expect(() => abacRolePolicy({ ...target, capsuleTag: "TenantId" })).toThrow(
      /^\[credentials\.invalid\] capsuleId tag is "TenantId", the tag tenantId is read from \| /,
    );
    // @ts-expect-error -- AWS reserves the prefix
    expect(() => abacRolePolicy({ ...target, tenantTag: "aws:tenant" })).toThrow(
      /tenantId tag is "aws:tenant": the aws:/,
    );
  });

  it("the trust policy admits the broker only while it passes exactly the scope tags", async () => {
    const trustPolicy = abacTrustPolicy({ trustedPrincipal: broker });
    for (const action of ["sts:AssumeRole", "sts:TagSession"] as const) {
      const assume = (caller: string, tags: Record<string, string>) =>
        decideAssume({ trustPolicy, caller, action, tags });
      expect(await assume(broker, { tenantId: "t1", capsuleId: "c1" })).toBe("Allowed");
      expect(await assume(broker, { tenantId: "t1" })).toBe("ImplicitlyDenied");
      expect(await assume(broker, { tenantId: "t1", capsuleId: "c1", admin: "true" })).toBe("ImplicitlyDenied");
      expect(await assume(`arn:aws:iam::${account}:role/other`, { tenantId: "t1", capsuleId: "c1" })).toBe(
        "ImplicitlyDenied",
      );
    }
  });

  it("refuses tags and principals that would weaken the confinement", () => {
    // @ts-expect-error -- the role reads capsuleId from its tag (credentials-session-tags.ts has the message)
    expect(() => sessionTags({ tenantId: "t1" })).toThrow(
      /^\[credentials\.invalid\] capsuleId is missing, but the role reads it from tag capsuleId/,
    );
    // A level the role reads left out comes before an id's value, as the types say (they cannot see the value).
    // @ts-expect-error -- the role reads capsuleId from its tag
    expect(() => sessionTags({ tenantId: "" })).toThrow(/^\[credentials\.invalid\] capsuleId is missing, but the role/);
    expect(() => sessionTags({ tenantId: "t*", capsuleId: "c1" })).toThrow(/tag tenantId is "t\*": session tags take/);
    expect(() => sessionTags({ tenantId: "", capsuleId: "c1" })).toThrow(
      /^\[credentials\.invalid\] tenantId is "", not an id/,
    );
    expect(() => sessionTags({ tenantId: "t1", capsuleId: "c1#x" })).toThrow(/capsuleId is "c1#x", not an id/);
    expect(() => abacTrustPolicy({ trustedPrincipal: "*" })).toThrow(/trustedPrincipal is "\*", not an IAM or STS ARN/);
    expect(() => abacTrustPolicy({ trustedPrincipal: broker, tenantTag: "a*" })).toThrow(/tag key is "a\*"/);
  });
});
