import type { TCaughtMail } from "@/test/support/mail-catcher";

// Mails the e2e server's catcher captured (started in test-server.ts on E2E_PORT + 2000).
const port = Number(process.env.E2E_PORT ?? 3100);

export async function caughtMails(): Promise<TCaughtMail[]> {
  const response = await fetch(`http://127.0.0.1:${port + 2000}/messages`);
  return (await response.json()) as TCaughtMail[];
}

/** Waits for a mail to `to` (null: to anyone) whose subject matches, up to `ms`. */
export async function waitForMail(to: string | null, subject: RegExp, ms = 30_000): Promise<TCaughtMail> {
  const until = Date.now() + ms;
  for (;;) {
    const found = (await caughtMails()).find((m) => (to === null || m.to.includes(to)) && subject.test(m.subject));
    if (found) return found;
    if (Date.now() > until) throw new Error(`no mail to ${to ?? "anyone"} matching ${subject} within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 500));
  }
}
