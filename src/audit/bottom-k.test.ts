import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BottomK } from "./bottom-k.js";

describe("BottomK", () => {
  it("keeps the rows of the k smallest distinct hashes, the first row of each, whatever the order offered", () => {
    fc.assert(
      fc.property(fc.array(fc.nat(50)), fc.integer({ min: 1, max: 8 }), (hashes, size) => {
        const sample = new BottomK<number>(size);
        hashes.forEach((hash, seen) => {
          if (sample.wants(hash)) sample.add(hash, seen);
        });
        const expected = [...new Set(hashes)]
          .sort((left, right) => left - right)
          .slice(0, size)
          .map((hash) => ({ hash, row: hashes.indexOf(hash) }));
        expect(sample.sorted()).toEqual(expected);
      }),
      { seed: 1616, numRuns: 300 },
    );
  });

  it("with a ceiling, keeps what it would keep of the hashes up to the ceiling only", () => {
    fc.assert(
      fc.property(fc.array(fc.nat(50)), fc.integer({ min: 1, max: 8 }), fc.nat(50), (hashes, size, ceiling) => {
        const sample = new BottomK<number>(size, ceiling);
        const reference = new BottomK<number>(size);
        hashes.forEach((hash, seen) => {
          if (sample.wants(hash)) sample.add(hash, seen);
          if (hash <= ceiling && reference.wants(hash)) reference.add(hash, seen);
        });
        expect(sample.sorted()).toEqual(reference.sorted());
        expect(sample.bound()).toBe(Math.min(ceiling, reference.bound()));
      }),
      { seed: 1616, numRuns: 300 },
    );
  });

  it("turns a hash away once the sample is full and it is not smaller than the largest kept", () => {
    const sample = new BottomK<string>(2);
    for (const hash of [5, 1, 3]) if (sample.wants(hash)) sample.add(hash, `row ${hash}`);
    expect([sample.wants(3), sample.wants(4), sample.wants(1), sample.wants(2)]).toEqual([false, false, false, true]);
    expect(sample.sorted()).toEqual([
      { hash: 1, row: "row 1" },
      { hash: 3, row: "row 3" },
    ]);
  });

  it("keeps hashes past the small-integer range exactly (they sit in a Float64Array)", () => {
    const sample = new BottomK<string>(2);
    for (const hash of [0xffffffff, 0x80000001, 2 ** 30, 7]) if (sample.wants(hash)) sample.add(hash, String(hash));
    expect(sample.sorted()).toEqual([
      { hash: 7, row: "7" },
      { hash: 2 ** 30, row: String(2 ** 30) },
    ]);
    expect(sample.bound()).toBe(2 ** 30);
  });
});
