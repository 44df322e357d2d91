/**
 * The error of an input the audit cannot use at all, and the one line it is told in.
 */
/** An input the audit cannot use at all (missing file, unreadable profile or baseline): exit code 2. */
export class AuditInputError extends Error {
  override readonly name = "AuditInputError";
}

/**
 * What went wrong, in one line: a system error's code (`EIO`), else the error's name and the first line of its message.
 * @example failureText(Object.assign(new Error("EIO: i/o error, read"), { code: "EIO" })) //=> "EIO"
 */
export function failureText(error: unknown): string {
  if (!(error instanceof Error)) return String(error).split("\n")[0] ?? "";
  const code = (error as NodeJS.ErrnoException).code;
  return typeof code === "string" ? code : `${error.name}: ${error.message.split("\n")[0] ?? ""}`;
}

/** An error of the system (`EIO`, `EACCES`, `ENOENT`: it has a code), as opposed to a defect. */
export function isSystemError(error: unknown): boolean {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === "string";
}

/**
 * An input that could not be read (or whose reading failed), as the input error the CLI prints on one line; an input
 * error stays as it is.
 * @example throw readFailure("data/a.json.gz", error) // ✖ cannot read data/a.json.gz: EIO
 */
export function readFailure(name: string, error: unknown): AuditInputError {
  return error instanceof AuditInputError ? error : new AuditInputError(`cannot read ${name}: ${failureText(error)}`);
}

/**
 * A live table's Scan that failed, as the input error the CLI prints on one line; an input error stays as it is.
 * @example throw scanFailure("platform_data", error) // ✖ cannot scan platform_data: ResourceNotFoundException: …
 */
export function scanFailure(table: string, error: unknown): AuditInputError {
  return error instanceof AuditInputError ? error : new AuditInputError(`cannot scan ${table}: ${failureText(error)}`);
}
