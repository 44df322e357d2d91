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
import { expect, it } from "vitest";
import { type GeneratedCase, type GeneratedProbe } from "./compilers.js";
import { describeMatrix } from "./matrix.js";

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
 *   and `confine.sessionPolicy`, and the tag keys of `sessionTags` (session s20): the runtime's own message, as a
 *   literal, a variable or a spread (`ConfinementCheck`, `StrayOption` on `this`; the options and keys are a `const`
 *   type parameter, whose inferred literal TypeScript checks for no excess property); the options of
 *   `scopedClientCache` and `abacTrustPolicy` (its tag keys too) the same way (session s20); the options of
 *   `sessionPolicy` (the runtime's `policy.invalid`, `StrayPolicyOption` on `this`) and a kit's `abacRolePolicy`
 *   tag keys (its tags inferred, `KitTagKeysCheck` on `this`) the same way (session s21);
 * - the default kit's `abacRolePolicy` (its tag options beside the policy's), a gap where it is a variable or a spread
 *   of one: it compiles, the runtime refuses it (`policy.invalid`, "leadingKeysPolicy nope is not an option of the
 *   policy (…)"); as a literal TypeScript's words (its excess-property error). Its message is 374 characters as tsc
 *   prints a type, which it cuts at 320: no `this` can carry it whole (session s21).
 */
function knownBagGap(a: {
  readonly kit: string;
  readonly bag: Bag;
  readonly spelling: BagSpelling;
  readonly typed: string;
  readonly runtime: string;
}): boolean {
  if (a.kit === "dflt" && a.bag === "abacRolePolicy tags")
    return a.typed === (a.spelling === "literal" ? "uncatalogued" : "ok");
  return a.typed === a.runtime;
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

/**
 * The tag keys of a role confined by session tags (session s20's verifier): how the innermost level's tag (the
 * outermost's, for `aws:`) is given × every scope's ids × each call reading them (the trust and role policies: no ids;
 * the role policy since session s21's verifier, the default kit's checked no tag before). tagPlan
 * refuses the keys before it reads an id: an empty tag, an `aws:` one, a tag a level above is read from (without
 * case); a wide `string` tag no type sees (lenient: it compiles, the runtime reads the value).
 */
const tagSpellings = [
  "a tag",
  "false",
  "another level's tag",
  "its tag in capitals",
  "an aws: tag",
  "an empty tag",
  "a wide tag",
] as const;
type TagSpelling = (typeof tagSpellings)[number];
const tagCalls = [
  "sessionTags",
  "assumeRoleInput",
  "assumeRoleCredentials",
  "abacTrustPolicy",
  "abacRolePolicy",
] as const;
/** The calls taking tag keys and no ids: once per kit and spelling. */
const idlessTagCalls: readonly (typeof tagCalls)[number][] = ["abacTrustPolicy", "abacRolePolicy"];
interface TagCase extends GeneratedCase {
  readonly kit: string;
  readonly spelling: TagSpelling;
  readonly call: (typeof tagCalls)[number];
  /** Whether the ids give every level. */
  readonly everyLevel: boolean;
}

/** One call per kit with an inner level, tag spelling, scope and call, appended to the probe's lines. */
function tagCases(lines: string[]): TagCase[] {
  const cases: TagCase[] = [];
  lines.push('const wideTag = "w" as string;');
  for (const kit of kits.filter((kit) => kit.fields.length > 1)) {
    const module = kit.name === "dflt" ? "dflt" : `${kit.name}Credentials`;
    const option = (index: number) => (kit.name === "dflt" ? ["tenantTag", "capsuleTag"][index]! : kit.fields[index]!);
    const inner = option(kit.fields.length - 1);
    const keys: Record<TagSpelling, string> = {
      "a tag": `{ ${inner}: "inner" }`,
      false: `{ ${inner}: false }`,
      "another level's tag": `{ ${inner}: "${kit.fields[0]!}" }`,
      "its tag in capitals": `{ ${option(0)}: "outer", ${inner}: "OUTER" }`,
      "an aws: tag": `{ ${option(0)}: "aws:outer" }`,
      "an empty tag": `{ ${inner}: "" }`,
      "a wide tag": `{ ${inner}: wideTag }`,
    };
    for (let given = 1; given <= kit.fields.length; given++) {
      const ids = `{ ${kit.fields
        .slice(0, given)
        .map((field, index) => `${field}: "v${index}"`)
        .join(", ")} }`;
      for (const spelling of tagSpellings)
        for (const call of tagCalls) {
          // The trust and role policies take no ids: once per kit and spelling.
          if (idlessTagCalls.includes(call) && given < kit.fields.length) continue;
          const confine = `{ roleArn, confine: { sessionTags: ${keys[spelling]} } }`;
          const body = {
            sessionTags: `${module}.sessionTags(${ids}, ${keys[spelling]})`,
            assumeRoleInput: `${module}.assumeRoleInput(${ids}, ${confine})`,
            assumeRoleCredentials: `${module}.assumeRoleCredentials(response, ${confine})(${ids})`,
            abacTrustPolicy:
              kit.name === "dflt"
                ? `${module}.abacTrustPolicy({ trustedPrincipal: "arn:aws:iam::123456789012:role/app", ${keys[spelling].slice(2, -2)} })`
                : `${module}.abacTrustPolicy({ trustedPrincipal: "arn:aws:iam::123456789012:role/app", tags: ${keys[spelling]} })`,
            // The default kit's tag options beside the policy's, a kit's under tags.
            abacRolePolicy:
              kit.name === "dflt"
                ? `${module}.abacRolePolicy({ ...target, ${keys[spelling].slice(2, -2)} })`
                : `${module}.abacRolePolicy({ ...target, tags: ${keys[spelling]} })`,
          }[call];
          const id = `tagCase${cases.length}`;
          lines.push(`export const ${id} = () => ${body};`);
          cases.push({
            id,
            line: lines.length,
            kit: kit.name,
            spelling,
            call,
            everyLevel: given === kit.fields.length,
          });
        }
    }
  }
  return cases;
}

/**
 * The options' values no type sees and their shape, beside the ids (session s21's verifier): `assumeRoleInput` with a
 * role ARN STS refuses × every kit's ids × a confinement by tags and by a session policy; and `confine` holding both
 * confinements (a literal, a variable, a spread of one), in `assumeRoleInput` and `assumeRoleCredentials`. The runtime
 * checks as the types do: the options' shape, then the ids' (the level read left out, a gap), then the values.
 */
interface OptionCase extends GeneratedCase {
  readonly kit: string;
  readonly what: string;
  /** The ids' spelling and shape, for the role ARN's cases. */
  readonly ids?: Ids;
}

/** One call per kit, ids and confinement (a role ARN STS refuses), and per kit and spelling (both confinements). */
function optionCases(lines: string[]): OptionCase[] {
  const cases: OptionCase[] = [];
  const push = (kit: string, what: string, body: string, ids?: Ids) => {
    const id = `optionCase${cases.length}`;
    lines.push(`export const ${id} = () => ${body};`);
    cases.push({ id, line: lines.length, kit, what, ...(ids === undefined ? {} : { ids }) });
  };
  for (const kit of kits) {
    const module = kit.name === "dflt" ? "dflt" : `${kit.name}Credentials`;
    const ids = `{ ${kit.fields.map((field, index) => `${field}: "v${index}"`).join(", ")} }`;
    for (const given of idsOf(kit))
      for (const confine of ["{ sessionTags: {} }", "{ sessionPolicy: target }"])
        push(
          kit.name,
          `roleArn, ${confine}`,
          `${module}.assumeRoleInput(${given.text}, { roleArn: "arn:aws:iam::123456789012:user/data", confine: ${confine} })`,
          given,
        );
    const both = "{ sessionTags: {}, sessionPolicy: target }";
    const variable = `bothConfinements${lines.length}`;
    lines.push(`const ${variable} = { roleArn, confine: ${both} };`);
    for (const [spelling, options] of [
      ["literal", `{ roleArn, confine: ${both} }`],
      ["variable", variable],
      ["spread variable", `{ ...${variable} }`],
    ]) {
      push(kit.name, `both, assumeRoleInput, ${spelling}`, `${module}.assumeRoleInput(${ids}, ${options})`);
      push(
        kit.name,
        `both, assumeRoleCredentials, ${spelling}`,
        `${module}.assumeRoleCredentials(response, ${options})`,
      );
    }
  }
  return cases;
}

function generate(): GeneratedProbe<Case> & {
  readonly bagCases: readonly BagCase[];
  readonly tagCases: readonly TagCase[];
  readonly optionCases: readonly OptionCase[];
} {
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
  const tagged = tagCases(lines);
  const optioned = optionCases(lines);
  return { text: lines.join("\n") + "\n", cases, bagCases: bagged, tagCases: tagged, optionCases: optioned };
}

const kitFields = (name: string): readonly string[] => kits.find((kit) => kit.name === name)!.fields;

type Shape = "every level" | "an inner level left out" | "a gap" | "no outermost";
/**
 * Where the two sides disagreed, every gap now closed:
 * - session s21: ownWords (the outermost id missing, another kit's ids among them, in TypeScript's words: "Property
 *   'orgId' is missing", a weak type's "no properties in common"; the calls infer the ids against every level optional,
 *   `ScopeIdsInput`, and `LevelGapCheck` names the outermost missing on `this`, as the runtime does; sessionPolicy's
 *   `ids` likewise), an extra key in sessionPolicy (TypeScript's excess-property words; the runtime's policy.invalid
 *   now, `StrayPolicyOption`), and valueFirst (an id's value the runtime refuses, empty or holding `#`, in ids that also
 *   leave out a level the role reads from a tag: the runtime said the value, the types the level; the runtime checks
 *   the ids' shape before their values now, a cache the tags its provider's role reads too, so both say the level);
 * - session s20: untaggedLevel (the ids of a scope leaving out a level its role reads from a session tag, in
 *   sessionTags, assumeRoleInput, the provider and a cache made with it: `UnreadTagCheck`, the runtime's words), and
 *   defaultExtraKey (the default kit's ids are inferred now, as a kit's are: an extra key compiles and the runtime
 *   ignores it).
 */
/** The matrix's size: the calls, how many compile, how many run, how many both sides refuse in the same words. */
/** What a case's ids are: a scope, one with an inner level left out, or none (no outermost id, or a gap). */
function shapeOf(c: Case): Shape {
  const given = c.ids.given;
  if (c.ids.spelling === "another kit's" || given[0] !== 0) return "no outermost";
  if (!namesAScope(given)) return "a gap";
  return given.length < kitFields(c.kit).length ? "an inner level left out" : "every level";
}
const sizes = { cells: 700, compiled: 240, ran: 112, sameWords: 460 };
/** The role ARN's cases whose ids the types refuse in the runtime's words (no outermost id, a gap, a level read left out). */
const roleArnShape = 92;

const { text, cases, bagCases: bagged, tagCases: tagged, optionCases: optioned } = generate();
const title = "the credentials' scope ids × every subset of levels × every kit × every call taking them, generated";
const lines = [...cases, ...bagged, ...tagged, ...optioned].map((c) => c.line);

describeMatrix(title, { name: "credentials-ids", text, lines }, (matrix) => {
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
    // What compiles runs, but for an id's value (empty, or holding `#`: a string's content, which no type sees): the
    // runtime refuses it, and where the ids also leave out a level the role reads from a tag both sides refuse the
    // level, in the same words (the untagged levels below).
    const valueOnly = (a: Answer) =>
      (a.spelling === "an empty id" || a.spelling === "an id with #") &&
      a.shape !== "no outermost" &&
      a.shape !== "a gap";
    expect(answers.filter((a) => valueOnly(a) && !refused(a, "runtime"))).toEqual([]);
    expect(answers.filter((a) => !refused(a, "typed") && refused(a, "runtime") && !valueOnly(a))).toEqual([]);
    // What the runtime accepts compiles.
    expect(answers.filter((a) => refused(a, "typed") && !refused(a, "runtime"))).toEqual([]);
    // Refused on both sides in the same words, every call; ids without the outermost id (another kit's too) among them.
    expect(answers.filter((a) => refused(a, "typed") && refused(a, "runtime") && a.typed !== a.runtime)).toEqual([]);
    const noOutermost = answers.filter((a) => a.shape === "no outermost");
    expect(noOutermost.filter((a) => !refused(a, "typed") || !a.runtime.includes(" is missing"))).toEqual([]);
    expect(noOutermost).toHaveLength(calls.length * 34); // per kit: the subsets without the outermost, spelt each way, and other kits' ids
    // The levels left out that the role reads from a tag, every kit with an inner level and every call through the
    // tags, the ids' values right, empty or holding `#`: refused on both sides in the runtime's words, for the level.
    const untagged = answers.filter(
      (a) =>
        a.shape === "an inner level left out" &&
        (a.spelling === "ids" || valueOnly(a)) &&
        ["sessionTags", "assumeRoleInput, tags", "provider", "client, kit's provider"].includes(a.call),
    );
    expect(untagged.filter((a) => a.typed !== a.runtime || !a.runtime.includes("reads it from tag"))).toEqual([]);
    expect(untagged).toHaveLength(3 * 4 * (1 + 1 + 2));
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
        kit: c.kit,
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

  it("every tag key spelling × every scope × each call reading the tags: typed = runtime, but a wide tag (it compiles)", async () => {
    const answers = await Promise.all(
      tagged.map(async (c) => ({
        case: `${c.kit}: ${c.spelling} in ${c.call}${c.everyLevel ? ", every level" : ""}`,
        spelling: c.spelling,
        everyLevel: c.everyLevel,
        ...(await matrix.answer(c)),
      })),
    );
    expect(answers.filter((a) => !a.compilersAgree)).toEqual([]);
    expect(answers.filter((a) => a.spelling !== "a wide tag" && a.typed !== a.runtime)).toEqual([]);
    // A wide tag: the runtime reads it ("w"), refusing ids that leave its level out; the types cannot (they compile),
    // but a level above it left out, as any.
    expect(
      answers.filter((a) => a.spelling === "a wide tag" && a.typed !== a.runtime && (a.typed !== "ok" || a.everyLevel)),
    ).toEqual([]);
    // The keys tagPlan refuses, refused whatever the ids (every kit with an inner level × scopes × calls).
    const badKeys: readonly TagSpelling[] = [
      "another level's tag",
      "its tag in capitals",
      "an aws: tag",
      "an empty tag",
    ];
    expect(answers.filter((a) => badKeys.includes(a.spelling) && a.runtime === "ok")).toEqual([]);
    const perScope = tagCalls.length - idlessTagCalls.length;
    expect(answers).toHaveLength(tagSpellings.length * (perScope * (2 + 2 + 3) + idlessTagCalls.length * 3));
  });

  it("the options' shape, then the ids', then the values no type sees: a role ARN STS refuses beside every kit's ids; both confinements given", async () => {
    const answers = await Promise.all(
      optioned.map(async (c) => ({
        case: `${c.kit}: ${c.what}${c.ids === undefined ? "" : ` ${c.ids.text} (${c.ids.spelling})`}`,
        shape: c.ids === undefined ? undefined : shapeOf({ ...c, ids: c.ids, call: "assumeRoleInput, tags" }),
        spelling: c.ids?.spelling,
        ...(await matrix.answer(c)),
      })),
    );
    expect(answers.filter((a) => !a.compilersAgree)).toEqual([]);
    const arn = answers.filter((a) => a.shape !== undefined);
    // Refused at runtime whatever the ids; in the types' words where they refuse, else for the role ARN, or an id's
    // value before it (no type sees either).
    expect(arn.filter((a) => a.runtime === "ok")).toEqual([]);
    expect(arn.filter((a) => a.typed !== "ok" && a.typed !== a.runtime)).toEqual([]);
    const idValue = (a: (typeof arn)[number]) => a.spelling === "an empty id" || a.spelling === "an id with #";
    expect(
      arn.filter(
        (a) =>
          a.typed === "ok" &&
          !(idValue(a) ? / is "(|a#b)", not an id/ : /^\[credentials\.invalid\] roleArn /).test(a.runtime),
      ),
    ).toEqual([]);
    // The ids' shape refused on both sides, in the same words (no outermost id, a gap, a level the role reads left out).
    expect(arn.filter((a) => a.typed !== "ok" && a.typed === a.runtime)).toHaveLength(roleArnShape);
    const both = answers.filter((a) => a.shape === undefined);
    expect(both.filter((a) => a.typed !== a.runtime || !a.runtime.includes("confine has both"))).toEqual([]);
    expect(both).toHaveLength(kits.length * 2 * 3);
  });
});
