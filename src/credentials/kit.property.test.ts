/**
 * Generated cases for the credentials of the default kit and of one-, two- and three-level kits: random
 * principals (ids drawn so that they share prefixes, like w1/w10, and carry `#`, `*`, `?`, `$`, `{`, unicode,
 * empty and overlong ids) get their `AssumeRole` request with a session policy and with ABAC session tags; IAM's
 * evaluation (`@cloud-copilot/iam-simulate`) of each against every stored-key shape of other principals must
 * allow exactly the principal's own partition and its sub-partitions. Input a policy cannot carry must be
 * refused with its catalog code, never turned into a policy.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defineIsolation } from "capsule-entity";
import {
  abacRolePolicy,
  abacTrustPolicy,
  assumeRoleInput,
  kitCredentials,
  sessionTags,
  type AssumeRoleRequest,
} from "capsule-entity/credentials";
import { account, decide, decideAssume, region } from "../../scripts/iam-simulation.js";

interface Level {
  readonly field: string;
  readonly label: string;
}

/** One kit's credentials, called the same way whichever kit: ids by level field, tags keyed by level field. */
interface Subject {
  readonly name: string;
  readonly levels: readonly Level[];
  readonly assume: (
    ids: Record<string, string>,
    confine: "policy" | "tags",
    outerOnlyRole: boolean,
  ) => AssumeRoleRequest;
  readonly role: (outerOnlyRole: boolean) => unknown;
  readonly trust: (outerOnlyRole: boolean) => unknown;
}

const target = { table: "app_data", region, accountId: account } as const;
const tableArn = `arn:aws:dynamodb:${region}:${account}:table/app_data`;
const roleArn = `arn:aws:iam::${account}:role/scope-data`;
const broker = `arn:aws:iam::${account}:role/credential-broker`;
const roleWide = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: "dynamodb:*", Resource: `arn:aws:dynamodb:${region}:${account}:table/*` }],
};

function kitSubject(name: string, levels: readonly { name: string; field: string; label: string }[]): Subject {
  const credentials = kitCredentials(defineIsolation({ levels: levels as never }) as never) as ReturnType<
    typeof kitCredentials
  >;
  // The tag keys of an outer-only role: the second level's field false (the first level is always read).
  const tags = (outerOnlyRole: boolean) => (outerOnlyRole && levels[1] ? { [levels[1].field]: false } : {});
  return {
    name,
    levels,
    assume: (ids, confine, outerOnlyRole) =>
      credentials.assumeRoleInput(ids as never, {
        roleArn,
        confine: confine === "policy" ? { sessionPolicy: target } : { sessionTags: tags(outerOnlyRole) as never },
      }),
    role: (outerOnlyRole) => credentials.abacRolePolicy({ ...target, tags: tags(outerOnlyRole) as never }),
    trust: (outerOnlyRole) =>
      credentials.abacTrustPolicy({ trustedPrincipal: broker, tags: tags(outerOnlyRole) as never }),
  };
}

const defaultSubject: Subject = {
  name: "default kit",
  levels: [
    { field: "tenantId", label: "TENANT" },
    { field: "capsuleId", label: "CAPSULE" },
  ],
  assume: (ids, confine, outerOnlyRole) =>
    assumeRoleInput(ids as never, {
      roleArn,
      confine:
        confine === "policy" ? { sessionPolicy: target } : { sessionTags: outerOnlyRole ? { capsuleTag: false } : {} },
    }),
  role: (outerOnlyRole) => abacRolePolicy({ ...target, ...(outerOnlyRole ? { capsuleTag: false } : {}) }),
  trust: (outerOnlyRole) =>
    abacTrustPolicy({ trustedPrincipal: broker, ...(outerOnlyRole ? { capsuleTag: false } : {}) }),
};

const subjects: readonly Subject[] = [
  defaultSubject,
  kitSubject("one-level kit", [{ name: "org", field: "orgId", label: "ORG" }]),
  kitSubject("two-level kit", [
    { name: "org", field: "orgId", label: "ORG" },
    { name: "workspace", field: "workspaceId", label: "WS" },
  ]),
  kitSubject("three-level kit", [
    { name: "account", field: "tenantKey", label: "ACCT" },
    { name: "project", field: "projectId", label: "PRJ" },
    { name: "environment", field: "envId", label: "ENV" },
  ]),
];

/** Ids drawn from a small pool (so that principals share prefixes and collide) and from arbitrary strings. */
const idArb = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom("1", "10", "w1", "w10", "o1", "org1", "org10", "A1", "a1") },
  {
    weight: 3,
    arbitrary: fc.constantFrom("a*", "a?", "a$", "*", "?", "$", "{", "${*}", "${aws:username}", "a#b", "", " ", "a b"),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom("é", "日本", "𝒜", "ÿ", "Ā", "x".repeat(256), "x".repeat(257), "y".repeat(1800)),
  },
  { weight: 2, arbitrary: fc.string({ maxLength: 6 }) },
);

/** The ids of a principal: its outermost level and zero or more inner ones. */
const idsArb = fc.tuple(fc.array(idArb, { minLength: 3, maxLength: 3 }), fc.integer({ min: 1, max: 3 }));

function idsOf(levels: readonly Level[], [values, depth]: [string[], number]): Record<string, string> {
  return Object.fromEntries(levels.slice(0, depth).map((level, index) => [level.field, values[index]!]));
}

/** The partition of some ids, `L1#v1#L2#v2`. */
function partitionOf(levels: readonly Level[], ids: Record<string, string>): string {
  return levels
    .filter((level) => ids[level.field] !== undefined)
    .map((level) => `${level.label}#${ids[level.field]}`)
    .join("#");
}

/** Every stored-key shape of a principal's scope: its partition, an item below it, and a level-entity item. */
function storedKeys(levels: readonly Level[], ids: Record<string, string>): string[] {
  const partition = partitionOf(levels, ids);
  return [partition, `${partition}#DOC#d1`, `${partition}#${levels[levels.length - 1]!.label}#x`];
}

const catalogCode = /^\[(policy\.invalid|credentials\.invalid|credentials\.policyTooLarge)\] /;

describe.each(subjects)("credentials of the $name, generated", (subject) => {
  it("a session reaches its own partition and the ones below it, nothing else; bad ids get a catalog error", async () => {
    let evaluated = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(
        idsArb,
        fc.array(idsArb, { minLength: 3, maxLength: 3 }),
        fc.constantFrom("policy" as const, "tags" as const),
        fc.boolean(),
        async (principal, others, confine, outerOnlyRole) => {
          const ids = idsOf(subject.levels, principal);
          const wide = confine === "tags" && outerOnlyRole;
          let request: AssumeRoleRequest;
          try {
            request = subject.assume(ids, confine, outerOnlyRole);
          } catch (error) {
            expect((error as Error).message).toMatch(catalogCode);
            refused += 1;
            return;
          }
          // The scope the credentials are meant for: the ids given, or only the outermost for an outer-only role.
          const scope = wide ? { [subject.levels[0]!.field]: ids[subject.levels[0]!.field]! } : ids;
          // A session-tags request of a role reading inner levels needs every inner id: else it was refused above.
          if (confine === "tags" && !wide) expect(Object.keys(ids)).toHaveLength(subject.levels.length);
          const own = partitionOf(subject.levels, scope);
          const tags = Object.fromEntries((request.Tags ?? []).map((tag) => [tag.Key, tag.Value]));
          const ask = (key: string) =>
            confine === "policy"
              ? decide({
                  policies: [roleWide],
                  sessionPolicy: JSON.parse(request.Policy!),
                  resource: tableArn,
                  leadingKeys: [key],
                })
              : decide({
                  policies: [subject.role(outerOnlyRole)],
                  resource: tableArn,
                  leadingKeys: [key],
                  principalTags: tags,
                });
          const keys = [
            ...storedKeys(subject.levels, ids),
            ...others.flatMap((other) => storedKeys(subject.levels, idsOf(subject.levels, other))),
          ];
          for (const key of keys) {
            const expected = key === own || key.startsWith(`${own}#`) ? "Allowed" : "ImplicitlyDenied";
            expect({ key, own, decision: await ask(key) }).toEqual({ key, own, decision: expected });
            evaluated += 1;
          }
          if (confine === "tags") {
            const trust = subject.trust(outerOnlyRole);
            expect(await decideAssume({ trustPolicy: trust, caller: broker, action: "sts:AssumeRole", tags })).toBe(
              "Allowed",
            );
            const extra = { ...tags, [`${Object.keys(tags)[0]}x`]: "1" };
            expect(
              await decideAssume({ trustPolicy: trust, caller: broker, action: "sts:TagSession", tags: extra }),
            ).toBe("ImplicitlyDenied");
          }
        },
      ),
      { seed: 20261206, numRuns: 150, endOnFailure: true },
    );
    // The generator reaches both outcomes, so the property is not vacuous.
    expect(evaluated).toBeGreaterThan(200);
    expect(refused).toBeGreaterThan(5);
  });
});

describe("sessionTags, generated", () => {
  it("never tags a value a role could read as a wildcard or a separator", () => {
    fc.assert(
      fc.property(idArb, idArb, (tenantId, capsuleId) => {
        try {
          for (const tag of sessionTags({ tenantId, capsuleId })) expect(tag.Value).toMatch(/^[^#*?$]+$/);
        } catch (error) {
          expect((error as Error).message).toMatch(catalogCode);
        }
      }),
      { seed: 20261207, numRuns: 300 },
    );
  });
});
