/**
 * The opening every generated matrix shares (types-tests/*.generated.test.ts): a `describe` whose `beforeAll`
 * compiles the matrix's probe (under every compiler at once, or under those given), a first test that the probe's
 * header compiles (no diagnostic but on the cases' lines), then the matrix's own tests, which read the compiled probe.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { compilers, compileTimeout, probeMatrix, type Compiler, type ProbeMatrix } from "./compilers.js";

/** A generated matrix's probe: its name (`.tmp/probes/<name>…`), its text, the lines its cases sit on. */
export interface MatrixProbe {
  readonly name: string;
  readonly text: string;
  readonly lines: readonly number[];
  /** The compilers its probe is compiled by (default: every one; the first one's probe is the one run). */
  readonly under?: readonly Compiler[];
}

/** For a matrix compiled by TypeScript 5.9 alone. */
export const ts59Only: readonly Compiler[] = [compilers[0]!];

export function describeMatrix(title: string, probe: MatrixProbe, tests: (matrix: ProbeMatrix) => void): void {
  const under = probe.under ?? compilers;
  describe(title, () => {
    const matrix = probeMatrix(probe.name, probe.text, under);
    beforeAll(matrix.compile, compileTimeout);

    it(`the probe's header compiles under ${under.map((compiler) => compiler.name).join(", ")}`, () => {
      expect(matrix.outside(probe.lines).flat()).toEqual([]);
    });

    tests(matrix);
  });
}
