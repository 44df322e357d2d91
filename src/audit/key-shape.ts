/**
 * Key shapes: takes `LABEL#value#…` key-shaped values apart into their shape and labelled segments.
 */
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
 * Where `scanKeyShape` puts what it read, reused from value to value so that the profiler allocates
 * nothing per key but the segment values.
 */
export class KeyScratch {
  /** Labelled segments: `labels[i]` is followed by `values[i]`. */
  readonly labels: string[] = [];
  readonly values: string[] = [];
  segmentCount = 0;
  /** The shape, part by part: a label (with a value when `valued`) or "" for an unlabelled value. */
  readonly parts: string[] = [];
  readonly valued: boolean[] = [];
  partCount = 0;
  /** A 32-bit FNV-1a hash of the shape, to count shapes without building their text. */
  hash = 0;

  /** The shape text (`TENANT#{}#CAPSULE#{}`), built on demand. */
  shape(): string {
    let shape = "";
    for (let index = 0; index < this.partCount; index++) {
      const part = this.parts[index] as string;
      if (index > 0) shape += "#";
      shape += part === "" ? shapeValue : this.valued[index] === true ? `${part}#${shapeValue}` : part;
    }
    return shape;
  }

  private part(label: string, valued: boolean): void {
    this.parts[this.partCount] = label;
    this.valued[this.partCount] = valued;
    this.partCount += 1;
    let hash = this.hash ^ (valued ? 0x23 : 0x24);
    hash = Math.imul(hash, 0x01000193);
    for (let index = 0; index < label.length; index++) hash = Math.imul(hash ^ label.charCodeAt(index), 0x01000193);
    this.hash = Math.imul(hash ^ 0x7c, 0x01000193);
  }

  /**
   * Reads `LABEL#value#LABEL#value...` into this scratch; false when the value is not key-shaped.
   * One pass with indexOf and no intermediate array: it runs on every key-shaped value of the corpus.
   */
  scan(value: string): boolean {
    this.segmentCount = 0;
    this.partCount = 0;
    this.hash = 0x811c9dc5;
    if (value.length > maxKeyLength) return false;
    let start = 0;
    while (start <= value.length) {
      let end = value.indexOf("#", start);
      if (end === -1) end = value.length;
      if (end === start) return false;
      if (!isLabelRange(value, start, end)) {
        // A key starts with a label; after one, a part that is not a label is an unlabelled value.
        if (start === 0) return false;
        this.part("", false);
        start = end + 1;
        continue;
      }
      const label = value.slice(start, end);
      if (end === value.length) {
        this.part(label, false);
        break;
      }
      let valueEnd = value.indexOf("#", end + 1);
      if (valueEnd === -1) valueEnd = value.length;
      if (valueEnd === end + 1) return false;
      this.part(label, true);
      this.labels[this.segmentCount] = label;
      this.values[this.segmentCount] = value.slice(end + 1, valueEnd);
      this.segmentCount += 1;
      start = valueEnd + 1;
    }
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
  const segments = scratch.labels
    .slice(0, scratch.segmentCount)
    .map((label, index) => ({ label, value: scratch.values[index] as string }));
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
