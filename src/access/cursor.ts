/**
 * Query cursors: DynamoDB's `LastEvaluatedKey`, as an opaque base64url string. Decoding checks the cursor
 * against the query it is meant to resume: exactly that query's key attributes, all strings, and the query's
 * own partition. A cursor from another capsule (or tenant, index or partition) is refused with
 * `IsolationError` before DynamoDB sees it.
 */
import { CapsuleEntityError, IsolationError } from "../errors.js";
import { describeValue } from "../internal/describe.js";
import { foreignCursorMessage, invalidCursorMessage } from "../messages.js";

/**
 * Longer cursors are refused unread. The longest a query hands out: four key attributes (an index query's) at
 * DynamoDB's largest key values (2,048 bytes of partition key, 1,024 of sort key, twice), each byte escaped at most
 * six-fold by JSON (a control character is `\u0001`), names of up to 255 characters, in base64url (4 per 3 bytes).
 * 8,192 refused the cursor of an index query whose keys were at the limits, ASCII or not.
 */
const maxCursorLength = Math.ceil((2 * (2048 + 1024) * 6 + 4 * (255 + 6) + 2) / 3) * 4;

/** The cursor for a `LastEvaluatedKey`; `undefined` (the last page) stays `undefined`. */
export function encodeCursor(lastEvaluatedKey: Readonly<Record<string, unknown>> | undefined): string | undefined {
  return lastEvaluatedKey === undefined
    ? undefined
    : Buffer.from(JSON.stringify(lastEvaluatedKey), "utf8").toString("base64url");
}

/**
 * The key attributes of a query's `LastEvaluatedKey`, as stored: the table's keys, and the index's on an index.
 * A cursor may also be built from the last item returned, by picking these.
 */
export function cursorAttributes(
  hasKey: (attribute: string) => boolean,
  index: string | undefined,
  stored: (attribute: string) => string,
): string[] {
  return ["pk", "sk", ...(index === undefined ? [] : [`${index}pk`, `${index}sk`])].filter(hasKey).map(stored);
}

/** What a cursor must be to resume a query: its key attributes, and the partition attribute's value. */
export interface CursorExpectation {
  readonly entity: string;
  readonly attributes: readonly string[];
  readonly partitionAttribute: string;
  readonly partition: string;
}

/** The `ExclusiveStartKey` a cursor stands for, checked against the query (see the module comment). */
export function decodeCursor(cursor: unknown, expected: CursorExpectation): Record<string, string> {
  const invalid = (problem: string): CapsuleEntityError =>
    new CapsuleEntityError(invalidCursorMessage(expected.entity, problem));
  if (
    typeof cursor !== "string" ||
    cursor === "" ||
    cursor.length > maxCursorLength ||
    !/^[A-Za-z0-9_-]+$/.test(cursor)
  ) {
    throw invalid(`${describeValue(cursor)} is not a cursor string`);
  }
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw invalid("is not base64url JSON");
  }
  if (typeof key !== "object" || key === null || Array.isArray(key)) throw invalid("does not hold a key object");
  const names = Object.keys(key);
  const wanted = [...expected.attributes].sort();
  if (names.length !== wanted.length || [...names].sort().some((name, index) => name !== wanted[index])) {
    throw invalid(`holds attributes ${names.join(", ")}, not this query's ${wanted.join(", ")}`);
  }
  const values = key as Record<string, unknown>;
  const nonString = names.find((name) => typeof values[name] !== "string");
  if (nonString !== undefined) throw invalid(`holds a non-string ${nonString}`);
  const partition = values[expected.partitionAttribute];
  if (partition !== expected.partition) {
    throw new IsolationError(
      foreignCursorMessage(expected.entity, JSON.stringify(expected.partition), describeValue(partition)),
    );
  }
  return values as Record<string, string>;
}
