/**
 * Findings: every deviation of an event type from the inferred pattern, with its risk, message and fingerprint.
 */
import { createHash } from "node:crypto";
import { getOrInsert } from "../internal/get-or-insert.js";
import { declaredFor } from "./declarations.js";
import { pathSeparator } from "./field-name.js";
import {
  corpusScope,
  type Inference,
  type InferenceOptions,
  type Invariant,
  type Support,
  typesBySource,
} from "./infer.js";
import { type CorpusLocation, type DifferSample, envelopePrefix } from "./profile.js";
import { type Risk, riskRank } from "./risk.js";
import { type TypeView, dominant } from "./type-view.js";

/** Every kind of finding, in the order a type's findings are listed. */
export const findingKinds = [
  "missing-field",
  "intermittent-field",
  "key-missing-label",
  "key-mismatch",
  "naming-drift",
] as const;

/** What a finding is about. */
export type FindingKind = (typeof findingKinds)[number];

/** One deviation of one event type from the pattern inferred from the corpus. */
export interface Finding {
  readonly kind: FindingKind;
  readonly risk: Risk;
  readonly eventType: string;
  readonly source: string;
  /** The field as most often written (for key findings, the key field). */
  readonly field: string;
  /** The field as compared: its normalized name (see `fieldIdOf`). */
  readonly fieldId: string;
  readonly message: string;
  /** Stable across runs and corpora: kind, source, event type, field id and label, hashed. */
  readonly fingerprint: string;
  /** The first event of the type, or the first offending event. */
  readonly location: CorpusLocation;
  /** How widely related types carry what this type lacks. */
  readonly support: Support | undefined;
  /** The type's own rate: presence of the field, or of the key label. */
  readonly rate: number | undefined;
  /** The key label concerned (key findings). */
  readonly label: string | undefined;
  /** Offending events (key mismatches). */
  readonly samples: readonly DifferSample[] | undefined;
}

/** An intermittent boundary field missing from more than this share of events is HIGH risk. */
const intermittentHighGap = 0.1;

/** Formats a 0..1 share as a whole percentage, never rounding a partial share to 0% or 100%. */
export function percent(share: number): string {
  const rounded = Math.round(share * 100);
  const clamped = share > 0 && rounded === 0 ? 1 : share < 1 && rounded === 100 ? 99 : rounded;
  return `${clamped}%`;
}

/** How a scope reads in a sentence. */
export function scopeText(support: Support): string {
  return support.scope === corpusScope
    ? `${support.types} event types`
    : `${support.types} ${support.scope || "(no source)"} event types`;
}

function fingerprintOf(kind: FindingKind, type: TypeView, field: string, label: string): string {
  return createHash("sha256")
    .update([kind, type.source, type.type, field, label].join("\u0000"))
    .digest("hex")
    .slice(0, 32);
}

type FindingInput = Omit<
  Finding,
  "fingerprint" | "eventType" | "source" | "location" | "support" | "rate" | "label" | "samples"
> &
  Partial<Pick<Finding, "location" | "support" | "rate" | "label" | "samples">>;

function finding(type: TypeView, input: FindingInput): Finding {
  // Drift findings differ by spelling only, so the spelling joins their identity.
  const identity = input.kind === "naming-drift" ? `${input.fieldId}\u0000${input.field}` : input.fieldId;
  const support = input.support;
  // Spelled out in the order the JSON report shows them; the support is copied without what it came with.
  return {
    kind: input.kind,
    risk: input.risk,
    eventType: type.type,
    source: type.source,
    field: input.field,
    fieldId: input.fieldId,
    message: input.message,
    fingerprint: fingerprintOf(input.kind, type, identity, input.label ?? ""),
    location: input.location ?? type.first,
    support:
      support === undefined
        ? undefined
        : { scope: support.scope, carriers: support.carriers, types: support.types, share: support.share },
    rate: input.rate,
    label: input.label,
    samples: input.samples,
  };
}

/** A field as this type writes it, or as the corpus mostly does when the type lacks it. */
function nameIn(type: TypeView, fieldId: string, inference: Inference): string {
  const names = type.fields.get(fieldId)?.names;
  return (names === undefined ? undefined : dominant(names)) ?? inference.names.get(fieldId) ?? fieldId;
}

/** Why a boundary missing from a source without tenancy is MEDIUM, and what to declare (see `sourcesOutside`). */
function outsideNote(source: string): string {
  return `; no event type of ${source || "(no source)"} carries a boundary or names anything that only one boundary value has: a source outside the isolation, or one that forgot it everywhere (declare its types global with --entities, or add the field)`;
}

/** Why a boundary missing from a type whose deeper fields were cut is MEDIUM, and how to read them. */
function cutNote(type: TypeView): string {
  const [first] = type.cut;
  const more = type.cut.length > 1 ? ` and ${type.cut.length - 1} more` : "";
  return `; --max-depth cut the fields under ${first ?? ""}${more} in its events, where it may be (rerun with a larger --max-depth)`;
}

function boundaryNote(invariant: Invariant): string {
  const boundary = invariant.boundary;
  return boundary === undefined ? "" : `; ${invariant.name} is an isolation boundary (${boundary.description})`;
}

/**
 * What a source's types carry: how many there are, the fields any of them carries, and, when none of them carries a
 * boundary, the boundaries whose values alone its events name something of (see `unboundSources`).
 */
interface SourceFacts {
  readonly types: number;
  readonly fields: ReadonlySet<string>;
  /** Some type of it carries an envelope field (`$account`): its events come in an EventBridge envelope. */
  readonly enveloped: boolean;
  /** Undefined when some type of the source carries a boundary. */
  readonly unbound: ReadonlySet<string> | undefined;
}

type SourceFields = ReadonlyMap<string, SourceFacts>;

function sourceFieldsOf(inference: Inference): SourceFields {
  const bySource = new Map<
    string,
    { -readonly [TKey in keyof SourceFacts]: SourceFacts[TKey] } & { fields: Set<string> }
  >();
  for (const type of inference.types) {
    const entry = getOrInsert(bySource, type.source, () => ({
      types: 0,
      fields: new Set<string>(),
      enveloped: false,
      unbound: undefined,
    }));
    entry.types += 1;
    for (const field of type.fields.keys()) {
      entry.fields.add(field);
      if (field.startsWith(envelopePrefix)) entry.enveloped = true;
    }
  }
  for (const [source, named] of unboundSources(inference)) {
    const entry = bySource.get(source);
    if (entry !== undefined) entry.unbound = named;
  }
  return bySource;
}

/** Of a field's values seen twice or more with a boundary, at least this many, this share with a single value of it. */
const ownedTested = 5;
const ownedHeld = 0.95;
/** Distinct such values a source must name to name something of the boundary's (one could be chance). */
const ownedNamed = 2;

/**
 * The sources none of whose types carries a boundary, each with the boundaries it names something of: two or more
 * values of its events that events carrying the boundary hold in a field the boundary owns (a field whose values seen
 * twice or more go with a single value of the boundary: a user, a page, a customer; the partition evidence's test, so a
 * count or a status that recurs under every value is no such field). A service that forgot the boundary in every event
 * still names what belongs to one value of it, and is held to it, wherever the boundary was learned; a platform's
 * status or release events name nothing of the kind: their missing boundaries are MEDIUM, below the gaps of sources
 * that carry or name the boundary (the corpus cannot tell such a source from one that forgot it everywhere and names
 * nothing either).
 */
function unboundSources(inference: Inference): Map<string, Set<string>> {
  const boundaries = [...inference.boundaries.keys()];
  const unbound = new Map<string, Set<string>>();
  if (boundaries.length === 0) return unbound;
  const carries = (type: TypeView): boolean => boundaries.some((field) => (type.fields.get(field)?.rate ?? 0) > 0);
  const sources = [...typesBySource(inference.types)].filter(([, members]) => !members.some(carries));
  // Mostly every source carries a boundary: then the tallies below (a fifth of an audit's first inference and findings,
  // cold) have no source to judge.
  if (sources.length === 0) return unbound;
  // Per boundary, then field, each value seen with it: the first value of the boundary it went with, in how many rows,
  // and whether always with that one.
  const seen = new Map<string, Map<string, Map<string, { owner: string; rows: number; single: boolean }>>>();
  for (const type of inference.types) {
    if (!carries(type)) continue;
    for (const row of type.rows)
      for (const boundary of boundaries) {
        const owner = row.get(boundary);
        if (owner === undefined) continue;
        const byField = getOrInsert(seen, boundary, () => new Map());
        for (const [field, value] of row) {
          if (field === boundary || field.startsWith(envelopePrefix)) continue;
          const tallies = getOrInsert(byField, field, () => new Map());
          const tally = tallies.get(value);
          if (tally === undefined) tallies.set(value, { owner, rows: 1, single: true });
          else {
            tally.rows += 1;
            if (tally.owner !== owner) tally.single = false;
          }
        }
      }
  }
  // Per boundary, the values of the fields it owns.
  const owned = new Map<string, Set<string>>();
  for (const [boundary, byField] of seen)
    for (const tallies of byField.values()) {
      const tested = [...tallies.values()].filter((tally) => tally.rows >= 2);
      const held = tested.filter((tally) => tally.single).length;
      if (tested.length < ownedTested || held < ownedHeld * tested.length) continue;
      const values = getOrInsert(owned, boundary, () => new Set<string>());
      for (const [value, tally] of tallies) if (tally.single) values.add(value);
    }
  for (const [source, members] of sources) {
    const named = new Set<string>();
    for (const [boundary, values] of owned) {
      const hits = new Set<string>();
      for (const type of members)
        for (const row of type.rows)
          for (const [field, value] of row) if (!field.startsWith(envelopePrefix) && values.has(value)) hits.add(value);
      if (hits.size >= ownedNamed) named.add(boundary);
    }
    unbound.set(source, named);
  }
  return unbound;
}

/** Whether the type's source of `minSupport` types or more carries no boundary and names nothing of one. */
function isOutside(own: SourceFacts | undefined, options: InferenceOptions): boolean {
  return own !== undefined && own.types >= options.minSupport && own.unbound?.size === 0;
}

/**
 * The invariants that apply to a type, strongest support per field (a boundary first). A corpus-wide field that is
 * no boundary does not apply to a source of `minSupport` types or more none of which carries it: that source has
 * conventions of its own (a partner's envelope `id`s are no gap of the app's events). A boundary always applies, and
 * one learned within other sources applies to a source that carries no boundary but names what only one value of it
 * has (`unboundSources`); but a boundary of the envelope (the account named by `--boundary account`) does not apply to
 * a source whose events carry no envelope (CloudEvents, PutEvents entries).
 */
function invariantsFor(
  type: TypeView,
  inference: Inference,
  sources: SourceFields,
  options: InferenceOptions,
): Invariant[] {
  const own = sources.get(type.source);
  const byField = new Map<string, Invariant>();
  for (const invariant of inference.invariants) {
    const named = invariant.boundary !== undefined && own?.unbound?.has(invariant.field) === true;
    if (invariant.scope !== corpusScope && invariant.scope !== type.source && !named) continue;
    if (
      invariant.scope === corpusScope &&
      invariant.boundary === undefined &&
      own !== undefined &&
      own.types >= options.minSupport &&
      !own.fields.has(invariant.field)
    )
      continue;
    // An envelope field (`--boundary account`) is the transport's: no gap of a source whose events come without one.
    if (invariant.field.startsWith(envelopePrefix) && own !== undefined && !own.enveloped) continue;
    const known = byField.get(invariant.field);
    const stronger =
      known === undefined ||
      (invariant.boundary !== undefined) > (known.boundary !== undefined) ||
      ((invariant.boundary !== undefined) === (known.boundary !== undefined) && invariant.share > known.share);
    if (stronger) byField.set(invariant.field, invariant);
  }
  return [...byField.values()];
}

/**
 * The path of a field as the type's own source most often writes it (`userId` in a job runner's events, not the
 * corpus's `actor.userId` of the app's), or as the corpus does when no type of the source carries it.
 */
function pathInSource(source: string, field: string, inference: Inference): string {
  const paths = new Map<string, number>();
  for (const type of inference.types)
    if (type.source === source)
      for (const [path, count] of type.fields.get(field)?.paths ?? []) paths.set(path, (paths.get(path) ?? 0) + count);
  return dominant(paths) ?? inference.paths.get(field) ?? "";
}

/** The object a missing field sits in, in the type's source, when the type lacks that whole object: its top-level name. */
function absentObjectOf(type: TypeView, invariant: Invariant, inference: Inference): string | undefined {
  const path = pathInSource(type.source, invariant.field, inference);
  const at = path.indexOf(pathSeparator);
  if (at === -1) return undefined;
  const top = path.slice(0, at);
  for (const field of type.fields.values())
    for (const own of field.paths.keys()) if (own === top || own.startsWith(top + pathSeparator)) return undefined;
  return top;
}

/**
 * The fields a type lacks that are not boundaries, as one finding: one entry per absent object (`repository`, not
 * its eight fields) or field. A single missing field reads as it always did.
 */
function lackingFinding(type: TypeView, missing: readonly Invariant[], inference: Inference): Finding | undefined {
  const first = missing[0];
  if (first === undefined) return undefined;
  const groups = new Map<string, Invariant[]>();
  for (const invariant of missing)
    getOrInsert(groups, absentObjectOf(type, invariant, inference) ?? invariant.name, () => []).push(invariant);
  const strongest = missing.reduce((best, invariant) => (invariant.share > best.share ? invariant : best), first);
  const single = missing.length === 1 ? first : undefined;
  const parts = [...groups].map(([name, members]) =>
    members.length === 1 && members[0]?.name === name ? name : `${name} (${members.length} fields)`,
  );
  const list = parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}`;
  const carried =
    single === undefined
      ? `, carried by up to ${strongest.carriers} of ${scopeText(strongest)} (${percent(strongest.share)})`
      : `, carried by ${single.carriers} of ${scopeText(single)} (${percent(single.share)})`;
  return finding(type, {
    kind: "missing-field",
    risk: "medium",
    fieldId: single?.field ?? [...groups.keys()].join("+"),
    field: single?.name ?? [...groups.keys()][0] ?? first.name,
    support: strongest,
    rate: 0,
    message: `${type.type} lacks ${list}${carried}`,
  });
}

function fieldFindings(
  type: TypeView,
  inference: Inference,
  sources: SourceFields,
  options: InferenceOptions,
): Finding[] {
  const findings: Finding[] = [];
  const missing: Invariant[] = [];
  const intermittent = new Map<string, { rate: number; members: Invariant[] }>();
  for (const invariant of invariantsFor(type, inference, sources, options)) {
    const rate = type.fields.get(invariant.field)?.rate ?? 0;
    const base = { fieldId: invariant.field, field: invariant.name, support: invariant, rate };
    if (rate === 0 && invariant.boundary === undefined) missing.push(invariant);
    else if (rate === 0) {
      const own = sources.get(type.source);
      const outside = isOutside(own, options);
      // Fields under an object --max-depth cut were not read: the boundary may be there, when its own source shows
      // it nowhere within reach (a source that carries it above the cut in other types writes it there).
      const cut = type.cut.length > 0 && own?.fields.has(invariant.field) !== true;
      findings.push(
        finding(type, {
          ...base,
          kind: "missing-field",
          risk: outside || cut ? "medium" : "high",
          message: `${type.type} lacks ${invariant.name}, carried by ${invariant.carriers} of ${scopeText(invariant)} (${percent(invariant.share)})${boundaryNote(invariant)}${outside ? outsideNote(type.source) : ""}${cut ? cutNote(type) : ""}`,
        }),
      );
    } else if (invariant.typicalRate >= options.steadyRate && rate < options.steadyRate) {
      if (invariant.boundary === undefined) {
        gatherIntermittent(type, invariant, inference, intermittent);
        continue;
      }
      const name = nameIn(type, invariant.field, inference);
      findings.push(
        finding(type, {
          ...base,
          field: name,
          kind: "intermittent-field",
          risk: invariant.boundary !== undefined && 1 - rate > intermittentHighGap ? "high" : "medium",
          message: `${type.type} carries ${name} in only ${percent(rate)} of its ${type.count} events, where related types carry it in ${percent(invariant.typicalRate)}${boundaryNote(invariant)}`,
        }),
      );
    }
  }
  const partly = [...intermittent].map(([object, { rate, members }]) => {
    const first = members[0] as Invariant;
    const name = members.length === 1 ? nameIn(type, first.field, inference) : object;
    const carries = `carries ${members.length === 1 ? name : `${object} (${members.length} fields)`} in only ${percent(rate)} of its ${type.count} events`;
    const related =
      members.length === 1
        ? `where related types carry it in ${percent(first.typicalRate)}`
        : "where related types carry them in every event";
    return {
      carries,
      found: {
        fieldId: members.length === 1 ? first.field : `${object}.*`,
        field: name,
        support: first,
        rate,
        related,
      },
    };
  });
  const lacking = lackingFinding(type, missing, inference);
  // A type that lacks fields its related types carry, and carries others only sometimes, departs from one pattern:
  // one finding (the lacking one, whose fingerprint stays) that says both, not one per field group.
  if (lacking !== undefined)
    return [
      ...findings,
      partly.length === 0
        ? lacking
        : { ...lacking, message: `${lacking.message}, and ${partly.map((part) => part.carries).join(" and ")}` },
    ];
  for (const { carries, found } of partly) {
    const { related, ...rest } = found;
    findings.push(
      finding(type, {
        ...rest,
        kind: "intermittent-field",
        risk: "medium",
        message: `${type.type} ${carries}, ${related}`,
      }),
    );
  }
  return findings;
}

/**
 * Gathers a non-boundary field a type carries only sometimes under its top-level object (`repository` for
 * `repository.owner.id`), so that an object sent in some events is one finding, not one per field.
 */
function gatherIntermittent(
  type: TypeView,
  invariant: Invariant,
  inference: Inference,
  intermittent: Map<string, { rate: number; members: Invariant[] }>,
): void {
  const path = inference.paths.get(invariant.field) ?? invariant.name;
  const at = path.indexOf(pathSeparator);
  const object = at === -1 ? invariant.name : path.slice(0, at);
  const rate = type.fields.get(invariant.field)?.rate ?? 0;
  const entry = getOrInsert(intermittent, object, () => ({ rate, members: [] }));
  entry.members.push(invariant);
  entry.rate = Math.min(entry.rate, rate);
}

function keyFindings(type: TypeView, inference: Inference): Finding[] {
  const findings: Finding[] = [];
  const lacking = new Set<string>();
  for (const majority of inference.labels) {
    if (majority.scope !== corpusScope && majority.scope !== type.source) continue;
    const key = type.keys.get(majority.key);
    const rate = key?.labelRates.get(majority.label) ?? 0;
    if (key === undefined || rate >= 0.5 || lacking.has(`${majority.key}#${majority.label}`)) continue;
    lacking.add(`${majority.key}#${majority.label}`);
    const shape = dominant(key.shapes) ?? "";
    const holds =
      majority.boundary === undefined
        ? ""
        : ` (${majority.label}# holds ${inference.names.get(majority.boundary.field) ?? majority.boundary.field}, an isolation boundary)`;
    findings.push(
      finding(type, {
        kind: "key-missing-label",
        risk: majority.boundary === undefined ? "medium" : "high",
        fieldId: majority.key,
        field: majority.keyName,
        label: majority.label,
        support: majority,
        rate,
        message: `${type.type} ${majority.keyName} keys (${shape}) lack the ${majority.label}# segment that ${majority.carriers} of ${scopeText(majority)} with ${majority.keyName} keys have${holds}`,
      }),
    );
  }
  for (const key of type.keys.values()) {
    for (const [label, links] of key.links) {
      for (const [fieldId, link] of links) {
        if (link.differ === 0 || inference.boundaries.get(fieldId)?.label !== label) continue;
        const name = nameIn(type, fieldId, inference);
        const keyName = nameIn(type, key.id, inference);
        const sample = link.samples[0];
        const example =
          sample === undefined
            ? ""
            : ` (line ${sample.line}: ${name} is "${sample.value}", the key says ${label}#${sample.segment})`;
        findings.push(
          finding(type, {
            kind: "key-mismatch",
            risk: "critical",
            fieldId,
            field: name,
            label,
            samples: link.samples,
            ...(sample === undefined ? {} : { location: { file: sample.file, line: sample.line } }),
            message: `${type.type} ${keyName} ${label}# segment disagrees with the event's own ${name} in ${link.differ} of ${type.count} events${example}`,
          }),
        );
      }
    }
  }
  return findings;
}

/** Within each source, types that spell a shared field differently from most of that source's types. */
function driftFindings(inference: Inference): Finding[] {
  const findings: Finding[] = [];
  for (const [source, members] of typesBySource(inference.types)) {
    const fieldIds = new Set(members.flatMap((type) => [...type.fields.keys()]));
    for (const fieldId of fieldIds) {
      const spellers = new Map<string, number>();
      for (const type of members) {
        const name = dominant(type.fields.get(fieldId)?.names ?? new Map());
        if (name !== undefined) spellers.set(name, (spellers.get(name) ?? 0) + 1);
      }
      const majority = dominant(spellers);
      const majorityTypes = majority === undefined ? 0 : (spellers.get(majority) ?? 0);
      const carriers = [...spellers.values()].reduce((sum, count) => sum + count, 0);
      if (majority === undefined || majorityTypes < 2 || majorityTypes * 2 <= carriers) continue;
      for (const type of members) {
        const names = type.fields.get(fieldId)?.names;
        if (names === undefined) continue;
        const total = [...names.values()].reduce((sum, count) => sum + count, 0);
        for (const [name, count] of names) {
          if (name === majority) continue;
          findings.push(
            finding(type, {
              kind: "naming-drift",
              risk: "low",
              fieldId,
              field: name,
              rate: count / total,
              message: `${type.type} writes ${name} (${percent(count / total)} of its uses) where ${majorityTypes} of ${carriers} ${source || "(no source)"} event types write ${majority}`,
            }),
          );
        }
      }
    }
  }
  return findings;
}

/**
 * A finding about a boundary the type declared it goes without (a tenant-level type lacking the capsule field), or
 * about a key label of a level it goes without (`CAPSULE`).
 */
function isOptedOut(
  item: Finding,
  optOuts: ReadonlySet<string>,
  labels: ReadonlySet<string> | undefined,
  inference: Inference,
): boolean {
  if (item.kind === "key-missing-label")
    return (
      (item.label !== undefined && labels?.has(item.label) === true) ||
      [...inference.boundaries.values()].some(
        (boundary) => boundary.label === item.label && optOuts.has(boundary.field),
      )
    );
  return optOuts.has(item.fieldId);
}

/** CRITICAL: a field the type's own definition declares as its isolation field, absent from all its events. */
function declaredFindings(type: TypeView, inference: Inference): Finding[] {
  const findings: Finding[] = [];
  for (const fieldId of declaredFor(inference.required, type.type, type.source) ?? []) {
    if ((type.fields.get(fieldId)?.rate ?? 0) > 0) continue;
    const name = inference.names.get(fieldId) ?? fieldId;
    findings.push(
      finding(type, {
        kind: "missing-field",
        risk: "critical",
        fieldId,
        field: name,
        rate: 0,
        message: `${type.type} lacks ${name}, which its definition declares as its isolation field: its events are not what the code says`,
      }),
    );
  }
  return findings;
}

/** Orders findings worst first, then by source, event type, kind and field. */
function compareFindings(left: Finding, right: Finding): number {
  return (
    riskRank(left.risk) - riskRank(right.risk) ||
    left.source.localeCompare(right.source) ||
    left.eventType.localeCompare(right.eventType) ||
    findingKinds.indexOf(left.kind) - findingKinds.indexOf(right.kind) ||
    left.field.localeCompare(right.field)
  );
}

/**
 * Every deviation from the inferred pattern (the table in docs/audit.md): a missing invariant field (HIGH when it is an isolation
 * boundary, else MEDIUM), one carried only intermittently (MEDIUM, HIGH for a boundary missing from more
 * than 10% of events), a key lacking a majority label (HIGH when the label holds a boundary), a key
 * segment that disagrees with the event's own boundary field (CRITICAL), naming drift (LOW).
 */
export function findFindings(inference: Inference, options: InferenceOptions): Finding[] {
  const sources = sourceFieldsOf(inference);
  const findings = inference.types.flatMap((type) => {
    const optOuts = declaredFor(inference.optOuts, type.type, type.source);
    const labels = declaredFor(inference.optOutLabels, type.type, type.source);
    const required = declaredFindings(type, inference);
    const owed = new Set(required.map((item) => item.fieldId));
    const inferred = [...fieldFindings(type, inference, sources, options), ...keyFindings(type, inference)].filter(
      (item) =>
        !(item.kind === "missing-field" && owed.has(item.fieldId)) &&
        !(optOuts !== undefined && isOptedOut(item, optOuts, labels, inference)),
    );
    return [...required, ...inferred];
  });
  return [...findings, ...driftFindings(inference)].sort(compareFindings);
}
