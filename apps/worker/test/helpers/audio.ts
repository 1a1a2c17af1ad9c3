/** A tiny valid WAV header plus a tag, so every test file has distinct bytes and so a distinct transcript. */
export function wavBytes(tag: string): Uint8Array {
  const body = new TextEncoder().encode(tag);
  const header = new Uint8Array(44);
  const view = new DataView(header.buffer);
  header.set([82, 73, 70, 70], 0); // RIFF
  view.setUint32(4, 36 + body.length, true);
  header.set([87, 65, 86, 69, 102, 109, 116, 32], 8); // WAVEfmt
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, 1, true);
  view.setUint32(24, 16_000, true);
  view.setUint32(28, 32_000, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  header.set([100, 97, 116, 97], 36); // data
  view.setUint32(40, body.length, true);
  const out = new Uint8Array(44 + body.length);
  out.set(header);
  out.set(body, 44);
  return out;
}
