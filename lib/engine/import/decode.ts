// Step 1 of an import: bytes → text. Only UTF-8 is accepted; a file saved in Latin-1 or
// Windows-1252 (the usual culprit: Excel's plain "CSV") is refused with the line and byte that
// give it away, instead of importing "MÃ¼ller" into the database.

export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

export type TDecodeResult = { ok: true; text: string } | { ok: false; message: string };

const BOM = [0xef, 0xbb, 0xbf];

export function decodeCsvBytes(bytes: Uint8Array, maxBytes = MAX_IMPORT_BYTES): TDecodeResult {
  if (bytes.byteLength === 0) return { ok: false, message: "The file is empty. Export the CSV again with a header row and at least one data row." };
  if (bytes.byteLength > maxBytes) {
    return { ok: false, message: `The file is ${megabytes(bytes.byteLength)} MB; imports take at most ${megabytes(maxBytes)} MB. Split it into smaller files.` };
  }
  const body = BOM.every((b, i) => bytes[i] === b) ? bytes.subarray(3) : bytes;
  try {
    return { ok: true, text: new TextDecoder("utf-8", { fatal: true }).decode(body) };
  } catch {
    const { line, byte } = firstInvalidByte(body);
    return {
      ok: false,
      message: `The file is not UTF-8: line ${line} contains the byte 0x${byte.toString(16).toUpperCase().padStart(2, "0")}, which suggests Latin-1 or Windows-1252. Save it as "CSV UTF-8" (Excel) or convert it (iconv -f latin1 -t utf-8) and upload it again.`,
    };
  }
}

function megabytes(n: number): string {
  return (n / 1024 / 1024).toFixed(n < 1024 * 1024 ? 2 : 1);
}

/** Walks UTF-8 sequences by hand to find where decoding breaks, for the error message. */
function firstInvalidByte(bytes: Uint8Array): { line: number; byte: number } {
  let line = 1;
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    if (b === 0x0a) line++;
    const length = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0) return { line, byte: b };
    for (let k = 1; k < length; k++) {
      const next = bytes[i + k];
      if (next === undefined || (next & 0xc0) !== 0x80) return { line, byte: b };
    }
    i += length;
  }
  return { line, byte: bytes[bytes.length - 1] ?? 0 };
}
