/**
 * JSON objects written back to back with no line break between them (`{…}{…}{…}`), as Kinesis Data Firehose
 * delivers records to S3 unless told to add newlines: split into their values. Read only where a line is no JSON
 * value at all, so it costs nothing on well-formed input.
 */

const openBrace = 0x7b;
const closeBrace = 0x7d;
const quote = 0x22;
const backslash = 0x5c;

/**
 * The objects `text` holds back to back (two or more, whitespace between them allowed), or undefined when it is
 * not made of whole JSON objects only.
 * @example concatenatedObjects('{"a":1}{"b":"}{"}') //=> [{ a: 1 }, { b: "}{" }]
 */
export function concatenatedObjects(text: string): unknown[] | undefined {
  const values: unknown[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (inString) {
      if (code === backslash) index += 1;
      else if (code === quote) inString = false;
    } else if (code === quote) inString = true;
    else if (code === openBrace) {
      if (depth === 0) start = index;
      depth += 1;
    } else if (code === closeBrace) {
      depth -= 1;
      if (depth < 0) return undefined;
      if (depth === 0) {
        try {
          values.push(JSON.parse(text.slice(start, index + 1)));
        } catch {
          return undefined;
        }
      }
    } else if (depth === 0 && code > 0x20) return undefined;
  }
  return depth === 0 && values.length >= 2 ? values : undefined;
}
