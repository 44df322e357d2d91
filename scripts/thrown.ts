/**
 * Tests' helper: the message of what a call throws, so that several messages can be checked together (their
 * words, their examples); a call that does not throw fails the test.
 */

/**
 * The message `run` throws.
 *
 * @example
 * expect(thrownMessage(() => kit.leadingKeysPolicy(options))).not.toMatch(/tenant/i);
 */
export function thrownMessage(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("did not throw");
}
