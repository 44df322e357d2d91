import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fingerprintFile, fingerprinted, sameInput } from "./input-fingerprint.js";

let directory: string;
beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), "fingerprint-"));
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

/** The fingerprint of `bytes` streamed in chunks cut at `cuts`. */
async function streamed(bytes: Uint8Array, cuts: readonly number[]) {
  const points = [0, ...[...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b), bytes.length];
  const chunks = points.slice(1).map((to, index) => bytes.slice(points[index], to));
  const watched = fingerprinted(
    "input",
    (async function* () {
      yield* chunks;
    })(),
  );
  for await (const chunk of watched.chunks) chunk.fill(0); // what passed may be reused (a transferred buffer)
  return watched.fingerprint();
}

describe("input fingerprints", () => {
  it("are the same for a file and the same bytes streamed in any chunks, small or past both edges (64 KiB, 4 KiB)", async () => {
    const path = join(directory, "input");
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.constant(0),
          fc.nat(100),
          fc.integer({ min: 60_000, max: 80_000 }),
          fc.integer({ min: 60_000, max: 300_000 }),
        ),
        fc.array(fc.oneof(fc.nat(), fc.integer({ min: 65_000, max: 70_000 })), { maxLength: 6 }),
        async (size, cuts) => {
          const bytes = Uint8Array.from({ length: size }, (_, index) => (index * 7919) % 251);
          await writeFile(path, bytes);
          const file = await fingerprintFile(path, "input");
          expect(file.bytes).toBe(size);
          expect(await streamed(bytes, cuts)).toEqual(file);
        },
      ),
      { numRuns: 40 },
    );
  });

  it("tell a change at either end, a change of size and another name apart; a change in the middle is not read", async () => {
    const bytes = Uint8Array.from({ length: 300_000 }, (_, index) => index % 256);
    const base = await streamed(bytes, []);
    const changed = (index: number) => {
      const copy = bytes.slice();
      copy[index] = 255 - (copy[index] as number);
      return streamed(copy, []);
    };
    expect(sameInput(await changed(10), base)).toBe(false);
    expect(sameInput(await changed(bytes.length - 10), base)).toBe(false);
    expect(sameInput(await streamed(bytes.subarray(1), []), base)).toBe(false);
    expect(sameInput({ ...base, name: "other" }, base)).toBe(false);
    expect(sameInput(await changed(150_000), base)).toBe(true);
  });
});
