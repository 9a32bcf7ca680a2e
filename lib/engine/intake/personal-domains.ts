// Consumer mailbox providers: a lead at one of these is a person, not a company, so the
// domain never matches an account (many unrelated people share gmail.com).
const PERSONAL = new Set([
  "gmail.com", "googlemail.com", "yahoo.com", "yahoo.co.uk", "yahoo.fr", "yahoo.de", "ymail.com", "hotmail.com", "hotmail.co.uk",
  "hotmail.fr", "hotmail.de", "outlook.com", "outlook.de", "live.com", "msn.com", "icloud.com", "me.com", "mac.com", "aol.com",
  "proton.me", "protonmail.com", "pm.me", "gmx.de", "gmx.net", "gmx.com", "web.de", "t-online.de", "mail.ru", "yandex.ru",
  "yandex.com", "qq.com", "163.com", "126.com", "naver.com", "fastmail.com", "hey.com", "tutanota.com", "zoho.com", "mail.com",
  "orange.fr", "free.fr", "laposte.net", "libero.it", "seznam.cz", "wp.pl", "o2.pl", "rediffmail.com",
]);

export function isPersonalDomain(domain: string): boolean {
  return PERSONAL.has(domain.toLowerCase());
}
