// A tiny SMTP receiver for tests: accepts every mail on loopback (no TLS, no auth), keeps
// what it got in memory, and can show it over HTTP (GET /messages → JSON) for processes
// that cannot share memory with it (Playwright specs talking to the e2e server).
import { createServer as createHttpServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export type TCaughtMail = { from: string; to: string[]; raw: string; subject: string; text: string; receivedAt: string };

export type TMailCatcher = {
  port: number;
  mails: TCaughtMail[];
  /** Rejects the next n mails with a temporary failure (451), to exercise retries. */
  failNext: (n: number) => void;
  httpPort?: number;
  close: () => Promise<void>;
};

export async function startMailCatcher(options: { port?: number; httpPort?: number } = {}): Promise<TMailCatcher> {
  const mails: TCaughtMail[] = [];
  let failures = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    disableReverseLookup: true,
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        if (failures > 0) {
          failures--;
          return callback(Object.assign(new Error("Try again later (test catcher)"), { responseCode: 451 }));
        }
        const raw = Buffer.concat(chunks).toString("utf8");
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          subject: header(raw, "subject"),
          text: textPart(raw),
          receivedAt: new Date().toISOString(),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;

  let http: HttpServer | undefined;
  if (options.httpPort !== undefined) {
    http = createHttpServer((req, res) => {
      res.setHeader("content-type", "application/json");
      if (req.method === "DELETE") mails.length = 0;
      res.end(JSON.stringify(mails));
    });
    await new Promise<void>((resolve) => http!.listen(options.httpPort, "127.0.0.1", resolve));
  }
  return {
    port,
    mails,
    failNext: (n) => (failures = n),
    httpPort: http ? (http.address() as AddressInfo).port : undefined,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (http) await new Promise((resolve) => http!.close(resolve));
    },
  };
}

/** A header's value, unfolded and with RFC 2047 encoded words decoded. */
function header(raw: string, name: string): string {
  const head = raw.split(/\r?\n\r?\n/, 1)[0]!.replace(/\r?\n[ \t]+/g, " ");
  const line = head.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name}:`));
  return line ? decodeWords(line.slice(name.length + 1).trim()) : "";
}

function decodeWords(value: string): string {
  return value.replace(/=\?utf-8\?([bq])\?([^?]*)\?=\s*/gi, (_, enc: string, data: string) =>
    enc.toLowerCase() === "b" ? Buffer.from(data, "base64").toString("utf8") : decodeQuotedPrintable(data.replaceAll("_", " ")),
  );
}

/** The text/plain part, decoded (nodemailer uses quoted-printable or base64 there). */
function textPart(raw: string): string {
  const parts = raw.split(/\r?\n--[^\r\n]+\r?\n/);
  for (const part of parts) {
    const [head = "", ...rest] = part.split(/\r?\n\r?\n/);
    if (!/content-type:\s*text\/plain/i.test(head)) continue;
    const body = rest.join("\n\n").replace(/\r?\n--[^\r\n]*--\s*$/, "");
    if (/content-transfer-encoding:\s*quoted-printable/i.test(head)) return decodeQuotedPrintable(body);
    if (/content-transfer-encoding:\s*base64/i.test(head)) return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
    return body;
  }
  return "";
}

function decodeQuotedPrintable(value: string): string {
  const soft = value.replace(/=\r?\n/g, "");
  const bytes: number[] = [];
  for (let i = 0; i < soft.length; i++) {
    const hex = soft[i] === "=" ? soft.slice(i + 1, i + 3) : "";
    if (/^[0-9A-F]{2}$/i.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else bytes.push(...Buffer.from(soft[i]!, "utf8"));
  }
  return Buffer.from(bytes).toString("utf8");
}
