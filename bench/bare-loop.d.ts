/** Declarations of bench/bare-loop.js (the bare line-split + `JSON.parse` loop of bench/audit-throughput.ts). */

/**
 * Reads the NDJSON file as UTF-8, splits lines and parses each; resolves to the count of lines that parsed.
 * @example const records = await bareParse("events.ndjson");
 */
export function bareParse(path: string): Promise<number>;
