/**
 * The worker thread of `--workers` (see workers.ts): profiles each batch the main thread posts and posts its profile back.
 */
import { parentPort } from "node:worker_threads";
import { type BatchReply, type BatchTask, profileBatch } from "./profile-batch.js";

const port = parentPort;
if (port === null) throw new Error("profile-worker.js runs as a worker thread of the audit, not on its own");
port.on("message", (task: BatchTask) => {
  profileBatch(task).then(
    (profile) => port.postMessage({ id: task.id, profile } satisfies BatchReply),
    (error: unknown) =>
      port.postMessage({ id: task.id, error: (error as Error).stack ?? String(error) } satisfies BatchReply),
  );
});
