import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { messageParts, renderErrorsDoc } from "../scripts/errors-doc.js";
import { errorCatalog } from "./messages.js";

describe("the message catalog", () => {
  const entries = Object.entries(errorCatalog);

  it.each(entries)("%s: one line, [code] what | fix | e.g. example, under 300 characters", (code, { sample }) => {
    expect(messageParts(sample).code).toBe(code);
    expect(sample).not.toContain("\n");
    expect(sample.length).toBeLessThanOrEqual(300);
  });

  it("lists every code the library throws", () => {
    const sources = readdirSync(new URL(".", import.meta.url), { recursive: true, encoding: "utf8" })
      .filter((file) => file.endsWith(".ts") && !file.endsWith(".test.ts"))
      .map((file) => readFileSync(new URL(file, import.meta.url), "utf8"))
      .join("\n");
    const thrown = new Set([...sources.matchAll(/`\[([a-z]+\.[a-zA-Z]+)\]/g)].map((match) => match[1]));
    expect([...thrown].sort()).toEqual(entries.map(([code]) => code).sort());
  });

  it("docs/errors.md is generated from it and up to date (npm run docs:errors)", () => {
    expect(readFileSync(new URL("../docs/errors.md", import.meta.url), "utf8")).toBe(renderErrorsDoc());
  });
});
