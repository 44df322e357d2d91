/**
 * Every input counts once (docs/audit.md, "Shards and baselines"): an input named again (a file by another path or a
 * link, a profile and the directory holding it, a file given with a profile made from it) is read once, with a note,
 * and two inputs of the same content (two shards of empty batches) both count.
 */
import { AuditInputError } from "../audit/input-error.js";
import { type InputFingerprint, overlappingInputs, sameInput } from "../audit/input-fingerprint.js";
import { count, listed } from "../audit/words.js";

/** What reports the notes: the command's stderr. */
interface NoteSink {
  write(text: string): unknown;
}

/**
 * The inputs counted so far in one run: files by their device and inode, and the inputs that each saved profile
 * records (name, size and edges, see input-fingerprint.ts), with the profile that counts them.
 */
export class CountedInputs {
  private readonly files = new Map<string, string>();
  private readonly byName = new Map<string, { readonly input: InputFingerprint; readonly profile: string }[]>();

  constructor(private readonly notes: NoteSink) {}

  /** Whether any saved profile was counted, so files must be fingerprinted to be compared with its inputs. */
  get hasProfiles(): boolean {
    return this.byName.size > 0;
  }

  /**
   * Whether the file of `identity` (device and inode, or `stdin`) is met for the first time; if not, says so. A file
   * named twice (an overlapping glob, a path and a link to it) would count its events twice.
   */
  firstFile(identity: string, name: string): boolean {
    const first = this.files.get(identity);
    if (first === undefined) {
      this.files.set(identity, name);
      return true;
    }
    this.notes.write(`note: ${name} is the same input as ${first}: read once\n`);
    return false;
  }

  private counting(input: InputFingerprint): string | undefined {
    return this.byName.get(input.name)?.find((counted) => sameInput(counted.input, input))?.profile;
  }

  private add(input: InputFingerprint, profile: string): void {
    const named = this.byName.get(input.name) ?? [];
    named.push({ input, profile });
    this.byName.set(input.name, named);
  }

  /**
   * Whether the saved profile `path` is to be merged: yes if it counts no input counted already; no, with a note, if
   * every input it counts is (the same profile named twice, or a copy of one); an input error if some are, since a
   * profile's events cannot be told apart by input.
   */
  admitProfile(path: string, inputs: readonly InputFingerprint[]): boolean {
    const counting = inputs.map((input) => this.counting(input));
    const fresh = inputs.filter((_, index) => counting[index] === undefined);
    const where = [...new Set(counting.filter((profile) => profile !== undefined))];
    if (where.length === 0) {
      for (const input of inputs) this.add(input, path);
      return true;
    }
    const [first] = where as [string];
    if (fresh.length > 0) {
      const shared = inputs.find((_, index) => counting[index] !== undefined) as InputFingerprint;
      throw new AuditInputError(
        overlappingInputs(
          path,
          shared.name,
          first,
          fresh.map((input) => input.name),
        ),
      );
    }
    this.notes.write(
      where.length === 1 && inputs.length === this.countedBy(first)
        ? `note: ${path} is the same input as ${first}: read once\n`
        : `note: ${path} counts only inputs counted already (in ${listed(where)}): read once\n`,
    );
    return false;
  }

  private countedBy(profile: string): number {
    let inputs = 0;
    for (const named of this.byName.values()) inputs += named.filter((counted) => counted.profile === profile).length;
    return inputs;
  }

  /**
   * Whether a file (fingerprinted before it is read) is to be read: not if a saved profile counts it already (the
   * same name and content), with a note. A file of that name but other content (grown since, or another directory's)
   * is read as another input, with a note.
   */
  admitFile(input: InputFingerprint): boolean {
    const profile = this.counting(input);
    if (profile !== undefined) {
      this.notes.write(`note: ${input.name} is counted in ${profile} already: read once\n`);
      return false;
    }
    const [other] = this.byName.get(input.name) ?? [];
    if (other !== undefined)
      this.notes.write(
        `note: ${input.name} is not what ${other.profile} counted under that name (${count(other.input.bytes, "byte")} then, ${input.bytes.toLocaleString("en-US")} now, or other content): counted as another input\n`,
      );
    return true;
  }

  /**
   * Refuses a stream (stdin) that a saved profile counts already: known only once read, it cannot be left out.
   */
  checkStreams(inputs: readonly InputFingerprint[]): void {
    for (const input of inputs) {
      const profile = this.counting(input);
      if (profile !== undefined)
        throw new AuditInputError(
          `${input.name} is the input ${profile} counts already: give the events or their profile, not both`,
        );
    }
  }
}
