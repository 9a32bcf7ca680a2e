// Benchmark support (not product code): where a command's wall time goes, seen from this
// process. pg's Client.query and Pool.connect are wrapped; inside `meter.run(kind, fn)` every
// statement's round trip (send → answer) is counted under a short label ("UPDATE
// approval_steps", "SELECT exception_requests FOR UPDATE", "advisory lock").
// What remains of the wall time is this process: JavaScript, and waiting for the event loop.
import { AsyncLocalStorage } from "node:async_hooks";
import pg from "pg";

type TStat = { n: number; ms: number };
type TCommandStats = { commands: number; wallMs: number; poolMs: number; lockHeldMs: number; waitedMs: number; statements: Map<string, TStat> };
// waitedMs: the wall time during which at least one statement was out. Pipelined statements
// (ADR 0025) overlap, so the per-statement times add up to more than that.
type TRunning = { poolMs: number; statements: Map<string, TStat>; trace?: string[]; lockedAt?: number; lockHeldMs: number; inFlight: number; busySince: number; waitedMs: number };

const labels = new Map<string, string>();
const ADVISORY = "advisory lock";

/** A short name for a statement: its verb, its main table, and what makes it special. */
export function statementLabel(text: string): string {
  let label = labels.get(text);
  if (label === undefined) {
    if (labels.size > 5_000) labels.clear();
    labels.set(text, (label = labelOf(text)));
  }
  return label;
}

function labelOf(text: string): string {
  const t = text.replace(/\s+/g, " ").trim();
  // Commands take no global lock since ADR 0023; an advisory lock still shows (and is timed to COMMIT) if one comes back.
  if (/pg_advisory_xact_lock/i.test(t)) return ADVISORY;
  if (/^(BEGIN|COMMIT|ROLLBACK)/i.test(t)) return t.split(" ")[0]!.toUpperCase();
  if (/^SELECT date_trunc\('milliseconds', clock_timestamp\(\)\) AS now$/i.test(t)) return "SELECT clock_timestamp() (database now)";
  const verb = /^\s*(\w+)/.exec(t)?.[1]?.toUpperCase() ?? "?";
  const table = /\b(?:FROM|INTO|UPDATE)\s+((?:"?\w+"?\.)?"?\w+"?)/i.exec(t)?.[1]?.replace(/"/g, "").replace(/^public\./, "") ?? "";
  return `${verb} ${table}${/FOR UPDATE/i.test(t) ? " FOR UPDATE" : ""}`.trim();
}

export function commandMeter() {
  const als = new AsyncLocalStorage<TRunning>();
  const totals = new Map<string, TCommandStats>();

  const measured = (query: (...args: unknown[]) => unknown) => function (this: unknown, ...args: unknown[]) {
    const running = als.getStore();
    const result = query.apply(this, args);
    if (!running || !result || typeof (result as Promise<unknown>).then !== "function") return result;
    const first = args[0];
    const text = typeof first === "string" ? first : ((first as { text?: string } | undefined)?.text ?? "?");
    const started = performance.now();
    if (running.inFlight++ === 0) running.busySince = started;
    running.trace?.push(text.replace(/\s+/g, " ").slice(0, 160));
    const done = () => {
      const label = statementLabel(text);
      const stat = running.statements.get(label) ?? running.statements.set(label, { n: 0, ms: 0 }).get(label)!;
      const now = performance.now();
      if (--running.inFlight === 0) running.waitedMs += now - running.busySince;
      stat.n++;
      stat.ms += now - started;
      // How long the decision log's lock is held: from its grant to the end of COMMIT.
      if (label === ADVISORY) running.lockedAt = now;
      if ((label === "COMMIT" || label === "ROLLBACK") && running.lockedAt !== undefined) {
        running.lockHeldMs += now - running.lockedAt;
        running.lockedAt = undefined;
      }
    };
    (result as Promise<unknown>).then(done, done);
    return result;
  }
  pg.Client.prototype.query = measured(pg.Client.prototype.query) as typeof pg.Client.prototype.query;
  // Statements outside a transaction go through the pool's query (its own client.query call uses a callback, so it is not counted twice).
  pg.Pool.prototype.query = measured(pg.Pool.prototype.query) as typeof pg.Pool.prototype.query;

  const connect = pg.Pool.prototype.connect as (...args: unknown[]) => unknown;
  pg.Pool.prototype.connect = function (this: pg.Pool, ...args: unknown[]) {
    const running = als.getStore();
    const started = performance.now();
    const result = connect.apply(this, args);
    if (running && result && typeof (result as Promise<unknown>).then === "function") {
      const done = () => void (running.poolMs += performance.now() - started);
      (result as Promise<unknown>).then(done, done);
    }
    return result;
  } as typeof pg.Pool.prototype.connect;

  return {
    /** Runs one command, its statements counted under `kind` (e.g. "submit, 20 users"). */
    async run<T>(kind: string, fn: () => Promise<T>, trace?: string[]): Promise<T> {
      const running: TRunning = { poolMs: 0, statements: new Map(), trace, lockHeldMs: 0, inFlight: 0, busySince: 0, waitedMs: 0 };
      const started = performance.now();
      const result = await als.run(running, fn);
      const total = totals.get(kind) ?? totals.set(kind, { commands: 0, wallMs: 0, poolMs: 0, lockHeldMs: 0, waitedMs: 0, statements: new Map() }).get(kind)!;
      total.commands++;
      total.waitedMs += running.waitedMs;
      total.lockHeldMs += running.lockHeldMs;
      total.wallMs += performance.now() - started;
      total.poolMs += running.poolMs;
      for (const [label, s] of running.statements) {
        const t = total.statements.get(label) ?? total.statements.set(label, { n: 0, ms: 0 }).get(label)!;
        t.n += s.n;
        t.ms += s.ms;
      }
      return result;
    },
    /** Per kind: statements and their time per command, the pool wait, and what is left for this process. */
    report(kinds: readonly string[] = [...totals.keys()], top = 12): string[] {
      const lines: string[] = [];
      for (const kind of kinds) {
        const t = totals.get(kind);
        if (!t || t.commands === 0) continue;
        const per = (x: number) => x / t.commands;
        const statements = [...t.statements.values()].reduce((a, s) => ({ n: a.n + s.n, ms: a.ms + s.ms }), { n: 0, ms: 0 });
        lines.push(
          `${kind}: ${t.commands} commands, per command: wall ${per(t.wallMs).toFixed(1)} ms = ${per(statements.n).toFixed(1)} statements out ${per(t.waitedMs).toFixed(1)} ms` +
            `${statements.ms > t.waitedMs * 1.01 ? ` (${per(statements.ms).toFixed(1)} ms summed: pipelined ones overlap)` : ""}` +
            ` + pool wait ${per(t.poolMs).toFixed(1)} ms + this process ${per(t.wallMs - t.waitedMs - t.poolMs).toFixed(1)} ms` +
            (t.lockHeldMs > 0 ? `; an advisory lock held ${per(t.lockHeldMs).toFixed(1)} ms (grant → end of COMMIT)` : ""),
        );
        for (const [label, s] of [...t.statements].sort((a, b) => b[1].ms - a[1].ms).slice(0, top)) {
          lines.push(`  ${per(s.ms).toFixed(2).padStart(7)} ms ${per(s.n).toFixed(2).padStart(5)}×  ${label}`);
        }
      }
      return lines;
    },
  };
}
