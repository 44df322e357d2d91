import { describe, expect, it } from "vitest";
import { measureTypeCost, parseExtendedDiagnostics, perEntity } from "./measure.js";

// Recorded from `tsc --extendedDiagnostics` on the ElectroDB case with one entity.
const ts59Output = `Files:                         63
Lines of Library:           11737
Lines of Definitions:        6227
Lines of TypeScript:           32
Identifiers:                19687
Symbols:                    11598
Types:                       1437
Instantiations:              3341
Memory used:               37237K
Assignability cache size:     137
I/O Read time:              0.02s
Parse time:                 0.13s
Program time:               0.19s
Bind time:                  0.05s
Check time:                 0.07s
printTime time:             0.00s
Emit time:                  0.00s
Total time:                 0.32s
`;

const ts7Output = `Files:              63
Lines:           17900
Identifiers:     19695
Symbols:         11603
Types:            1424
Instantiations:   3354
Memory used:    10362K
Memory allocs:   29532
Config time:    0.000s
Parse time:     0.022s
Bind time:      0.006s
Check time:     0.006s
Emit time:      0.000s
Total time:     0.036s
`;

describe("parseExtendedDiagnostics", () => {
  // TS 7 prints check time with three decimals and fewer lines; both layouts carry the four figures.
  it.each([
    ["TS 5.9", ts59Output, { instantiations: 3341, types: 1437, checkTimeMs: 70, memoryKb: 37237 }],
    ["TS 7", ts7Output, { instantiations: 3354, types: 1424, checkTimeMs: 6, memoryKb: 10362 }],
  ])("reads %s's layout", (_compiler, output, expected) => {
    expect(parseExtendedDiagnostics(output)).toEqual(expected);
  });

  it("refuses output without the figures instead of reporting zeros", () => {
    expect(() => parseExtendedDiagnostics("error TS2307: Cannot find module 'electrodb'")).toThrow(
      "--extendedDiagnostics output has no instantiations line",
    );
  });
});

describe("perEntity", () => {
  it("divides the difference by the number of added entities", () => {
    const one = { instantiations: 1000, types: 100, checkTimeMs: 50, memoryKb: 30_000 };
    const hundred = { instantiations: 1990, types: 199, checkTimeMs: 149, memoryKb: 30_990 };
    expect(perEntity(one, hundred, 1, 100)).toEqual({ instantiations: 10, types: 1, checkTimeMs: 1, memoryKb: 10 });
  });
});

describe("measureTypeCost", () => {
  it("type-checks one generated ElectroDB entity with TS 5.9 and returns positive figures", async () => {
    const cost = await measureTypeCost("electrodb", 1, "ts5.9");
    expect(cost.instantiations).toBeGreaterThan(0);
    expect(cost.types).toBeGreaterThan(0);
    expect(cost.checkTimeMs).toBeGreaterThan(0);
    expect(cost.memoryKb).toBeGreaterThan(0);
  });

  // Its calls type-check only with the branded ids its zod-inferred attributes require; a type error would throw.
  it("type-checks two hand-written + zod entities with TS 5.9 without errors", async () => {
    const cost = await measureTypeCost("hand-written-zod", 2, "ts5.9");
    expect(cost.instantiations).toBeGreaterThan(0);
  });

  // Each entity naming its index (by1Status, by2Status), queried by that name: a type error would throw. (The
  // baselines' functions only change attribute names: generate.test.ts reads them.)
  it.each(["capsule-entity", "electrodb"] as const)(
    "type-checks two %s entities with distinct index names under TS 5.9 without errors",
    async (library) => {
      const cost = await measureTypeCost(library, 2, "ts5.9", { names: "distinct" });
      expect(cost.instantiations).toBeGreaterThan(0);
    },
    240_000,
  );
});
