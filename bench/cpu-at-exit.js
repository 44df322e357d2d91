/**
 * Preloaded (`node --import`) by bench/audit-throughput.ts into the processes it times cold: as the process exits,
 * writes the CPU time it used since it started (user + system, all its threads, workers included) to stderr as
 * `cpu-seconds N`. Worker threads (which the audit starts without the process's preloads anyway) write nothing.
 */
import { isMainThread } from "node:worker_threads";

if (isMainThread)
  process.on("exit", () => {
    const { user, system } = process.cpuUsage();
    process.stderr.write(`\ncpu-seconds ${(user + system) / 1e6}\n`);
  });
