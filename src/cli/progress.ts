/**
 * The progress bar drawn on a terminal's stderr while a corpus is read.
 */
/** Where the progress bar draws: a terminal's stderr. */
export interface ProgressStream {
  write(text: string): unknown;
}

/** Inputs smaller than this finish too fast to need a progress bar. */
export const progressMinBytes: number = 32 * 1024 * 1024;
const redrawMs = 200;
const barWidth = 24;

function megabytes(bytes: number): string {
  return `${(bytes / 1_048_576).toFixed(0)} MB`;
}

/**
 * A one-line progress bar for large inputs: `name [=====     ] 41% 420 MB / 1024 MB  180 MB/s`, redrawn
 * at most five times a second, cleared by `done()`. Without a known size it shows bytes and speed.
 */
export class ProgressBar {
  private lastDraw = 0;
  private drawn = false;
  private readonly started = Date.now();

  constructor(
    private readonly stream: ProgressStream,
    private readonly totalBytes: number | undefined,
  ) {}

  update(name: string, bytes: number): void {
    const now = Date.now();
    if (bytes < progressMinBytes || now - this.lastDraw < redrawMs) return;
    this.lastDraw = now;
    const speed = `${megabytes((bytes / Math.max(1, now - this.started)) * 1000)}/s`;
    let line = `${name} ${megabytes(bytes)}  ${speed}`;
    if (this.totalBytes !== undefined && this.totalBytes > 0) {
      const share = Math.min(1, bytes / this.totalBytes);
      const filled = Math.round(share * barWidth);
      line = `${name} [${"=".repeat(filled)}${" ".repeat(barWidth - filled)}] ${Math.round(share * 100)}% ${megabytes(bytes)} / ${megabytes(this.totalBytes)}  ${speed}`;
    }
    this.stream.write(`\r\u001b[K${line}`);
    this.drawn = true;
  }

  done(): void {
    if (this.drawn) this.stream.write("\r\u001b[K");
  }
}
