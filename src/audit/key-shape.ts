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
export const SHAPE_VALUE = "{}";

const MAX_KEY_LENGTH = 1024;
const MAX_LABEL_LENGTH = 32;

/**
 * A label is an upper-case word (`TENANT`, `GSI1`, `FED_COMP`); anything else is a value.
 * @example isLabel("CAPSULE") //=> true
 */
export function isLabel(part: string): boolean {
  const length = part.length;
  if (length === 0 || length > MAX_LABEL_LENGTH) return false;
  const first = part.charCodeAt(0);
  if (first < 65 || first > 90) return false;
  for (let index = 1; index < length; index++) {
    const code = part.charCodeAt(index);
    // A-Z, 0-9, _
    if (!((code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95)) return false;
  }
  return true;
}

/**
 * Reads `LABEL#value#LABEL#value...`: a label is always followed by its value; after a value, a part
 * that is not a label is an extra unlabelled value (`ENTITY#Account#a1` → `ENTITY#{}#{}`); a trailing
 * label stands alone (`...#METADATA`). Returns undefined for anything that is not key-shaped.
 * @example parseKeyShape("TENANT#t1#ROLE#admin")?.shape //=> "TENANT#{}#ROLE#{}"
 */
export function parseKeyShape(value: string): KeyShape | undefined {
  if (value.length > MAX_KEY_LENGTH) return undefined;
  const parts = value.split("#");
  const first = parts[0];
  if (parts.length < 2 || first === undefined || !isLabel(first)) return undefined;
  const segments: KeySegment[] = [];
  let shape = "";
  let index = 0;
  while (index < parts.length) {
    const part = parts[index] as string;
    if (part === "") return undefined;
    if (shape !== "") shape += "#";
    if (!isLabel(part)) {
      shape += SHAPE_VALUE;
      index += 1;
      continue;
    }
    const segmentValue = parts[index + 1];
    if (segmentValue === undefined) {
      shape += part;
      break;
    }
    if (segmentValue === "") return undefined;
    shape += `${part}#${SHAPE_VALUE}`;
    segments.push({ label: part, value: segmentValue });
    index += 2;
  }
  return segments.length === 0 ? undefined : { shape, segments };
}

/** The labels of a shape, in order (`TENANT#{}#CAPSULE#{}` → `["TENANT", "CAPSULE"]`). */
export function labelsOfShape(shape: string): string[] {
  return shape.split("#").filter((part) => part !== SHAPE_VALUE && isLabel(part));
}
