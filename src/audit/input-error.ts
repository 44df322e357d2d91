/**
 * The error of an input the audit cannot use at all.
 */
/** An input the audit cannot use at all (missing file, unreadable profile or baseline): exit code 2. */
export class AuditInputError extends Error {
  override readonly name = "AuditInputError";
}
