import { PROVIDERS } from "@byok/types";
import { EMULATOR_MODULES } from "./modules";

const KEY_PREFIXES = PROVIDERS.map((p) => EMULATOR_MODULES[p].keyPrefix);

/**
 * The start of every emulator key in every encoding a key could leak in: as is, base64, base64url
 * and hex. An encoded string depends on where the key starts within the encoded data, so each
 * prefix is encoded at all three offsets a base64 group allows.
 */
function encodedPrefixes(): string[] {
  const forms = new Set<string>();
  for (const prefix of KEY_PREFIXES) {
    forms.add(Buffer.from(prefix).toString("hex"));
    for (let offset = 0; offset < 3; offset++) {
      const padded = Buffer.concat([Buffer.alloc(offset, 0x20), Buffer.from(prefix)]);
      // Drop the characters that also encode the padding or the unknown bytes after the prefix.
      const skip = Math.ceil((offset * 4) / 3);
      const usable = Math.floor(((offset + prefix.length) * 4) / 3);
      for (const encoding of ["base64", "base64url"] as const) forms.add(padded.toString(encoding).slice(skip, usable));
    }
  }
  // Encoded fragments shorter than 8 characters would match ordinary text by chance.
  return [...KEY_PREFIXES, ...[...forms].filter((f) => f.length >= 8)];
}

const PREFIX_FORMS = encodedPrefixes();

/**
 * Where an emulator key (any one, not only the keys a test minted) appears in `text`, in any
 * encoding: for leak sweeps over stores and logs whose writers the sweep cannot enumerate.
 */
export function findEmulatorKeyTraces(text: string): string[] {
  return PREFIX_FORMS.filter((form) => text.includes(form));
}
