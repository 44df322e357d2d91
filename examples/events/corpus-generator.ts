/**
 * A deterministic generator of event corpora for the audit: services emitting events about entities,
 * each entity isolated by two nested boundary ids (or, for planted violators, only the outer one), with
 * realistic noise. Seeded: the same spec always yields the same lines, byte for byte.
 */

/** How a service spells its field names. */
export type NamingStyle = "snake" | "camel" | "pascal";

/** One entity whose changes a service emits as events (`<name><verb>`). */
export interface EntitySpec {
  readonly name: string;
  readonly verbs: readonly string[];
  /** The key label of the entity's own segment (`ROLE`). */
  readonly label: string;
  /** The entity id field, as words (`["assignment", "id"]`). */
  readonly idWords: readonly string[];
  /** Relative share of the corpus. */
  readonly weight: number;
  /** False for a planted violator: no inner boundary field, no inner key segment. */
  readonly isolated: boolean;
  /** Nest both boundary fields inside an object field of this name (one level down). */
  readonly nestIn?: string;
  /** Spell the inner boundary field this way instead of the service's style. */
  readonly innerSpelling?: string;
  /** Share of events that omit the inner boundary field. */
  readonly innerMissingRate?: number;
  /** Share of events whose key carries another outer id than the event's own. */
  readonly mismatchRate?: number;
  /** Extra payload fields, as words → value kind. */
  readonly extra?: Readonly<Record<string, "word" | "number" | "flag" | "nested">>;
}

/** A service: its event source and whether it emits EventBridge envelopes or flat events. */
export interface ServiceSpec {
  readonly source: string;
  readonly format: "eventbridge" | "flat";
  readonly naming: NamingStyle;
  readonly entities: readonly EntitySpec[];
}

/** A whole corpus. */
export interface CorpusSpec {
  readonly seed: number;
  /** Valid events, not counting broken lines. */
  readonly events: number;
  /** The outer and inner boundary words (`tenant`, `capsule`); labels are their upper case. */
  readonly outer: string;
  readonly inner: string;
  readonly services: readonly ServiceSpec[];
  /** Lines that are not events, inserted at deterministic places. */
  readonly brokenLines?: readonly string[];
  /** Every this many lines, end one with CRLF instead of LF. */
  readonly crlfEvery?: number;
  /** The fewest events of each event type. */
  readonly minPerType?: number;
}

/** mulberry32: small, fast, seeded. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

/** Joins words in a naming style: `["capsule", "id"]` → `capsule_id` / `capsuleId` / `CapsuleID`. */
export function spell(words: readonly string[], style: NamingStyle): string {
  if (style === "snake") return words.join("_");
  const capitalized = words.map((word) => (word === "id" ? "ID" : word[0]?.toUpperCase() + word.slice(1)));
  if (style === "pascal") return capitalized.join("");
  return words[0] + capitalized.slice(1).join("").replace(/ID$/, "Id");
}

const WORDS = [
  "alpha",
  "bravo",
  "cobalt",
  "delta",
  "ember",
  "fjord",
  "granite",
  "harbor",
  "iris",
  "juniper",
  "kestrel",
  "lumen",
];

interface Scope {
  readonly outer: string;
  readonly inner: string;
}

class EventFactory {
  private readonly random: () => number;
  private readonly scopes: Scope[] = [];
  private sequence = 0;

  constructor(private readonly spec: CorpusSpec) {
    this.random = seededRandom(spec.seed);
    for (let outer = 0; outer < 6; outer++) {
      const outerId = `${spec.outer.slice(0, 1)}-${this.hex(6)}`;
      for (let inner = 0; inner < 3; inner++)
        this.scopes.push({ outer: outerId, inner: `${spec.inner.slice(0, 3)}-${this.hex(8)}` });
    }
  }

  private hex(length: number): string {
    let text = "";
    for (let index = 0; index < length; index++) text += Math.floor(this.random() * 16).toString(16);
    return text;
  }

  private pick<TItem>(items: readonly TItem[]): TItem {
    return items[Math.floor(this.random() * items.length)] as TItem;
  }

  private chance(rate: number | undefined): boolean {
    return rate !== undefined && this.random() < rate;
  }

  private time(): string {
    this.sequence += 1;
    return new Date(Date.UTC(2026, 10, 28) + this.sequence * 61_000).toISOString();
  }

  private extraValue(kind: "word" | "number" | "flag" | "nested", style: NamingStyle): unknown {
    if (kind === "word") return this.pick(WORDS);
    if (kind === "number") return Math.floor(this.random() * 1000);
    if (kind === "flag") return this.random() < 0.5;
    return { [spell(["label"], style)]: this.pick(WORDS), [spell(["rank"], style)]: Math.floor(this.random() * 10) };
  }

  event(service: ServiceSpec, entity: EntitySpec, verb: string): Record<string, unknown> {
    const style = service.naming;
    const scope = this.pick(this.scopes);
    const id = `${entity.label.toLowerCase().slice(0, 4)}-${this.hex(10)}`;
    const outerLabel = this.spec.outer.toUpperCase();
    const innerLabel = this.spec.inner.toUpperCase();
    const keyOuter = this.chance(entity.mismatchRate)
      ? this.pick(this.scopes.filter((other) => other.outer !== scope.outer)).outer
      : scope.outer;
    const pk = entity.isolated
      ? `${outerLabel}#${keyOuter}#${innerLabel}#${scope.inner}#${entity.label}#${id}`
      : `${outerLabel}#${keyOuter}#${entity.label}#${id}`;
    const boundary: Record<string, unknown> = { [spell([this.spec.outer, "id"], style)]: scope.outer };
    if (entity.isolated && !this.chance(entity.innerMissingRate))
      boundary[entity.innerSpelling ?? spell([this.spec.inner, "id"], style)] = scope.inner;
    const payload: Record<string, unknown> =
      entity.nestIn === undefined ? { ...boundary } : { [entity.nestIn]: boundary };
    payload[spell(entity.idWords, style)] = id;
    payload["pk"] = pk;
    payload["sk"] = verb === "Deleted" ? "TOMBSTONE" : "METADATA";
    for (const [name, kind] of Object.entries(entity.extra ?? {})) {
      if (this.random() < 0.85) payload[spell(name.split(" "), style)] = this.extraValue(kind, style);
    }
    payload[spell(["occurred", "at"], style)] = this.time();
    if (this.random() < 0.7)
      payload[spell(["metadata"], style)] = {
        [spell(["correlation", "id"], style)]: this.hex(16),
        [spell(["actor"], style)]: `user-${this.hex(4)}`,
      };
    const type = `${entity.name}${verb}`;
    if (service.format === "flat")
      return { [spell(["event", "type"], style)]: type, source: service.source, ...payload };
    return {
      version: "0",
      id: `${this.hex(8)}-${this.hex(4)}-${this.hex(4)}-${this.hex(4)}-${this.hex(12)}`,
      "detail-type": type,
      source: service.source,
      account: "123456789012",
      time: payload[spell(["occurred", "at"], style)],
      region: "eu-west-1",
      resources: [],
      detail: payload,
    };
  }

  /** Picks the next event type by weight. */
  weighted(choices: readonly { readonly weight: number }[]): number {
    const total = choices.reduce((sum, choice) => sum + choice.weight, 0);
    let roll = this.random() * total;
    for (let index = 0; index < choices.length; index++) {
      roll -= (choices[index] as { weight: number }).weight;
      if (roll < 0) return index;
    }
    return choices.length - 1;
  }

  shuffle<TItem>(items: TItem[]): TItem[] {
    for (let index = items.length - 1; index > 0; index--) {
      const other = Math.floor(this.random() * (index + 1));
      [items[index], items[other]] = [items[other] as TItem, items[index] as TItem];
    }
    return items;
  }
}

interface EventType {
  readonly service: ServiceSpec;
  readonly entity: EntitySpec;
  readonly verb: string;
  readonly weight: number;
}

/**
 * Yields the corpus lines (without line ends; a CRLF line ends in `\r`): every event type at least
 * `minPerType` times, the rest drawn by weight, shuffled, with the broken lines spread through.
 * A generator, so a gigabyte corpus can be written without holding it.
 */
export function* corpusLines(spec: CorpusSpec): Generator<string> {
  const factory = new EventFactory(spec);
  const types: EventType[] = spec.services.flatMap((service) =>
    service.entities.flatMap((entity) =>
      entity.verbs.map((verb) => ({ service, entity, verb, weight: entity.weight / entity.verbs.length })),
    ),
  );
  const minimum = spec.minPerType ?? 8;
  const guaranteed = factory.shuffle(types.flatMap((type) => Array.from({ length: minimum }, () => type)));
  const broken = spec.brokenLines ?? [];
  const brokenEvery = Math.max(1, Math.floor(spec.events / (broken.length + 1)));
  let brokenIndex = 0;
  for (let index = 0; index < spec.events; index++) {
    const type = guaranteed[index] ?? (types[factory.weighted(types)] as EventType);
    const line = JSON.stringify(factory.event(type.service, type.entity, type.verb));
    yield spec.crlfEvery !== undefined && index % spec.crlfEvery === spec.crlfEvery - 1 ? `${line}\r` : line;
    if ((index + 1) % brokenEvery === 0 && brokenIndex < broken.length) yield broken[brokenIndex++] as string;
  }
}

/** The whole corpus as NDJSON text. */
export function corpusText(spec: CorpusSpec): string {
  let text = "";
  for (const line of corpusLines(spec)) text += `${line}\n`;
  return text;
}
