/**
 * Key shapes: takes `LABEL#value#…` key-shaped values apart into their shape and labelled segments.
 */
import { type ByteTape, codesMix } from "./byte-tape.js";
/** One `LABEL#value` pair of a key-shaped value. */
export interface KeySegment {
  readonly label: string;
  readonly value: string;
}

/** A key-shaped value taken apart: its shape (`TENANT#{}#CAPSULE#{}#ROLE#{}`) and its labelled segments. */
export interface KeyShape {
  readonly shape: string;
  readonly segments: readonly KeySegment[];
}

/** The placeholder that stands for a value in a shape. */
export const shapeValue = "{}";

const maxKeyLength = 1024;
/** Parts of a key of `maxKeyLength` characters at most: each part is one character or more, and a `#` after it. */
const maxKeyParts = (maxKeyLength >> 1) + 1;
const maxLabelLength = 32;

/** True when `text[from, to)` is a label: an upper-case word (`TENANT`, `GSI1`, `FED_COMP`). */
function isLabelRange(text: string, from: number, to: number): boolean {
  const length = to - from;
  if (length === 0 || length > maxLabelLength) return false;
  const first = text.charCodeAt(from);
  if (first < 65 || first > 90) return false;
  for (let index = from + 1; index < to; index++) {
    const code = text.charCodeAt(index);
    // A-Z, 0-9, _
    if (!((code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95)) return false;
  }
  return true;
}

/** The index of the next `#` in `codes[from, to)`, or `to`: a loop the compiler inlines, where `indexOf` is a call. */
function nextSeparator(codes: Uint8Array | Uint16Array, from: number, to: number): number {
  for (let index = from; index < to; index++) if (codes[index] === 0x23) return index;
  return to;
}

/**
 * Whether a value can be key-shaped at all: it starts with a label's first letter and has a `#` after it.
 * Two cheap tests that turn away most values (ids, dates, words) before `KeyScratch.scan`.
 * @example mayBeKeyShaped("TENANT#t1") //=> true; mayBeKeyShaped("t-1f#x") //=> false
 */
export function mayBeKeyShaped(value: string): boolean {
  const first = value.charCodeAt(0);
  return first >= 65 && first <= 90 && value.indexOf("#") > 0;
}

/**
 * A label is an upper-case word (`TENANT`, `GSI1`, `FED_COMP`); anything else is a value.
 * @example isLabel("CAPSULE") //=> true
 */
export function isLabel(part: string): boolean {
  return isLabelRange(part, 0, part.length);
}

/**
 * A cheap 32-bit signature of `text[start, end)`: its length and three of its characters. Equal strings have equal
 * signatures, so a differing signature settles most comparisons with one integer test.
 * @example rangeMix("TENANT#t1", 7, 9) === rangeMix("t1", 0, 2) //=> true
 */
export function rangeMix(text: string, start: number, end: number): number {
  const last = end - start - 1;
  // Characters outside the range are not part of it: the mix of an empty range is its length's alone, and the third
  // character is left out of a one-character range.
  if (last < 0) return -1;
  const before = last > 0 ? text.charCodeAt(start + last - 1) : 0;
  return (text.charCodeAt(start + last) << 16) ^ (text.charCodeAt(start + (last >> 1)) << 8) ^ before ^ last;
}

/** A scratch's characters before its first scan. */
const noCodes = new Uint8Array(0);

/**
 * Where `KeyScratch.scan` puts what it read, reused from value to value so that the profiler allocates nothing per
 * key: the segments are kept as offsets into the value's characters, compared in place (`labelIs`, `valueIs`) and
 * made strings only on demand (`label`, `value`), for the few a profile keeps. The characters are a line's bytes in
 * place (`scanBytes`, the profiler's byte path: no string made for the value) or a string's character codes copied
 * (`scan`).
 */
export class KeyScratch {
  /** The characters of the value last scanned (the offsets below index them): a line's bytes, or `copied`. */
  private codes: Uint8Array | Uint16Array = noCodes;
  /** A scanned string's character codes (made on the first `scan`). */
  private copied: Uint16Array | undefined;
  // The offsets live in typed arrays of the most parts a key may have (`maxKeyParts`): arrays that grew as longer keys
  // came made the optimised scan fall back to the interpreter ("out of bounds") and compile again in every new thread.
  /** Labelled segments: the label `codes[labelStarts[i], labelEnds[i])` is followed by the value `codes[valueStarts[i], valueEnds[i])`. */
  private readonly labelStarts = new Int32Array(maxKeyParts);
  private readonly labelEnds = new Int32Array(maxKeyParts);
  private readonly valueStarts = new Int32Array(maxKeyParts);
  private readonly valueEnds = new Int32Array(maxKeyParts);
  segmentCount = 0;
  /** The shape, part by part: a label `codes[partStarts[i], partEnds[i])` (with a value when `valued` is 1), or an empty range for an unlabelled value. */
  private readonly partStarts = new Int32Array(maxKeyParts);
  private readonly partEnds = new Int32Array(maxKeyParts);
  private readonly valued = new Uint8Array(maxKeyParts);
  partCount = 0;
  /** A 32-bit FNV-1a-style hash of the shape (its labels, each part's kind), to count shapes without building their text. */
  hash = 0;

  /** The characters `[from, to)` as a string. */
  private text(from: number, to: number): string {
    return String.fromCharCode(...this.codes.subarray(from, to));
  }

  /** The label of segment `index`. */
  label(index: number): string {
    return this.text(this.labelStarts[index] as number, this.labelEnds[index] as number);
  }

  /** The value of segment `index`. */
  value(index: number): string {
    return this.text(this.valueStarts[index] as number, this.valueEnds[index] as number);
  }

  /** Whether segment `index`'s label is `label`, compared in place. */
  labelIs(index: number, label: string): boolean {
    return this.holds(label, this.labelStarts[index] as number, this.labelEnds[index] as number);
  }

  /** The `rangeMix` of segment `index`'s value. */
  valueMix(index: number): number {
    return codesMix(this.codes, this.valueStarts[index] as number, this.valueEnds[index] as number);
  }

  /** Whether segment `index`'s value is the string at the tape's `token`, compared in place. */
  valueIsOnTape(index: number, tape: ByteTape, token: number): boolean {
    const start = this.valueStarts[index] as number;
    const from = tape.starts[token] as number;
    const length = (this.valueEnds[index] as number) - start;
    if ((tape.ends[token] as number) - from !== length) return false;
    const codes = this.codes;
    for (let offset = 0; offset < length; offset++)
      if (codes[start + offset] !== tape.codeAt(from + offset)) return false;
    return true;
  }

  /** Whether segment `index`'s value is `value`, compared in place. */
  valueIs(index: number, value: string): boolean {
    return this.holds(value, this.valueStarts[index] as number, this.valueEnds[index] as number);
  }

  /** Whether `codes[start, end)` is `part`: a loop the compiler inlines, where `startsWith` is a call. */
  private holds(part: string, start: number, end: number): boolean {
    if (part.length !== end - start) return false;
    const codes = this.codes;
    for (let index = 0; index < part.length; index++) if (part.charCodeAt(index) !== codes[start + index]) return false;
    return true;
  }

  /** The shape text (`TENANT#{}#CAPSULE#{}`), built on demand. */
  shape(): string {
    let shape = "";
    for (let index = 0; index < this.partCount; index++) {
      const part = this.text(this.partStarts[index] as number, this.partEnds[index] as number);
      if (index > 0) shape += "#";
      shape += part === "" ? shapeValue : this.valued[index] === 1 ? `${part}#${shapeValue}` : part;
    }
    return shape;
  }

  /** Whether the shape text (see `shape`) is `shape`, compared in place without building it. */
  shapeIs(shape: string): boolean {
    let at = 0;
    for (let index = 0; index < this.partCount; index++) {
      if (index > 0 && shape.charCodeAt(at++) !== 0x23) return false;
      const start = this.partStarts[index] as number;
      const end = this.partEnds[index] as number;
      if (start !== end) {
        if (!this.holdsAt(shape, at, start, end)) return false;
        at += end - start;
        if (this.valued[index] !== 1) continue;
        if (shape.charCodeAt(at++) !== 0x23) return false;
      }
      if (!shape.startsWith(shapeValue, at)) return false;
      at += shapeValue.length;
    }
    return at === shape.length;
  }

  /** Whether `shape[at, at + end - start)` is `codes[start, end)`. */
  private holdsAt(shape: string, at: number, start: number, end: number): boolean {
    if (shape.length < at + end - start) return false;
    const codes = this.codes;
    for (let index = start; index < end; index++) if (codes[index] !== shape.charCodeAt(at++)) return false;
    return true;
  }

  /** Records the part `codes[start, end)` (a label, or an empty range for an unlabelled value). */
  private part(start: number, end: number, valued: boolean): void {
    this.partStarts[this.partCount] = start;
    this.partEnds[this.partCount] = end;
    this.valued[this.partCount] = valued ? 1 : 0;
    this.partCount += 1;
  }

  /** Reads the string `value` as `LABEL#value#LABEL#value...` into this scratch; false when it is not key-shaped. */
  scan(value: string): boolean {
    if (value.length > maxKeyLength) return this.empty();
    const copied = (this.copied ??= new Uint16Array(maxKeyLength));
    for (let index = 0; index < value.length; index++) copied[index] = value.charCodeAt(index);
    return this.scanCodes(copied, 0, value.length);
  }

  /** `scan` of the characters `bytes[start, end)` (ASCII: a line's bytes, read in place). */
  scanBytes(bytes: Uint8Array, start: number, end: number): boolean {
    if (end - start > maxKeyLength) return this.empty();
    return this.scanCodes(bytes, start, end);
  }

  /** A scratch with nothing scanned: false. */
  private empty(): boolean {
    this.segmentCount = 0;
    this.partCount = 0;
    return false;
  }

  /**
   * Reads `LABEL#value#LABEL#value...` from `codes[from, to)` into this scratch; false when it is not key-shaped.
   * One pass over the characters, no string made: each part is found, told a label or not, and hashed at once (it
   * runs on every key-shaped value of the corpus).
   */
  private scanCodes(codes: Uint8Array | Uint16Array, from: number, to: number): boolean {
    this.codes = codes;
    this.segmentCount = 0;
    this.partCount = 0;
    let hash = 0x811c9dc5;
    let start = from;
    while (start <= to) {
      // The part up to the next `#`, hashed while it may still be a label: an upper-case word (see `isLabelRange`).
      let end = start;
      let label = true;
      let labelHash = hash;
      for (; end < to; end++) {
        const code = codes[end] as number;
        if (code === 0x23) break;
        if (!label) continue;
        // A-Z anywhere, 0-9 and _ after the first character.
        if ((code >= 65 && code <= 90) || (end > start && ((code >= 48 && code <= 57) || code === 95)))
          labelHash = Math.imul(labelHash ^ code, 0x01000193);
        else label = false;
      }
      if (end === start) return false;
      if (!label || end - start > maxLabelLength) {
        // A key starts with a label; after one, a part that is not a label is an unlabelled value.
        if (start === from) return false;
        this.part(start, start, false);
        hash = Math.imul(Math.imul(hash ^ 0x24, 0x01000193) ^ 0x7c, 0x01000193);
        start = end + 1;
        continue;
      }
      if (end === to) {
        this.part(start, end, false);
        hash = Math.imul(Math.imul(labelHash ^ 0x24, 0x01000193) ^ 0x7c, 0x01000193);
        break;
      }
      const valueEnd = nextSeparator(codes, end + 1, to);
      if (valueEnd === end + 1) return false;
      this.part(start, end, true);
      hash = Math.imul(Math.imul(labelHash ^ 0x23, 0x01000193) ^ 0x7c, 0x01000193);
      const segment = this.segmentCount;
      this.labelStarts[segment] = start;
      this.labelEnds[segment] = end;
      this.valueStarts[segment] = end + 1;
      this.valueEnds[segment] = valueEnd;
      this.segmentCount += 1;
      start = valueEnd + 1;
    }
    this.hash = hash;
    return this.segmentCount > 0;
  }
}

/**
 * Reads `LABEL#value#LABEL#value...`: a label is always followed by its value; after a value, a part
 * that is not a label is an extra unlabelled value (`ENTITY#Account#a1` → `ENTITY#{}#{}`); a trailing
 * label stands alone (`...#METADATA`). Returns undefined for anything that is not key-shaped.
 * @example parseKeyShape("TENANT#t1#ROLE#admin")?.shape //=> "TENANT#{}#ROLE#{}"
 */
export function parseKeyShape(value: string): KeyShape | undefined {
  const scratch = new KeyScratch();
  if (!scratch.scan(value)) return undefined;
  const segments = Array.from({ length: scratch.segmentCount }, (_, index) => ({
    label: scratch.label(index),
    value: scratch.value(index),
  }));
  return { shape: scratch.shape(), segments };
}

/** The labels of a shape, in order (`TENANT#{}#CAPSULE#{}` → `["TENANT", "CAPSULE"]`). */
export function labelsOfShape(shape: string): string[] {
  return shape.split("#").filter((part) => part !== shapeValue && isLabel(part));
}

/**
 * The labels of a shape whose segment encloses more of the key (its value is not the key's last part):
 * the partitions an item lives in, as opposed to the item's own id at the end.
 * @example enclosingLabelsOfShape("TENANT#{}#CAPSULE#{}#ROLE#{}") //=> ["TENANT", "CAPSULE"]
 */
export function enclosingLabelsOfShape(shape: string): string[] {
  const parts = shape.split("#");
  return parts.filter(
    (part, index) =>
      part !== shapeValue && isLabel(part) && parts[index + 1] === shapeValue && index + 2 < parts.length,
  );
}
