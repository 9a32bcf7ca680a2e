// Escaping for the HTML part of e-mails: every piece of text that came from a person or a
// record (names, titles, reasons) goes through escapeHtml, so a lead called
// "<script>" renders as text in the mail client.

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** Only http(s) links become hrefs; anything else (javascript:, data:) is dropped. */
export function safeHref(url: string): string | null {
  return /^https?:\/\//i.test(url) ? escapeHtml(url) : null;
}

export function formatUtc(at: Date): string {
  return `${at.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** The shared frame of every mail: greeting, content, and the footer pointing at the settings page. */
export function frame(options: { greeting: string; contentHtml: string; settingsUrl: string }): string {
  const settings = safeHref(options.settingsUrl);
  return [
    `<!doctype html><html><body style="font-family:Arial,Helvetica,sans-serif;font-size:14px;color:#0f172a;line-height:1.5">`,
    `<p>${escapeHtml(options.greeting)}</p>`,
    options.contentHtml,
    `<hr style="border:none;border-top:1px solid #e2e8f0;margin:24px 0 8px">`,
    `<p style="font-size:12px;color:#64748b">Sent by Arbiter.${settings ? ` <a href="${settings}">Choose which e-mails you get</a>.` : ""}</p>`,
    `</body></html>`,
  ].join("\n");
}

export function button(label: string, url: string, color = "#2563eb"): string {
  const href = safeHref(url);
  if (!href) return "";
  return `<a href="${href}" style="display:inline-block;background:${color};color:#ffffff;text-decoration:none;padding:8px 14px;border-radius:6px;margin-right:8px">${escapeHtml(label)}</a>`;
}

export function paragraphs(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${escapeHtml(p).replaceAll("\n", "<br>")}</p>`)
    .join("\n");
}
