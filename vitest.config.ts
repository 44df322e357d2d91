import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const src = (path: string): string => fileURLToPath(new URL(`./src/${path}`, import.meta.url));

export default defineConfig({
  resolve: {
    // Examples and type tests import the package by its public name, as users do.
    alias: [
      { find: /^capsule-entity\/dynamodb$/, replacement: src("dynamodb/index.ts") },
      { find: /^capsule-entity\/credentials$/, replacement: src("credentials/index.ts") },
      { find: /^capsule-entity\/audit$/, replacement: src("audit/index.ts") },
      { find: /^capsule-entity$/, replacement: src("index.ts") },
    ],
  },
  test: {
    include: [
      "src/**/*.test.ts",
      "types-tests/**/*.test.ts",
      "examples/**/*.test.ts",
      "scripts/**/*.test.ts",
      "bench/**/*.test.ts",
    ],
    // One DynamoDB Local per run; test files reach it through scripts/test-dynamodb.ts.
    globalSetup: ["./scripts/vitest-dynamodb-local.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    typecheck: {
      enabled: true,
      include: ["types-tests/**/*.test-d.ts"],
      tsconfig: "./tsconfig.json",
    },
  },
});
