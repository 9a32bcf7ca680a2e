// Which evidence files a request accepts, decided from the file's name AND its first bytes:
// a name alone is the uploader's claim, so a ".pdf" that is really HTML (or anything else)
// is refused. Pure, so it is unit-tested with plain bytes.

export const EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;
export const EVIDENCE_MAX_NAME = 200;

type TKind = { contentType: string; matches: (head: Uint8Array) => boolean };

const startsWith = (head: Uint8Array, bytes: number[]) => bytes.every((b, i) => head[i] === b);
const ZIP = [0x50, 0x4b, 0x03, 0x04]; // docx and xlsx are zip containers
/** Text: no NUL byte and valid UTF-8 in the first bytes (a binary renamed .csv fails). */
function isText(head: Uint8Array): boolean {
  if (head.includes(0)) return false;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(head.subarray(0, lastCompleteUtf8(head)));
    return true;
  } catch {
    return false;
  }
}
/** The sniffed prefix may end inside a multi-byte character; cut before it. */
function lastCompleteUtf8(head: Uint8Array): number {
  const end = head.length;
  for (let back = 1; back <= 3 && end - back >= 0; back++) {
    const b = head[end - back]!;
    if ((b & 0xc0) === 0xc0) return end - back; // a lead byte whose sequence may be cut
    if ((b & 0x80) === 0) break;
  }
  return end;
}

export const EVIDENCE_TYPES: Readonly<Record<string, TKind>> = {
  pdf: { contentType: "application/pdf", matches: (h) => startsWith(h, [0x25, 0x50, 0x44, 0x46, 0x2d]) },
  png: { contentType: "image/png", matches: (h) => startsWith(h, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  jpg: { contentType: "image/jpeg", matches: (h) => startsWith(h, [0xff, 0xd8, 0xff]) },
  jpeg: { contentType: "image/jpeg", matches: (h) => startsWith(h, [0xff, 0xd8, 0xff]) },
  docx: { contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", matches: (h) => startsWith(h, ZIP) },
  xlsx: { contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", matches: (h) => startsWith(h, ZIP) },
  csv: { contentType: "text/csv; charset=utf-8", matches: isText },
  txt: { contentType: "text/plain; charset=utf-8", matches: isText },
};

export const EVIDENCE_EXTENSIONS = Object.keys(EVIDENCE_TYPES).filter((e) => e !== "jpeg");

export type TEvidenceCheck = { ok: true; name: string; contentType: string } | { ok: false; reason: string };

/** Accepts or refuses one upload, with the reason a person can act on. */
export function checkEvidenceFile(name: string, size: number, head: Uint8Array): TEvidenceCheck {
  // Keep the base name only, without control characters: it ends up in a header and a page.
  const clean = name.split(/[\\/]/).pop()!.replace(/[\u0000-\u001f\u007f"]/g, "").trim().slice(-EVIDENCE_MAX_NAME);
  if (!clean) return { ok: false, reason: "The file needs a name" };
  if (size === 0) return { ok: false, reason: `${clean} is empty` };
  if (size > EVIDENCE_MAX_BYTES) return { ok: false, reason: `${clean} is ${(size / 1024 / 1024).toFixed(1)} MB; files are at most 10 MB` };
  const ext = clean.includes(".") ? clean.split(".").pop()!.toLowerCase() : "";
  const kind = EVIDENCE_TYPES[ext];
  if (!kind) return { ok: false, reason: `${clean}: only ${EVIDENCE_EXTENSIONS.join(", ")} files are accepted` };
  if (!kind.matches(head)) return { ok: false, reason: `${clean} does not look like a .${ext} file` };
  return { ok: true, name: clean, contentType: kind.contentType };
}
