import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { codesMix } from "./byte-tape.js";
import {
  KeyScratch,
  enclosingLabelsOfShape,
  isLabel,
  labelsOfShape,
  parseKeyShape,
  rangeMix,
  shapeValue,
} from "./key-shape.js";

/** The key grammar as the docs state it, on `split("#")`: what the one-pass `KeyScratch.scan` must agree with. */
function referenceShape(value: string): ReturnType<typeof parseKeyShape> {
  if (value.length > 1024) return undefined;
  const parts = value.split("#");
  const shape: string[] = [];
  const segments: { label: string; value: string }[] = [];
  for (let index = 0; index < parts.length;) {
    const part = parts[index] as string;
    if (part === "") return undefined;
    if (!isLabel(part)) {
      if (index === 0) return undefined;
      shape.push(shapeValue);
      index += 1;
    } else if (index === parts.length - 1) {
      shape.push(part);
      index += 1;
    } else {
      const segmentValue = parts[index + 1] as string;
      if (segmentValue === "") return undefined;
      shape.push(part, shapeValue);
      segments.push({ label: part, value: segmentValue });
      index += 2;
    }
  }
  return segments.length > 0 ? { shape: shape.join("#"), segments } : undefined;
}

/** Strings over the characters that matter to the grammar: labels' (upper case, digits, _), values', and `#`. */
const keyLike = fc
  .array(fc.constantFrom("A", "B", "Z", "_", "1", "a", "-", "#", "#", "TENANT", "#t1"), { maxLength: 16 })
  .map((parts) => parts.join(""));

describe("KeyScratch", () => {
  it("reads keys in one pass exactly as the grammar on split('#') does", () => {
    fc.assert(
      fc.property(keyLike, (value) => {
        expect(parseKeyShape(value)).toEqual(referenceShape(value));
      }),
      {
        numRuns: 2000,
      },
    );
    expect(parseKeyShape(`A#${"x".repeat(1030)}`)).toBeUndefined();
    expect(parseKeyShape(`${"A".repeat(33)}#x`)).toBeUndefined();
    expect(parseKeyShape(`${"A".repeat(32)}#x`)?.shape).toBe(`${"A".repeat(32)}#{}`);
  });

  it("compares segments in place, with the mix a leaf of the same value has", () => {
    fc.assert(
      fc.property(keyLike, fc.string({ maxLength: 4 }), (value, other) => {
        const scratch = new KeyScratch();
        const shape = referenceShape(value);
        expect(scratch.scan(value)).toBe(shape !== undefined);
        shape?.segments.forEach(({ label, value: segment }, index) => {
          expect(scratch.labelIs(index, label)).toBe(true);
          expect(scratch.valueIs(index, segment)).toBe(true);
          expect(scratch.valueIs(index, other)).toBe(other === segment);
          expect(scratch.valueMix(index)).toBe(rangeMix(segment, 0, segment.length));
          expect([scratch.label(index), scratch.value(index)]).toEqual([label, segment]);
        });
      }),
      { numRuns: 2000 },
    );
  });

  it("reads a value from a line's bytes in place exactly as from its string", () => {
    fc.assert(
      fc.property(keyLike, fc.nat({ max: 5 }), (value, offset) => {
        const fromString = new KeyScratch();
        const fromBytes = new KeyScratch();
        // The value inside a line, bytes around it that are no part of it.
        const line = Buffer.from(`${'"#A'.slice(0, offset % 4)}${value}#B${"#".repeat(offset)}`);
        const read = fromString.scan(value);
        expect(fromBytes.scanBytes(line, offset % 4, (offset % 4) + value.length)).toBe(read);
        if (!read) return;
        expect([fromBytes.hash, fromBytes.partCount, fromBytes.segmentCount, fromBytes.shape()]).toEqual([
          fromString.hash,
          fromString.partCount,
          fromString.segmentCount,
          fromString.shape(),
        ]);
        expect(fromBytes.shapeIs(fromString.shape())).toBe(true);
        for (let index = 0; index < fromString.segmentCount; index++) {
          const segment = fromString.value(index);
          expect([fromBytes.label(index), fromBytes.value(index), fromBytes.valueMix(index)]).toEqual([
            fromString.label(index),
            segment,
            rangeMix(segment, 0, segment.length),
          ]);
          expect(fromBytes.valueIs(index, segment) && fromBytes.labelIs(index, fromString.label(index))).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
    expect(new KeyScratch().scanBytes(Buffer.from(`A#${"x".repeat(1030)}`), 0, 1032)).toBe(false);
  });

  it("hashes a shape the same whatever its values", () => {
    const first = new KeyScratch();
    const second = new KeyScratch();
    first.scan("TENANT#t1#CAPSULE#c-1#METADATA");
    second.scan("TENANT#tenant-22#CAPSULE#c#METADATA");
    expect(second.hash).toBe(first.hash);
    second.scan("TENANT#t1#CAPSULE#c-1#METADATB");
    expect(second.hash).not.toBe(first.hash);
  });
});

describe("rangeMix", () => {
  it("is the mix of the string the range holds, whatever surrounds it", () => {
    for (const value of ["", "x", "xy", "t-a08ff4", "cap-9b6f7726"]) {
      const mix = rangeMix(value, 0, value.length);
      expect(rangeMix(`AB#${value}#CD`, 3, 3 + value.length)).toBe(mix);
    }
    expect(rangeMix("ab", 0, 2)).not.toBe(rangeMix("ba", 0, 2));
  });

  it("is the mix codesMix gives of the same characters as bytes or character codes", () => {
    for (const value of ["", "x", "xy", "t-a08ff4", "cap-9b6f7726", "é-ü"]) {
      const codes = Uint16Array.from(value, (character) => character.charCodeAt(0));
      expect(codesMix(codes, 0, codes.length)).toBe(rangeMix(value, 0, value.length));
      const bytes = Buffer.from(`AB#${value}#CD`, "latin1");
      expect(codesMix(bytes, 3, 3 + value.length)).toBe(rangeMix(value, 0, value.length));
    }
  });
});

describe("parseKeyShape", () => {
  it("turns LABEL#value pairs into a shape and segments", () => {
    expect(parseKeyShape("TENANT#t1#CAPSULE#c1#ROLE#r1")).toEqual({
      shape: "TENANT#{}#CAPSULE#{}#ROLE#{}",
      segments: [
        { label: "TENANT", value: "t1" },
        { label: "CAPSULE", value: "c1" },
        { label: "ROLE", value: "r1" },
      ],
    });
  });

  it("always reads the part after a label as its value, even when it looks like a label", () => {
    expect(parseKeyShape("ORG#ACME#WORKSPACE#W1")?.segments).toEqual([
      { label: "ORG", value: "ACME" },
      { label: "WORKSPACE", value: "W1" },
    ]);
  });

  it("keeps extra unlabelled values and a trailing label in the shape", () => {
    expect(parseKeyShape("ENTITY#Account#a1")?.shape).toBe("ENTITY#{}#{}");
    expect(parseKeyShape("TENANT#t1#METADATA")?.shape).toBe("TENANT#{}#METADATA");
  });

  it("rejects what is not key-shaped", () => {
    for (const value of [
      "METADATA",
      "Issue #42",
      "https://x.test/#top",
      "tenant#t1",
      "TENANT##CAPSULE#c",
      "TENANT#",
      "#TENANT#t",
      `A#${"x".repeat(2000)}`,
    ]) {
      expect(parseKeyShape(value), value).toBeUndefined();
    }
  });
});

describe("isLabel", () => {
  it("accepts upper-case words with digits and underscores only", () => {
    expect(["TENANT", "GSI1", "FED_COMP"].every(isLabel)).toBe(true);
    expect(["", "Tenant", "1ABC", "A-B", "X".repeat(33)].some(isLabel)).toBe(false);
  });
});

describe("labelsOfShape", () => {
  it("lists labels in order", () => {
    expect(labelsOfShape("TENANT#{}#CAPSULE#{}#{}#METADATA")).toEqual(["TENANT", "CAPSULE", "METADATA"]);
  });
});

describe("enclosingLabelsOfShape", () => {
  it("lists the labels whose segment the key goes on past, not the item's own id at the end", () => {
    expect(enclosingLabelsOfShape("TENANT#{}#CAPSULE#{}#ROLE#{}")).toEqual(["TENANT", "CAPSULE"]);
    expect(enclosingLabelsOfShape("TENANT#{}#ENTITY#{}#{}")).toEqual(["TENANT", "ENTITY"]);
    expect(enclosingLabelsOfShape("TENANT#{}#METADATA")).toEqual(["TENANT"]);
    expect(enclosingLabelsOfShape("ROLE#{}")).toEqual([]);
  });
});
