/**
 * Wrong-typed inputs of `capsule-entity/credentials`, generated: every function given ids (a number, an empty
 * string, an id with "#", a missing outermost level, no object at all), tag keys, durations and cache options of
 * the wrong type, in the default kit and an org/workspace kit. Each is `[credentials.invalid]` naming the field and
 * what it was, before anything is built from it (the number once reached the policy as `principalTag`, a string
 * margin was coerced by arithmetic).
 */
import { describe, expect, it } from "vitest";
import { defineIsolation } from "capsule-entity";
import {
  assumeRoleInput,
  kitCredentials,
  scopedClientCache,
  sessionPolicy,
  sessionTags,
  type ScopeLevelIds,
} from "capsule-entity/credentials";
import { account, region } from "../../scripts/iam-simulation.js";
import { thrownMessage } from "../../scripts/thrown.js";

const kit = kitCredentials(
  defineIsolation({
    levels: [
      { name: "org", field: "orgId", label: "ORG" },
      { name: "workspace", field: "workspaceId", label: "WS" },
    ],
  }),
);
const target = { table: "app_data", region, accountId: account } as const;
const roleArn = `arn:aws:iam::${account}:role/tenant-data`;

/** The functions taking level ids, each as a call on `(outer, inner)` ids of its kit. */
type IdsCall = (ids: Readonly<Record<string, unknown>>) => unknown;
const kits: readonly {
  readonly name: string;
  readonly outer: string;
  readonly inner: string;
  readonly calls: Readonly<Record<string, IdsCall>>;
}[] = [
  {
    name: "default kit",
    outer: "tenantId",
    inner: "capsuleId",
    calls: {
      sessionPolicy: (ids) => sessionPolicy({ ...target, ...(ids as object) } as never),
      sessionTags: (ids) => sessionTags(ids as never),
      "assumeRoleInput (tags)": (ids) => assumeRoleInput(ids as never, { roleArn, confine: { sessionTags: {} } }),
      "assumeRoleInput (policy)": (ids) =>
        assumeRoleInput(ids as never, { roleArn, confine: { sessionPolicy: target } }),
    },
  },
  {
    name: "org kit",
    outer: "orgId",
    inner: "workspaceId",
    calls: {
      sessionPolicy: (ids) => kit.sessionPolicy({ ...target, ...(ids as object) } as never),
      sessionTags: (ids) => kit.sessionTags(ids as never),
      "assumeRoleInput (tags)": (ids) => kit.assumeRoleInput(ids as never, { roleArn, confine: { sessionTags: {} } }),
      "assumeRoleInput (policy)": (ids) =>
        kit.assumeRoleInput(ids as never, { roleArn, confine: { sessionPolicy: target } }),
    },
  },
];

/** A wrong id at either level, and what the message must say of it. */
const wrongIds = [
  { value: 5, says: "is 5, not an id" },
  { value: "", says: 'is "", not an id' },
  { value: "a#b", says: 'is "a#b", not an id' },
  { value: null, says: "is null, not an id" },
  { value: { principalTag: "tenantId" }, says: 'is {"principalTag":"tenantId"}, not an id' },
] as const;

describe("credentials: wrong-typed ids are [credentials.invalid], in every function and kit", () => {
  for (const { name, outer, inner, calls } of kits)
    for (const [call, run] of Object.entries(calls)) {
      for (const { value, says } of wrongIds) {
        it(`${name} ${call}: ${outer} ${JSON.stringify(value) ?? String(value)}`, () => {
          expect(thrownMessage(() => run({ [outer]: value, [inner]: "c1" }))).toMatch(
            new RegExp(
              `^\\[credentials\\.invalid\\] ${outer} ${escapeRegExp(says)} \\(a non-empty string without "#"\\) \\| `,
            ),
          );
        });
        it(`${name} ${call}: ${inner} ${JSON.stringify(value) ?? String(value)}`, () => {
          expect(thrownMessage(() => run({ [outer]: "t1", [inner]: value }))).toMatch(
            new RegExp(`^\\[credentials\\.invalid\\] ${inner} ${escapeRegExp(says)} `),
          );
        });
      }
      // A session policy's ids are spread into its options: none is its outermost level missing, the policy's own
      // check, with the compiler's text (types-tests/compile-fail/credentials-session-policy.ts).
      const missing = new RegExp(
        call === "sessionPolicy"
          ? `^\\[policy\\.invalid\\] sessionPolicy ${outer} is missing \\| `
          : `^\\[credentials\\.invalid\\] ${outer} is missing: credentials are vended for a scope `,
      );
      it(`${name} ${call}: the outermost level missing`, () => {
        expect(thrownMessage(() => run({ [inner]: "c1" }))).toMatch(missing);
      });
      it(`${name} ${call}: ids that are no object`, () => {
        expect(thrownMessage(() => run(undefined as never))).toMatch(
          call === "sessionPolicy" ? missing : /^\[credentials\.invalid\] /,
        );
      });
      it(`${name} ${call}: correct ids pass`, () => {
        expect(() => run({ [outer]: "t1", [inner]: "c1" })).not.toThrow();
      });
    }
});

describe("credentials: wrong-typed options are [credentials.invalid]", () => {
  const ids: ScopeLevelIds = { tenantId: "t1", capsuleId: "c1" };
  it.each([5, "", true])("a tag key %j (it reached the policy as principalTag)", (tag) => {
    expect(thrownMessage(() => sessionTags(ids, { tenantTag: tag as never }))).toMatch(
      /^\[credentials\.invalid\] tenantId tag is .*, not a tag key \(a non-empty string\) or false \| /,
    );
    expect(thrownMessage(() => kit.sessionTags({ orgId: "o1" }, { workspaceId: tag as never }))).toMatch(
      /^\[credentials\.invalid\] workspaceId tag is .*, not a tag key/,
    );
  });

  it.each(["900", 899.5, Number.NaN, 43201, null])("durationSeconds %j", (durationSeconds) => {
    const run = () =>
      assumeRoleInput(ids, { roleArn, confine: { sessionTags: {} }, durationSeconds: durationSeconds as never });
    expect(thrownMessage(run)).toMatch(
      /^\[credentials\.invalid\] durationSeconds is .*, not an integer from 900 to 43200 \| /,
    );
  });

  it.each([undefined, null, "sessionTags", {}, { sessionTags: {}, sessionPolicy: target }])(
    "confine %j (was a TypeError, or one of the two silently chosen)",
    (confine) => {
      expect(thrownMessage(() => assumeRoleInput(ids, { roleArn, confine: confine as never }))).toMatch(
        /^\[credentials\.invalid\] confine (is|has) .*sessionPolicy.*sessionTags/,
      );
    },
  );

  it("a sessionName that is no function (was ignored)", () => {
    expect(
      thrownMessage(() =>
        assumeRoleInput(ids, { roleArn, confine: { sessionTags: {} }, sessionName: "acme" as never }),
      ),
    ).toMatch(/^\[credentials\.invalid\] sessionName is "acme", not a function of the ids \| /);
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

describe("scopedClientCache: wrong-typed options are [credentials.invalid] when the cache is made", () => {
  const vendor = async () => ({ accessKeyId: "AK", secretAccessKey: "s" });
  const createClient = () => ({});
  it.each(["300", -1, Number.NaN, Number.POSITIVE_INFINITY, null])(
    "refreshBeforeSeconds %j (a string was coerced, Infinity refused only at the first vend)",
    (refreshBeforeSeconds) => {
      const caches = [
        (options: Parameters<typeof scopedClientCache>[0]) => scopedClientCache(options),
        (options: Parameters<typeof kit.scopedClientCache>[0]) => kit.scopedClientCache(options),
      ];
      for (const cache of caches)
        expect(
          thrownMessage(() =>
            cache({ credentials: vendor, createClient, refreshBeforeSeconds: refreshBeforeSeconds as never }),
          ),
        ).toMatch(
          /^\[credentials\.invalid\] refreshBeforeSeconds is .*, not a finite number of seconds, 0 or more \| /,
        );
    },
  );

  it.each(["10", 0, 1.5, Number.POSITIVE_INFINITY])("maxEntries %j", (maxEntries) => {
    expect(
      thrownMessage(() => scopedClientCache({ credentials: vendor, createClient, maxEntries: maxEntries as never })),
    ).toMatch(/^\[credentials\.invalid\] maxEntries is .*, not a positive integer \| /);
  });

  it.each(["credentials", "createClient", "now"])("%s that is no function (a TypeError at the first call)", (name) => {
    const options = { credentials: vendor, createClient, [name]: "x" };
    expect(thrownMessage(() => scopedClientCache(options as never))).toMatch(
      new RegExp(`^\\[credentials\\.invalid\\] ${name} is "x", not a function \\| `),
    );
  });

  it("the margins and sizes that are right pass", () => {
    expect(() =>
      scopedClientCache({ credentials: vendor, createClient, refreshBeforeSeconds: 0, maxEntries: 1 }),
    ).not.toThrow();
  });
});
