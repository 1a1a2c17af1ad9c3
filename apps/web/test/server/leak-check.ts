/** Every key a test file minted, so one sweep can prove none of them left the server anywhere. */
export class MintedKeys {
  readonly all = new Set<string>();
  add<T extends string>(key: T): T {
    this.all.add(key);
    return key;
  }
  /** The minted keys that appear in `text` (expected: none). */
  foundIn(text: string): string[] {
    return [...this.all].filter((key) => text.includes(key));
  }
}
