import { button, escapeHtml, formatUtc, frame, paragraphs, safeHref } from "./html";

// E-mail templates as pure functions: data in, subject + plain text + HTML out. The plain
// text part carries every link too, for clients that show no HTML.

export type TRenderedEmail = { template: string; subject: string; text: string; html: string };

export type TNotificationEmailInput = {
  kind: string;
  recipientName: string;
  title: string;
  body: string;
  /** Absolute link to the record, or null. */
  url: string | null;
  settingsUrl: string;
  /** Approve / reject links, only for "approval needed". */
  approvalLinks?: { approveUrl: string; rejectUrl: string; expiresAt: Date };
};

type TTemplate = { name: string; intro: string; subjectPrefix: string; linkLabel: string };

const TEMPLATES: Record<string, TTemplate> = {
  assignment: { name: "assignment", intro: "A lead was assigned to you. The clock for first touch is running.", subjectPrefix: "", linkLabel: "Open the lead" },
  "sla-warning": { name: "sla-warning", intro: "An SLA you own is close to running out.", subjectPrefix: "SLA warning: ", linkLabel: "Open the record" },
  "sla-breach": { name: "sla-breach", intro: "An SLA was missed.", subjectPrefix: "SLA breached: ", linkLabel: "Open the record" },
  escalation: { name: "escalation", intro: "A missed SLA was escalated to you: please step in.", subjectPrefix: "Escalation: ", linkLabel: "Open the record" },
  "approval-needed": { name: "approval-needed", intro: "An exception request is waiting for your decision.", subjectPrefix: "", linkLabel: "Open your approvals queue" },
  "decision-made": { name: "decision-made", intro: "There is a decision on your exception request.", subjectPrefix: "", linkLabel: "Open your requests" },
  generic: { name: "generic", intro: "You have a new notification in Arbiter.", subjectPrefix: "", linkLabel: "Open in Arbiter" },
};

/** Which template a notification kind uses; unknown kinds get the generic one. */
export function templateFor(kind: string): string {
  if (kind === "lead.assigned") return "assignment";
  if (kind === "sla.warning") return "sla-warning";
  if (kind === "sla.breached") return "sla-breach";
  if (kind === "sla.escalated" || kind === "sla.guardrail") return "escalation";
  if (kind === "approval.requested") return "approval-needed";
  if (kind === "approval.update") return "decision-made";
  return "generic";
}

export function renderNotificationEmail(input: TNotificationEmailInput): TRenderedEmail {
  const template = TEMPLATES[templateFor(input.kind)]!;
  const subject = oneLine(`${template.subjectPrefix}${input.title}`);
  const greeting = `Hello ${input.recipientName},`;

  const text: string[] = [greeting, "", template.intro, "", input.title];
  if (input.body) text.push("", input.body);
  const html: string[] = [`<p>${escapeHtml(template.intro)}</p>`, `<p><strong>${escapeHtml(input.title)}</strong></p>`, paragraphs(input.body)];

  if (input.approvalLinks) {
    const { approveUrl, rejectUrl, expiresAt } = input.approvalLinks;
    const note = `These links work once, only for you, until ${formatUtc(expiresAt)}. Each opens a confirmation page first; nothing is decided until you confirm there.`;
    text.push("", `Approve: ${approveUrl}`, `Reject (you will be asked for a reason): ${rejectUrl}`, "", note);
    html.push(`<p>${button("Approve", approveUrl, "#047857")}${button("Reject", rejectUrl, "#b91c1c")}</p>`, `<p style="font-size:12px;color:#475569">${escapeHtml(note)}</p>`);
  }
  if (input.url) {
    text.push("", `${template.linkLabel}: ${input.url}`);
    const href = safeHref(input.url);
    if (href) html.push(`<p><a href="${href}">${escapeHtml(template.linkLabel)}</a></p>`);
  }
  text.push("", "--", `Sent by Arbiter. Choose which e-mails you get: ${input.settingsUrl}`);
  return { template: template.name, subject, text: text.join("\n"), html: frame({ greeting, contentHtml: html.filter(Boolean).join("\n"), settingsUrl: input.settingsUrl }) };
}

export type TDigestItem = { kind: string; title: string; body: string; url: string | null; createdAt: Date };

/** One e-mail listing a day's notifications for someone who chose the digest. */
export function renderDigestEmail(input: { recipientName: string; items: readonly TDigestItem[]; settingsUrl: string }): TRenderedEmail {
  const n = input.items.length;
  const subject = `Your Arbiter digest: ${n} update${n === 1 ? "" : "s"}`;
  const greeting = `Hello ${input.recipientName},`;
  const intro = `Here ${n === 1 ? "is the update" : `are the ${n} updates`} you chose to get once a day.`;
  const text: string[] = [greeting, "", intro];
  const rows: string[] = [];
  for (const item of input.items) {
    text.push("", `- ${item.title} (${formatUtc(item.createdAt)})`);
    if (item.body) text.push(`  ${item.body.replaceAll("\n", "\n  ")}`);
    if (item.url) text.push(`  ${item.url}`);
    const href = item.url ? safeHref(item.url) : null;
    const title = href ? `<a href="${href}">${escapeHtml(item.title)}</a>` : escapeHtml(item.title);
    rows.push(`<li style="margin-bottom:8px">${title} <span style="color:#64748b;font-size:12px">${escapeHtml(formatUtc(item.createdAt))}</span>${item.body ? `<br>${escapeHtml(item.body)}` : ""}</li>`);
  }
  text.push("", "--", `Sent by Arbiter. Choose which e-mails you get: ${input.settingsUrl}`);
  const html = frame({ greeting, contentHtml: `<p>${escapeHtml(intro)}</p>\n<ul>${rows.join("\n")}</ul>`, settingsUrl: input.settingsUrl });
  return { template: "digest", subject, text: text.join("\n"), html };
}

/** Subjects are one line (a newline in a header is an injection risk) and not endless. */
function oneLine(value: string): string {
  const flat = value.replace(/[\r\n]+/g, " ").trim();
  return flat.length > 150 ? `${flat.slice(0, 149)}…` : flat;
}
