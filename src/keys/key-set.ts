/**
 * An entity's keys compiled together, for `keys()`, `toItem()` and `fromItem()`: each field the templates name
 * is read and checked once per call (not once per template naming it), then every key is assembled from the
 * checked parts, or a stored key is compared with them.
 *
 * The hot functions are generated once per entity with `new Function`, so that each property access has one
 * name at its site (V8 then reads it inline rather than through a generic lookup). The generated source is
 * built from fixed text and integers only: names, literals and paths from the definition are passed in as an
 * array and read as `C[n]`, never written into the code. Where code generation is off (zod's `jitless`
 * setting) or refused (a content security policy), the same steps run interpreted.
 */
import { z } from "zod";
import { checkKeySize, checkKeyValue, keyByteLimit, type KeyCodec } from "./key-codec.js";
import { readPath } from "../internal/read-path.js";

/** A field some template names, checked as its first placeholder in template order would check it. */
interface Field {
  readonly path: readonly string[];
  readonly kind: "string" | "number";
  /** The first template naming it, and the dotted path: what an error names. */
  readonly property: string;
  readonly dotted: string;
}

/** One key attribute: `literals[0] + parts[slots[0]] + literals[1] + …`, at most `limit` UTF-8 bytes. */
interface Key {
  readonly attribute: string;
  readonly property: string;
  readonly literals: readonly string[];
  readonly slots: readonly number[];
  readonly limit: number;
}

/** The compiled keys of an entity. */
export interface KeySet {
  /**
   * Reads and checks the fields of `values`, then returns every key (in template order). A bad value throws
   * `KeyValueError` with the message building the keys template after template would give: a field's first
   * use is the earliest check its value can fail.
   */
  keys(values: unknown): Record<string, string>;
  /** Like `keys`, but writes the keys into `values` itself and returns it (for `toItem`'s parsed copy). */
  complete(values: Record<string, unknown>): Record<string, unknown>;
  /**
   * Reads and checks the fields of `values` like `keys`, then copies each key attribute of `stored` into
   * `values` if it equals the key built from them (each read once: what is copied is what was compared).
   * Returns the first attribute that does not, else `undefined`.
   */
  copyVerified(values: Record<string, unknown>, stored: Readonly<Record<string, unknown>>): string | undefined;
  /** The key of `attribute` built from `values` (for a mismatch message). */
  build(attribute: string, values: unknown): string;
}

/** Compiles the codecs of an entity (attribute → codec, in template order). */
export function compileKeySet(codecs: Readonly<Record<string, KeyCodec>>): KeySet {
  const fields: Field[] = [];
  const slotOf = new Map<string, number>();
  const keys: Key[] = Object.entries(codecs).map(([attribute, codec]) => {
    const { paths, kinds, literals } = codec.template;
    const slots = paths.map((dotted, index) => {
      let slot = slotOf.get(dotted);
      if (slot === undefined) {
        slot = fields.push({ path: dotted.split("."), kind: kinds[index]!, property: codec.property, dotted }) - 1;
        slotOf.set(dotted, slot);
      }
      return slot;
    });
    return { attribute, property: codec.property, literals, slots, limit: keyByteLimit(codec.partition) };
  });
  const interpreted = interpretKeySet(fields, keys);
  const generated = z.config().jitless === true ? undefined : generateKeySet(fields, keys);
  return generated === undefined ? interpreted : { ...generated, build: interpreted.build };
}

export { keyByteLimit };
/** Refuses a built key over its limit ({@link checkKeySize}; called only for keys longer than a third of it). */
const checkSize = (key: Key, built: string): string => checkKeySize(key.property, key.limit, built);

/** The refusal of a bad value (or the key part of a number): the one check, and its messages. */
const checkField = (field: Field, value: unknown): string =>
  checkKeyValue(value, field.kind, field.property, field.dotted);

/** The steps, interpreted: the fallback where code generation is off. */
function interpretKeySet(fields: readonly Field[], keys: readonly Key[]): KeySet {
  const read = (values: unknown): string[] => {
    const parts: string[] = [];
    for (const field of fields) parts.push(checkField(field, readPath(values, field.path)));
    return parts;
  };
  const buildKey = (key: Key, parts: readonly string[]): string => {
    let built = key.literals[0]!;
    key.slots.forEach((slot, index) => (built += parts[slot]! + key.literals[index + 1]!));
    return built.length > key.limit / 3 ? checkSize(key, built) : built;
  };
  const write = (values: unknown, target: Record<string, unknown>): Record<string, unknown> => {
    const parts = read(values);
    for (const key of keys) target[key.attribute] = buildKey(key, parts);
    return target;
  };
  return {
    keys: (values) => write(values, {}) as Record<string, string>,
    complete: (values) => write(values, values),
    copyVerified(values, stored) {
      const parts = read(values);
      for (const key of keys) {
        const value = stored[key.attribute];
        if (value !== buildKey(key, parts)) return key.attribute;
        values[key.attribute] = value;
      }
      return undefined;
    },
    build(attribute, values) {
      return buildKey(
        keys.find((key) => key.attribute === attribute)!,
        read(values),
      );
    },
  };
}

type Generated = Omit<KeySet, "build">;

/**
 * The steps as generated code, or `undefined` when `new Function` is refused. The source holds fixed text
 * and integers only; every definition-derived string is an element of `C`.
 */
function generateKeySet(fields: readonly Field[], keys: readonly Key[]): Generated | undefined {
  const constants: unknown[] = [];
  const constant = (value: unknown): string => `C[${constants.push(value) - 1}]`;

  // Each field read and checked into `p<slot>`; the common case inline, anything else through `check`.
  const read = fields
    .map((field, slot) => {
      // `readPath`, unrolled: the value at the path of nested own properties, else undefined.
      const steps = field.path.map((name) => {
        const key = constant(name);
        return `v = typeof v === "object" && v !== null && hasOwn(v, ${key}) ? v[${key}] : undefined;`;
      });
      const valid =
        field.kind === "string"
          ? `typeof v === "string" && v !== "" && !v.includes("#") && v.isWellFormed() ? v`
          : `typeof v === "number" && Number.isFinite(v) ? "" + v`;
      return `v = values; ${steps.join(" ")} const p${slot} = ${valid} : check(${constant(field)}, v);`;
    })
    .join("\n");
  // A key as a concatenation of its literals and parts, empty literals left out.
  const expression = (key: Key): string => {
    const terms = key.literals[0] === "" ? [] : [constant(key.literals[0])];
    key.slots.forEach((slot, index) => {
      terms.push(`p${slot}`);
      if (key.literals[index + 1] !== "") terms.push(constant(key.literals[index + 1]));
    });
    return terms.length === 0 ? constant("") : terms.join(" + ");
  };
  const write = (target: string): string =>
    keys
      .map((key) => {
        const attribute = constant(key.attribute);
        const size = `if (${target}[${attribute}].length > ${Math.floor(key.limit / 3)}) size(${constant(key)}, ${target}[${attribute}]);`;
        return `${target}[${attribute}] = ${expression(key)}; ${size}`;
      })
      .join("\n");
  const verify = keys
    .map((key) => {
      const attribute = constant(key.attribute);
      return `s = stored[${attribute}]; if (s !== ${expression(key)}) return ${attribute}; values[${attribute}] = s;`;
    })
    .join("\n");

  // Three functions, not one shared: each then sees one kind of input (any object, or this schema's output).
  const source = `"use strict";
return {
  keys(values) {
    let v;
    ${read}
    const target = {};
    ${write("target")}
    return target;
  },
  complete(values) {
    let v;
    ${read}
    ${write("values")}
    return values;
  },
  copyVerified(values, stored) {
    let v, s;
    ${read}
    ${verify}
    return undefined;
  },
};`;
  try {
    const factory = new Function("C", "hasOwn", "check", "size", source) as (
      constants: readonly unknown[],
      hasOwn: typeof Object.hasOwn,
      check: typeof checkField,
      size: typeof checkSize,
    ) => Generated;
    return factory(constants, Object.hasOwn, checkField, checkSize);
  } catch {
    return undefined; // code generation refused (EvalError): run interpreted
  }
}
