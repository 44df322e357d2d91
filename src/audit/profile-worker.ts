/**
 * The worker thread of `--workers` (see workers.ts): profiles each task the main thread posts (a batch of lines, or the
 * ranges of a file it takes in turn with the other threads and reads itself) and posts its profiles back, with its
 * progress through the file on the way.
 */
import { parentPort } from "node:worker_threads";
import { SampleCeilings } from "./bottom-k.js";
import { profileLimits } from "./profile.js";
import { type WorkerReply, type WorkerTask, profileTask, takeRanges, taskFailure } from "./profile-batch.js";

const port = parentPort;
if (port === null) throw new Error("profile-worker.js runs as a worker thread of the audit, not on its own");
// A worker serves one run (one pool): every profile it makes is merged into one, so what its earlier profiles kept of
// the row sample bounds what the later ones need keep.
const ceilings = new SampleCeilings(profileLimits.rowsPerType);
port.on("message", (task: WorkerTask) => {
  const run =
    task.kind === "ranges"
      ? takeRanges(task, (read) => port.postMessage({ id: task.id, read } satisfies WorkerReply), ceilings)
      : profileTask(task, ceilings);
  run.then(
    (result) => port.postMessage({ id: task.id, ...result } satisfies WorkerReply),
    (error: unknown) => port.postMessage({ id: task.id, error: taskFailure(task, error) } satisfies WorkerReply),
  );
});
