#!/usr/bin/env node
// Writes the sample corpus beside this file: `npx tsx examples/events/generate.ts`.
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { corpusText } from "./corpus-generator.js";
import { SAMPLE_SPEC } from "./sample-spec.js";

/** Where the committed sample corpus lives. */
export const SAMPLE_PATH: string = fileURLToPath(new URL("./sample-events.ndjson", import.meta.url));

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(SAMPLE_PATH, corpusText(SAMPLE_SPEC));
  console.log(`wrote ${SAMPLE_PATH}`);
}
