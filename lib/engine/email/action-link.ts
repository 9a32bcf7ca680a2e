import { createHmac, timingSafeEqual } from "node:crypto";

// The string in an approve/reject link: "<token id>.<signature>", the signature being
// HMAC-SHA256 over the token id (with a purpose prefix, so a signature made for something
// else can never pass here), base64url. The database row says who, what and until when; the
// signature stops anyone from guessing or editing a token id into a working link.

const PURPOSE = "arbiter.action-link.v1:";

export function signActionToken(secret: string, tokenId: string): string {
  return `${tokenId}.${createHmac("sha256", secret).update(PURPOSE + tokenId).digest("base64url")}`;
}

/** The token id when the signature matches, else null (constant-time comparison). */
export function verifyActionToken(secret: string, signed: string): string | null {
  const dot = signed.lastIndexOf(".");
  if (dot <= 0) return null;
  const tokenId = signed.slice(0, dot);
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(tokenId)) return null;
  const expected = Buffer.from(signActionToken(secret, tokenId).slice(dot + 1));
  const given = Buffer.from(signed.slice(dot + 1));
  return expected.length === given.length && timingSafeEqual(expected, given) ? tokenId : null;
}
