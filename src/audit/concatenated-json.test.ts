import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { concatenatedObjects } from "./concatenated-json.js";

describe("concatenatedObjects", () => {
  it("splits objects written back to back, whatever their strings hold", () => {
    fc.assert(
      fc.property(
        fc.array(fc.dictionary(fc.string(), fc.jsonValue()), { minLength: 2, maxLength: 6 }),
        fc.constantFrom("", " ", "\t"),
        (objects, gap) => {
          const text = objects.map((object) => JSON.stringify(object)).join(gap);
          expect(concatenatedObjects(text)).toEqual(JSON.parse(`[${objects.map((o) => JSON.stringify(o)).join(",")}]`));
        },
      ),
      { numRuns: 200 },
    );
  });

  it("refuses what is not whole objects only, and a single object", () => {
    for (const text of [
      '{"a":1}',
      '{"a":1}{"b":',
      '{"a":1}}{"b":2}',
      '{"a":1}x{"b":2}',
      '{"a":1}[1]',
      '{"a":}{"b":2}',
      "nope",
    ])
      expect(concatenatedObjects(text)).toBeUndefined();
  });
});
