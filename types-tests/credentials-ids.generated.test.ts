/**
 * Issue 13, a verifier's matrix of the credentials' scope ids (session s19): every subset of a kit's levels (the
 * default kit, a one-, two- and three-level kit), the same with an empty id, with an id holding `#`, with an extra key,
 * and another kit's ids × every call taking a scope's ids (`sessionTags`, `assumeRoleInput` with tags and with a
 * session policy, the `assumeRoleCredentials` provider, the client cache's `client` with a provider of the kit and with
 * the caller's own, its `delete` (session s20: it checked nothing on either side), `sessionPolicy` with the ids under
 * `ids` and beside the options). Each call is one line of a probe
 * compiled by TypeScript 5.9, 6.0 and 7.0 (the three must agree) and run: what compiles runs, except an id's value
 * (empty, or holding `#`: no type sees a string's content); what the runtime refuses for the ids' shape is a type
 * error, in the runtime's words.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { compileTimeout, probeMatrix, type GeneratedCase, type GeneratedProbe } from "./compilers.js";

interface Kit {
  readonly name: string;
  /** The level fields, outermost first. */
  readonly fields: readonly string[];
}
const kits: readonly Kit[] = [
  { name: "dflt", fields: ["tenantId", "capsuleId"] },
  { name: "one", fields: ["teamId"] },
  { name: "two", fields: ["orgId", "workspaceId"] },
  { name: "three", fields: ["orgId", "projectId", "envId"] },
];

/** How the ids of a subset are spelt: plain ids, one of them empty or holding `#`, an extra key, another kit's. */
type Spelling = "ids" | "an empty id" | "an id with #" | "an extra key" | "another kit's";
interface Ids {
  readonly spelling: Spelling;
  /** The levels given, by index (for another kit's: none of this kit's). */
  readonly given: readonly number[];
  readonly text: string;
}

/** Every subset of the kit's levels, each spelt every way; and the full ids of each other kit. */
function idsOf(kit: Kit): Ids[] {
  const all: Ids[] = [];
  const entries = (given: readonly number[], value: (index: number) => string) =>
    given.map((index) => `${kit.fields[index]!}: "${value(index)}"`);
  for (let mask = 0; mask < 1 << kit.fields.length; mask++) {
    const given = kit.fields.map((_, index) => index).filter((index) => (mask >> index) & 1);
    const last = given[given.length - 1];
    all.push({ spelling: "ids", given, text: `{ ${entries(given, (i) => `v${i}`).join(", ")} }` });
    if (last === undefined) continue;
    all.push({
      spelling: "an empty id",
      given,
      text: `{ ${entries(given, (i) => (i === last ? "" : `v${i}`)).join(", ")} }`,
    });
    all.push({
      spelling: "an id with #",
      given,
      text: `{ ${entries(given, (i) => (i === last ? "a#b" : `v${i}`)).join(", ")} }`,
    });
    all.push({
      spelling: "an extra key",
      given,
      text: `{ ${[...entries(given, (i) => `v${i}`), 'extraId: "x"'].join(", ")} }`,
    });
  }
  for (const other of kits)
    if (other.fields.join() !== kit.fields.join() && !other.fields.includes(kit.fields[0]!))
      all.push({
        spelling: "another kit's",
        given: [],
        text: `{ ${other.fields.map((field) => `${field}: "k1"`).join(", ")} }`,
      });
  return all;
}

/** The tag keys of a role reading the outermost level alone: every inner level `false`. */
const untagged = (kit: Kit): string =>
  kit.name === "dflt"
    ? "{ capsuleTag: false }"
    : `{ ${kit.fields
        .slice(1)
        .map((field) => `${field}: false`)
        .join(", ")} }`;

/** Whether the ids name a scope: the outermost given, no level given below one left out. */
const namesAScope = (given: readonly number[]): boolean => given.every((index, at) => index === at);

const calls = [
  "sessionTags",
  "sessionTags, outermost tag only",
  "assumeRoleInput, tags",
  "assumeRoleInput, policy",
  "provider",
  "client, kit's provider",
  "client, own provider",
  "delete from the cache",
  "sessionPolicy, ids",
  "sessionPolicy, beside",
] as const;
type Call = (typeof calls)[number];

interface Case extends GeneratedCase {
  readonly kit: string;
  readonly ids: Ids;
  readonly call: Call;
}

/** The option bags of the credentials calls, each given a key it does not take (`nope`), or none. */
const bags = [
  "sessionTags keys",
  "abacRolePolicy tags",
  "abacTrustPolicy tags",
  "confine.sessionTags",
  "assumeRoleInput options",
  "assumeRoleCredentials options",
  "scopedClientCache options",
  "sessionPolicy options",
] as const;
type Bag = (typeof bags)[number];
/** How a bag is given: an object literal, a variable (no excess-property check), a spread of it; `valid`: no `nope`. */
const bagSpellings = ["literal", "variable", "spread variable", "valid variable"] as const;
type BagSpelling = (typeof bagSpellings)[number];
interface BagCase extends GeneratedCase {
  readonly kit: string;
  readonly bag: Bag;
  readonly spelling: BagSpelling;
}

/**
 * What the compile time says of an option bag with a key it does not take:
 * - the options of `assumeRoleInput` and `assumeRoleCredentials` (default kit and kits) and their `confine.sessionTags`
 *   and `confine.sessionPolicy`: the runtime's own message, as a literal, a variable or a spread (`ConfinementCheck` on
 *   `this`; the options are a `const TOptions`, whose inferred literal TypeScript checks for no excess property);
 *   the options of `scopedClientCache` and `abacTrustPolicy` (its tag keys too) the same way (session s20);
 * - every other bag, a gap where it is a variable or a spread of one: it compiles (no excess-property check on a
 *   non-fresh object), the runtime refuses it; as a literal TypeScript's words (its excess-property error).
 */
function knownBagGap(a: {
  readonly bag: Bag;
  readonly spelling: BagSpelling;
  readonly typed: string;
  readonly runtime: string;
}): boolean {
  const checked: readonly Bag[] = [
    "assumeRoleInput options",
    "assumeRoleCredentials options",
    "confine.sessionTags",
    "scopedClientCache options",
    "abacTrustPolicy tags",
  ];
  if (checked.includes(a.bag)) return a.typed === a.runtime;
  return a.typed === (a.spelling === "literal" ? "uncatalogued" : "ok");
}

/** One call per kit, bag and spelling, appended to the probe's lines. */
function bagCases(lines: string[]): BagCase[] {
  const cases: BagCase[] = [];
  for (const kit of kits) {
    const module = kit.name === "dflt" ? "dflt" : `${kit.name}Credentials`;
    const ids = `{ ${kit.fields.map((field, index) => `${field}: "v${index}"`).join(", ")} }`;
    const tagKeys = kit.name === "dflt" ? 'tenantTag: "tenant"' : `${kit.fields[0]!}: "outer"`;
    const entries: Record<Bag, string> = {
      "sessionTags keys": tagKeys,
      "abacRolePolicy tags": tagKeys,
      "abacTrustPolicy tags": tagKeys,
      "confine.sessionTags": tagKeys,
      "assumeRoleInput options": "roleArn, confine: { sessionTags: {} }",
      "assumeRoleCredentials options": "roleArn, confine: { sessionTags: {} }",
      "scopedClientCache options": "credentials: own, createClient: () => ({})",
      "sessionPolicy options": `...target, ids: ${ids}`,
    };
    // The default kit's ABAC policies take the tag keys beside their options (tenantTag, capsuleTag), a kit's under tags.
    if (kit.name === "dflt") {
      entries["abacRolePolicy tags"] = `...target, ${tagKeys}`;
      entries["abacTrustPolicy tags"] = `trustedPrincipal: "arn:aws:iam::123456789012:role/app", ${tagKeys}`;
    }
    const calls: Record<Bag, (bag: string) => string> = {
      "sessionTags keys": (bag) => `${module}.sessionTags(${ids}, ${bag})`,
      "abacRolePolicy tags": (bag) =>
        kit.name === "dflt"
          ? `${module}.abacRolePolicy(${bag})`
          : `${module}.abacRolePolicy({ ...target, tags: ${bag} })`,
      "abacTrustPolicy tags": (bag) =>
        kit.name === "dflt"
          ? `${module}.abacTrustPolicy(${bag})`
          : `${module}.abacTrustPolicy({ trustedPrincipal: "arn:aws:iam::123456789012:role/app", tags: ${bag} })`,
      "confine.sessionTags": (bag) =>
        `${module}.assumeRoleInput(${ids}, { roleArn, confine: { sessionTags: ${bag} } })`,
      "assumeRoleInput options": (bag) => `${module}.assumeRoleInput(${ids}, ${bag})`,
      "assumeRoleCredentials options": (bag) => `${module}.assumeRoleCredentials(response, ${bag})`,
      "scopedClientCache options": (bag) => `${module}.scopedClientCache(${bag})`,
      "sessionPolicy options": (bag) => `${module}.sessionPolicy(${bag})`,
    };
    for (const bag of bags)
      for (const spelling of bagSpellings) {
        const object = `{ ${entries[bag]}${spelling === "valid variable" ? "" : ", nope: 1"} }`;
        const variable = `bag${lines.length}`;
        if (spelling !== "literal") lines.push(`const ${variable} = ${object};`);
        const given =
          spelling === "literal" ? object : spelling === "spread variable" ? `{ ...${variable} }` : variable;
        const id = `bagCase${cases.length}`;
        lines.push(`export const ${id} = () => ${calls[bag](given)};`);
        cases.push({ id, line: lines.length, kit: kit.name, bag, spelling });
      }
  }
  return cases;
}

function generate(): GeneratedProbe<Case> & { readonly bagCases: readonly BagCase[] } {
  const lines = [
    "// Generated by types-tests/credentials-ids.generated.test.ts: one call per line.",
    'import { defineIsolation } from "capsule-entity";',
    'import * as dflt from "capsule-entity/credentials";',
    'import { kitCredentials } from "capsule-entity/credentials";',
    'const roleArn = "arn:aws:iam::123456789012:role/data";',
    'const target = { table: "app_data", region: "eu-west-1", accountId: "123456789012" };',
    'const response = async () => ({ Credentials: { AccessKeyId: "AK", SecretAccessKey: "S", SessionToken: "T", Expiration: new Date(8.64e15) } });',
    'const own = async () => ({ accessKeyId: "AK", secretAccessKey: "S" });',
  ];
  for (const kit of kits) {
    const module = kit.name === "dflt" ? "dflt" : `${kit.name}Credentials`;
    if (kit.name !== "dflt")
      lines.push(
        `const ${module} = kitCredentials(defineIsolation({ levels: [${kit.fields
          .map((field, index) => `{ name: "l${index}", field: "${field}", label: "L${index}" }`)
          .join(", ")}] }));`,
      );
    lines.push(
      `const ${kit.name}Provider = ${module}.assumeRoleCredentials(response, { roleArn, confine: { sessionTags: {} } });`,
      `const ${kit.name}Clients = ${module}.scopedClientCache({ credentials: ${kit.name}Provider, createClient: () => ({}) });`,
      `const ${kit.name}OwnClients = ${module}.scopedClientCache({ credentials: own, createClient: () => ({}) });`,
    );
  }
  const cases: Case[] = [];
  for (const kit of kits) {
    const module = kit.name === "dflt" ? "dflt" : `${kit.name}Credentials`;
    for (const ids of idsOf(kit)) {
      const bodies: Record<Call, string> = {
        sessionTags: `${module}.sessionTags(${ids.text})`,
        "sessionTags, outermost tag only": `${module}.sessionTags(${ids.text}, ${untagged(kit)})`,
        "assumeRoleInput, tags": `${module}.assumeRoleInput(${ids.text}, { roleArn, confine: { sessionTags: {} } })`,
        "assumeRoleInput, policy": `${module}.assumeRoleInput(${ids.text}, { roleArn, confine: { sessionPolicy: target } })`,
        provider: `${kit.name}Provider(${ids.text})`,
        "client, kit's provider": `${kit.name}Clients.client(${ids.text})`,
        "client, own provider": `${kit.name}OwnClients.client(${ids.text})`,
        "delete from the cache": `${kit.name}OwnClients.delete(${ids.text})`,
        "sessionPolicy, ids": `${module}.sessionPolicy({ ...target, ids: ${ids.text} })`,
        "sessionPolicy, beside": `${module}.sessionPolicy({ ...target, ${ids.text.slice(1, -1).trim()} })`,
      };
      for (const call of calls) {
        const id = `case${cases.length}`;
        lines.push(`export const ${id} = () => ${bodies[call]};`);
        cases.push({ id, line: lines.length, kit: kit.name, ids, call });
      }
    }
  }
  const bagged = bagCases(lines);
  return { text: lines.join("\n") + "\n", cases, bagCases: bagged };
}

const kitFields = (name: string): readonly string[] => kits.find((kit) => kit.name === name)!.fields;

interface Answered {
  readonly kit: string;
  readonly call: Call;
  readonly spelling: Spelling;
  readonly shape: "every level" | "an inner level left out" | "a gap" | "no outermost";
  readonly runtime: string;
}
/**
 * Where the two sides disagree and nothing was changed (session s19's report, for the lead to decide):
 * - untaggedLevel: a role confined by session tags reads every level's tag unless its keys say `false`; the ids of a
 *   scope with an inner level left out compile, and the runtime refuses them (`[credentials.invalid] workspaceId is
 *   missing, but the role reads it from tag workspaceId`) in sessionTags, assumeRoleInput and the provider (the
 *   client too, through it): the types do not read the tag keys against the ids.
 * - defaultExtraKey: the default kit's ids are a plain interface (ScopeLevelIds), so an extra key is TypeScript's
 *   excess-property error, where a kit's ids (inferred, `const TIds`) take it and the runtime ignores it.
 * - ownWords: refusals in TypeScript's words, not the catalog's: the outermost id missing (KitScopeIds requires it;
 *   not in sessionPolicy, which names it as the runtime does, unless another kit's keys are given under `ids`), and an
 *   extra key (the default kit's, and any kit's in sessionPolicy, where the runtime says policy.invalid).
 */
const knownGaps = {
  untaggedLevel: (a: Answered): boolean =>
    a.shape === "an inner level left out" &&
    ["sessionTags", "assumeRoleInput, tags", "provider", "client, kit's provider"].includes(a.call) &&
    a.runtime.includes("but the role reads it from tag"),
  defaultExtraKey: (a: Answered): boolean =>
    a.kit === "dflt" && a.spelling === "an extra key" && !a.call.startsWith("sessionPolicy"),
  ownWords: (a: Answered): boolean =>
    (a.shape === "no outermost" && (!a.call.startsWith("sessionPolicy") || a.spelling === "another kit's")) ||
    a.spelling === "an extra key",
};
/** The matrix's size: the calls, how many compile, how many run, how many both sides refuse in the same words. */
/** What a case's ids are: a scope, one with an inner level left out, or none (no outermost id, or a gap). */
function shapeOf(c: Case): Answered["shape"] {
  const given = c.ids.given;
  if (c.ids.spelling === "another kit's" || given[0] !== 0) return "no outermost";
  if (!namesAScope(given)) return "a gap";
  return given.length < kitFields(c.kit).length ? "an inner level left out" : "every level";
}
const sizes = { cells: 700, compiled: 288, ran: 112, sameWords: 98 };

describe("the credentials' scope ids × every subset of levels × every kit × every call taking them, generated", () => {
  const { text, cases, bagCases: bagged } = generate();
  const matrix = probeMatrix("credentials-ids", text);
  beforeAll(matrix.compile, 3 * compileTimeout);

  it("the probe's header compiles under each compiler", () => {
    expect(matrix.outside([...cases, ...bagged].map((c) => c.line)).flat()).toEqual([]);
  });

  it("every call: the compilers agree; what compiles runs but for an id's value; what the runtime refuses for the ids' shape is a type error in its words", async () => {
    const answers = await Promise.all(
      cases.map(async (c) => {
        return {
          case: `${c.kit}: ${c.ids.text} (${c.ids.spelling}) in ${c.call}`,
          kit: c.kit,
          call: c.call,
          spelling: c.ids.spelling,
          shape: shapeOf(c),
          ...(await matrix.answer(c)),
        };
      }),
    );
    type Answer = (typeof answers)[number];
    const refused = (a: Answer, side: "typed" | "runtime") => a[side] !== "ok";
    expect(answers.filter((a) => !a.compilersAgree)).toEqual([]);
    // An inner id left out of a gap is refused on both sides in the runtime's words (session s19's fix), every call.
    const gaps = answers.filter((a) => a.shape === "a gap" && a.spelling === "ids");
    expect(gaps.filter((a) => a.typed !== a.runtime || !refused(a, "runtime"))).toEqual([]);
    expect(gaps).toHaveLength(calls.length); // the three-level kit's { orgId, envId }
    // What compiles runs, but for an id's value (empty, or holding `#`: a string's content, which no type sees) and
    // knownGaps.untaggedLevel.
    const valueOnly = (a: Answer) =>
      (a.spelling === "an empty id" || a.spelling === "an id with #") &&
      a.shape !== "no outermost" &&
      a.shape !== "a gap";
    expect(answers.filter((a) => valueOnly(a) && (refused(a, "typed") || !refused(a, "runtime")))).toEqual([]);
    expect(answers.filter((a) => !refused(a, "typed") && refused(a, "runtime") && !valueOnly(a))).toEqual(
      answers.filter((a) => knownGaps.untaggedLevel(a) && !knownGaps.defaultExtraKey(a)),
    );
    // What the runtime accepts compiles, but for the default kit's extra key (knownGaps.defaultExtraKey).
    expect(answers.filter((a) => refused(a, "typed") && !refused(a, "runtime"))).toEqual(
      answers.filter((a) => knownGaps.defaultExtraKey(a) && !refused(a, "runtime")),
    );
    // Refused on both sides in the same words, but where TypeScript's own words come first (knownGaps.ownWords).
    expect(
      answers.filter(
        (a) => refused(a, "typed") && refused(a, "runtime") && a.typed !== a.runtime && !knownGaps.ownWords(a),
      ),
    ).toEqual([]);
    expect({
      cells: answers.length,
      compiled: answers.filter((a) => !refused(a, "typed")).length,
      ran: answers.filter((a) => !refused(a, "runtime")).length,
      sameWords: answers.filter((a) => refused(a, "typed") && a.typed === a.runtime).length,
    }).toEqual(sizes);
  });

  it("every option bag given a key it does not take: refused at runtime; at compile time as knownBagGap says (a literal, a variable, a spread)", async () => {
    const answers = await Promise.all(
      bagged.map(async (c) => ({
        case: `${c.kit}: ${c.bag} (${c.spelling})`,
        bag: c.bag,
        spelling: c.spelling,
        ...(await matrix.answer(c)),
      })),
    );
    expect(answers.filter((a) => !a.compilersAgree)).toEqual([]);
    expect(answers.filter((a) => a.spelling === "valid variable" && (a.typed !== "ok" || a.runtime !== "ok"))).toEqual(
      [],
    );
    // Every bag with `nope` is refused at runtime; at compile time as knownBagGap says.
    const refusedAtRuntime = answers.filter((a) => a.spelling !== "valid variable");
    expect(refusedAtRuntime.filter((a) => a.runtime === "ok" || !knownBagGap(a))).toEqual([]);
    expect(refusedAtRuntime).toHaveLength(kits.length * bags.length * 3);
  });
});
