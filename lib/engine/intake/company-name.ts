// The key that matches a lead's company to an account when the e-mail domain does not:
// lower case, accents and punctuation removed, legal suffixes (Inc, GmbH, Ltd…) dropped.
const LEGAL_WORDS = /\b(inc|llc|corp|corporation|ltd|limited|plc|gmbh|ag|sas|sa|bv|sl|spa|srl|ab|as|sp z oo|pty|kk|pvt|pte|ltda|de cv|co)\b/g;

export function normaliseCompanyName(name: string): string {
  return name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[./']/g, "")
    .replace(/[,&()"-]/g, " ")
    .replace(/\s+/g, " ")
    .replace(LEGAL_WORDS, " ")
    .replace(/\s+/g, " ")
    .trim();
}
