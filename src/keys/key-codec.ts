/**
 * Building and parsing keys from a checked template ({@link compileKeyCodec}); the types of what it builds
 * and reads are `KeyType` and `KeyInput` in key-template.ts. Values are never escaped or case-folded: a value that could change
 * the key's structure is refused with {@link KeyValueError}, so `parse(build(values))` returns `values`
 * and two different inputs never share a key.
 */
import { describeValue } from "../internal/describe.js";
import { readPath } from "../internal/read-path.js";
import { z } from "zod";
import { KeyValueError } from "../errors.js";
import { keyTooLongMessage, keyValueMessage } from "../messages.js";
import type { ParsedTemplate } from "./key-template.js";

/** A compiled template: builds keys from values and parses keys back into values. */
export interface KeyCodec {
  readonly template: ParsedTemplate;
  /** The definition property it was declared as (`pk`, `indexes.gsi1.sk`, …): what its errors name. */
  readonly property: string;
  /** A partition key (pk or an index pk), which must lie under the isolation prefix. */
  readonly partition: boolean;
  /** Builds the key; throws {@link KeyValueError} for a value that cannot be a key part. */
  build(values: unknown): string;
  /** Parses a key back into the values it was built from (nested paths nested); throws {@link KeyValueError}. */
  parse(key: string): Record<string, unknown>;
  /** The zod check of a key's shape, built from the same parse (`z.templateLiteral`). */
  readonly schema: z.ZodType<string>;
}

/** One `#`-segment: literal text, or a placeholder between a literal prefix and suffix. */
type Segment =
  | { readonly literal: string }
  | {
      readonly prefix: string;
      readonly path: readonly string[];
      readonly kind: "string" | "number";
      readonly suffix: string;
    };

/** Compiles a template checked against the schema by `parseKeyTemplate`. */
export function compileKeyCodec(template: ParsedTemplate, property: string, partition: boolean): KeyCodec {
  const { kinds } = template;
  const paths = template.paths.map((path) => path.split("."));
  const { literals } = template;
  const segments = toSegments(template);

  const limit = keyByteLimit(partition);
  const build = (values: unknown): string => {
    let key = literals[0]!;
    for (let index = 0; index < paths.length; index++) {
      key +=
        checkKeyValue(readPath(values, paths[index]!), kinds[index]!, property, template.paths[index]!) +
        literals[index + 1]!;
    }
    // A key over DynamoDB's limit (a get's, a query's partition) was its ValidationException: refused first.
    return key.length > limit / 3 ? checkKeySize(property, limit, key) : key;
  };

  const parse = (key: string): Record<string, unknown> => {
    const parts = key.split("#");
    if (parts.length !== segments.length) throw mismatch(property, key, template.template);
    const values: Record<string, unknown> = {};
    segments.forEach((segment, index) => {
      const part = parts[index]!;
      if ("literal" in segment) {
        if (part !== segment.literal) throw mismatch(property, key, template.template);
        return;
      }
      const inner = part.slice(segment.prefix.length, part.length - segment.suffix.length);
      const framed =
        part.length >= segment.prefix.length + segment.suffix.length &&
        part.startsWith(segment.prefix) &&
        part.endsWith(segment.suffix);
      if (!framed || inner === "") throw mismatch(property, key, template.template);
      const value = segment.kind === "number" ? Number(inner) : inner;
      // Refuse non-canonical numbers ("01", "1e0"): they would parse to a value that builds another key.
      if (segment.kind === "number" && String(value) !== inner) throw mismatch(property, key, template.template);
      // Parse only what build accepts ("NaN", "Infinity", lone surrogates): parse(key) must build key again.
      checkKeyValue(value, segment.kind, property, segment.path.join("."));
      write(values, segment.path, value);
    });
    return values;
  };

  const schemaParts: z.core.$ZodTemplateLiteralPart[] = [];
  literals.forEach((literal, index) => {
    if (literal !== "") schemaParts.push(literal);
    const kind = kinds[index];
    if (kind !== undefined) schemaParts.push(kind === "number" ? z.number() : z.string());
  });
  return { template, property, partition, build, parse, schema: z.templateLiteral(schemaParts) };
}

/** Cuts the template at each "#"; parseKeyTemplate guarantees at most one placeholder per segment. */
function toSegments(template: ParsedTemplate): Segment[] {
  const kindOf = new Map(template.paths.map((path, index) => [path, template.kinds[index]!]));
  return template.template.split("#").map((segment): Segment => {
    const open = segment.indexOf("${");
    if (open === -1) return { literal: segment };
    const close = segment.indexOf("}", open);
    const path = segment.slice(open + 2, close);
    return {
      prefix: segment.slice(0, open),
      path: path.split("."),
      kind: kindOf.get(path)!,
      suffix: segment.slice(close + 1),
    };
  });
}

function write(values: Record<string, unknown>, path: readonly string[], value: unknown): void {
  const [head, child] = path as [string, string?];
  if (child === undefined) values[head] = value;
  else ((values[head] ??= {}) as Record<string, unknown>)[child] = value;
}

/**
 * DynamoDB's limit on a key's size: 2,048 UTF-8 bytes for a partition key, 1,024 for a sort key.
 *
 * @example
 * keyByteLimit(true); //=> 2048
 */
export const keyByteLimit = (partition: boolean): number => (partition ? 2048 : 1024);

/**
 * `built` when it is at most `limit` UTF-8 bytes, else `[key.tooLong]` naming `property`. Callers test first that
 * it is longer than a third of the limit in UTF-16 units: below that no string can be over (a UTF-16 unit is at
 * most 3 UTF-8 bytes), so the common key costs one length test.
 */
export function checkKeySize(property: string, limit: number, built: string): string {
  const bytes = Buffer.byteLength(built, "utf8");
  if (bytes > limit) throw new KeyValueError(keyTooLongMessage(property, bytes, limit, describeValue(built)));
  return built;
}

/** A value as a key part, or {@link KeyValueError} naming the property and path. */
export function checkKeyValue(value: unknown, kind: "string" | "number", property: string, path: string): string {
  if (kind === "number") {
    if (typeof value !== "number") throw invalid(property, path, "is not a number", value);
    if (!Number.isFinite(value)) throw invalid(property, path, "is not a finite number", value);
    return String(Object.is(value, -0) ? 0 : value);
  }
  if (typeof value !== "string") throw invalid(property, path, "is not a string", value);
  if (value === "") throw invalid(property, path, "is empty", value);
  if (value.includes("#")) throw invalid(property, path, 'contains "#"', value);
  if (!value.isWellFormed()) throw invalid(property, path, "is not well-formed Unicode (lone surrogate)", value);
  return value;
}

function invalid(property: string, path: string, problem: string, value: unknown): KeyValueError {
  return new KeyValueError(keyValueMessage(property, path, problem, describeValue(value)));
}

function mismatch(property: string, key: string, template: string): KeyValueError {
  return new KeyValueError(
    keyValueMessage(property, "the key", `does not match the template ${JSON.stringify(template)}`, describeValue(key)),
  );
}
