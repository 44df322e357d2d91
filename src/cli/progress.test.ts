import { describe, expect, it } from "vitest";
import { progressMinBytes, ProgressBar } from "./progress.js";

describe("ProgressBar", () => {
  it("stays silent for small inputs and draws nothing to clear", () => {
    let drawn = "";
    const bar = new ProgressBar({ write: (text: string) => (drawn += text) }, 1000);
    bar.update("small.ndjson", 1000);
    bar.done();
    expect(drawn).toBe("");
  });

  it("draws a bar with the share read once the input is large, then clears its line", () => {
    let drawn = "";
    const bar = new ProgressBar({ write: (text: string) => (drawn += text) }, progressMinBytes * 4);
    bar.update("big.ndjson", progressMinBytes * 2);
    expect(drawn).toMatch(/^\r\u001b\[Kbig\.ndjson \[=+ +\] 50% 64 MB \/ 128 MB {2}\d+ MB\/s$/);
    bar.done();
    expect(drawn.endsWith("\r\u001b[K")).toBe(true);
  });

  it("shows bytes and speed when the size is unknown (stdin)", () => {
    let drawn = "";
    new ProgressBar({ write: (text: string) => (drawn += text) }, undefined).update("stdin", progressMinBytes);
    expect(drawn).toMatch(/^\r\u001b\[Kstdin 32 MB {2}\d+ MB\/s$/);
  });
});
