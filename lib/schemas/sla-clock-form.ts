import { z } from "zod";
import { CLOCK_IDS, ESCALATION_TARGETS, ZSlaClock, type TClockId, type TSlaClock } from "./policies/sla";

// The SLA clock editor's form: what RevOps types (hours or minutes, warnings as percentages,
// ladder rows in order), turned into the policy's clocks and validated by the policy's own
// ZSlaClock, with each error put back on the input that caused it. Numbers are typed as text
// so a half-typed value gets a plain message instead of NaN.

/** Clocks whose length may be a multiplier of a reference the other policies define. */
export const MULTIPLIER_CLOCKS: readonly TClockId[] = ["APPROVAL_STAGE", "STALE_OPPORTUNITY"];
export const LENGTH_UNITS = ["minutes", "hours", "multiplier"] as const;
export const DELAY_UNITS = ["minutes", "hours"] as const;

export const ZLadderRowForm = z.object({
  notify: z.array(z.enum(ESCALATION_TARGETS)),
  /** Blank = at the breach itself. */
  delay: z.string(),
  delayUnit: z.enum(DELAY_UNITS),
});
export type TLadderRowForm = z.infer<typeof ZLadderRowForm>;

export const ZClockForm = z.object({
  id: z.enum(CLOCK_IDS),
  label: z.string(),
  length: z.string(),
  lengthUnit: z.enum(LENGTH_UNITS),
  businessHours: z.boolean(),
  calendar: z.enum(["OWNER", "TEAM", "REGION"]),
  warnings: z.array(z.object({ percent: z.string() })),
  ladder: z.array(ZLadderRowForm),
  /** Blank = no guardrail for this clock. */
  breachLimit: z.string(),
  pausable: z.boolean(),
});
export type TClockForm = z.infer<typeof ZClockForm>;

type TNumber = { ok: true; value: number | undefined } | { ok: false; message: string };

/** "" → undefined, "4" / "1.5" / "1,5" → a number, anything else → a message for the input. */
export function parseNumber(text: string, what: string): TNumber {
  const t = text.trim().replace(",", ".");
  if (t === "") return { ok: true, value: undefined };
  if (!/^-?\d+(\.\d+)?$/.test(t)) return { ok: false, message: `${what} must be a number, e.g. 4 or 1.5` };
  return { ok: true, value: Number(t) };
}

/** Rounds away binary noise (0.1 * 3) so percentages and fractions round-trip exactly. */
const clean = (n: number) => Number(n.toFixed(6));

/** Minutes shown in hours when they are whole hours (240 → "4" h), else in minutes. */
function minutesToForm(minutes: number): { value: string; unit: "minutes" | "hours" } {
  return minutes % 60 === 0 ? { value: String(minutes / 60), unit: "hours" } : { value: String(minutes), unit: "minutes" };
}

function toMinutes(value: number | undefined, unit: "minutes" | "hours" | "multiplier"): number | undefined {
  if (value === undefined) return undefined;
  return unit === "hours" ? clean(value * 60) : value;
}

/**
 * The typed value re-expressed when its unit changes, so switching "4 hours" to minutes reads
 * "240" rather than silently becoming 4 minutes. A multiplier has no minutes to convert, and
 * text that is not a number is left as typed.
 */
export function convertTypedLength(text: string, from: (typeof LENGTH_UNITS)[number], to: (typeof LENGTH_UNITS)[number]): string {
  const parsed = parseNumber(text, "");
  if (!parsed.ok || parsed.value === undefined || from === to || from === "multiplier" || to === "multiplier") return text;
  return String(clean(from === "hours" ? parsed.value * 60 : parsed.value / 60));
}

export function clockToForm(c: TSlaClock): TClockForm {
  const length = c.multiplier !== undefined ? { value: String(c.multiplier), unit: "multiplier" as const } : minutesToForm(c.durationMinutes ?? 60);
  return {
    id: c.id,
    label: c.label,
    length: length.value,
    lengthUnit: length.unit,
    businessHours: c.businessHours,
    calendar: c.calendar,
    warnings: c.warnAt.map((w) => ({ percent: String(clean(w * 100)) })),
    ladder: c.escalation.map((e) => {
      const delay = e.afterBreachMinutes === undefined ? { value: "", unit: "hours" as const } : minutesToForm(e.afterBreachMinutes);
      return { notify: [...e.notify], delay: delay.value, delayUnit: delay.unit };
    }),
    breachLimit: c.breachLimitPer48h === undefined ? "" : String(c.breachLimitPer48h),
    pausable: c.pausable ?? false,
  };
}

/**
 * The policy clock a form describes (unvalidated: run ZSlaClock on it). Unparseable numbers
 * become NaN so the policy schema still refuses them; the form schema reports them first.
 */
export function clockFromForm(f: TClockForm): TSlaClock {
  const num = (text: string) => {
    const parsed = parseNumber(text, "");
    return parsed.ok ? parsed.value : Number.NaN;
  };
  const length = toMinutes(num(f.length), f.lengthUnit);
  const breachLimit = num(f.breachLimit);
  return {
    id: f.id,
    label: f.label.trim(),
    ...(f.lengthUnit === "multiplier" ? { multiplier: length } : { durationMinutes: length }),
    businessHours: f.businessHours,
    calendar: f.calendar,
    warnAt: f.warnings.map((w) => {
      const p = num(w.percent);
      return p === undefined ? Number.NaN : clean(p / 100);
    }),
    escalation: f.ladder.map((row, i) => {
      const after = toMinutes(num(row.delay), row.delayUnit);
      return { level: i + 1, notify: [...row.notify], ...(after === undefined ? {} : { afterBreachMinutes: after }) };
    }),
    ...(breachLimit === undefined ? {} : { breachLimitPer48h: breachLimit }),
    ...(f.pausable ? { pausable: true } : {}),
  };
}

/** Where a ZSlaClock issue belongs in the form. */
export function clockFormPath(path: ReadonlyArray<PropertyKey>): (string | number)[] {
  const [head, index, field] = path;
  switch (head) {
    case "durationMinutes":
    case "multiplier":
      return ["length"];
    case "warnAt":
      return typeof index === "number" ? ["warnings", index, "percent"] : ["warnings"];
    case "escalation":
      if (typeof index !== "number") return ["ladder"];
      return field === "notify" ? ["ladder", index, "notify"] : ["ladder", index, "delay"];
    case "breachLimitPer48h":
      return ["breachLimit"];
    case "calendar":
    case "businessHours":
    case "pausable":
      return [head];
    default:
      return ["label"];
  }
}

/** Messages for ZSlaClock's fraction wording, restated in the form's percentages. */
function formMessage(path: ReadonlyArray<PropertyKey>, message: string): string {
  if (path[0] !== "warnAt" || path.length < 2) return message;
  if (/above 0/.test(message)) return "A warning is a percentage above 0";
  if (/below 1/.test(message)) return "A warning is a percentage below 100 (100% is the breach)";
  return message;
}

export const ZSlaClocksForm = z
  .object({ clocks: z.array(ZClockForm).min(1, "Keep at least one clock") })
  .superRefine((form, ctx) => {
    const seen = new Set<string>();
    form.clocks.forEach((clock, i) => {
      const reported = new Set<string>();
      const report = (path: (string | number)[], message: string) => {
        const key = path.join(".");
        if (reported.has(key)) return;
        reported.add(key);
        ctx.addIssue({ code: "custom", path: ["clocks", i, ...path], message });
      };
      if (seen.has(clock.id)) report(["label"], `The ${clock.id} clock appears twice`);
      seen.add(clock.id);
      // Text that is not a number gets its own message before the policy rules run.
      const numbers: [(string | number)[], string, string][] = [
        [["length"], clock.length, clock.lengthUnit === "multiplier" ? "The multiplier" : "The length"],
        [["breachLimit"], clock.breachLimit, "The breach limit"],
        ...clock.warnings.map((w, j): [(string | number)[], string, string] => [["warnings", j, "percent"], w.percent, "A warning"]),
        ...clock.ladder.map((r, j): [(string | number)[], string, string] => [["ladder", j, "delay"], r.delay, "The delay"]),
      ];
      for (const [path, text, what] of numbers) {
        const parsed = parseNumber(text, what);
        if (!parsed.ok) report(path, parsed.message);
      }
      clock.warnings.forEach((w, j) => {
        if (w.percent.trim() === "") report(["warnings", j, "percent"], "Type a percentage or remove this warning");
      });
      if (clock.length.trim() === "") report(["length"], clock.lengthUnit === "multiplier" ? "Type the multiplier, e.g. 2" : "Type how long the clock runs");
      if (clock.lengthUnit === "multiplier" && !MULTIPLIER_CLOCKS.includes(clock.id)) report(["length"], "This clock has no reference length to multiply: use minutes or hours");
      const policy = clockFromForm(clock);
      if (policy.durationMinutes !== undefined && Number.isFinite(policy.durationMinutes) && !Number.isInteger(policy.durationMinutes)) {
        report(["length"], "The length must come to whole minutes");
      }
      policy.escalation.forEach((e, j) => {
        if (e.afterBreachMinutes !== undefined && Number.isFinite(e.afterBreachMinutes) && !Number.isInteger(e.afterBreachMinutes)) report(["ladder", j, "delay"], "The delay must come to whole minutes");
      });
      const result = ZSlaClock.safeParse(policy);
      if (!result.success) {
        for (const issue of result.error.issues) report(clockFormPath(issue.path), formMessage(issue.path, issue.message));
      }
    });
  });
export type TSlaClocksForm = z.infer<typeof ZSlaClocksForm>;

/** What the save action receives: the form plus the version the editor started from. */
export const ZSaveSlaClocks = ZSlaClocksForm.and(z.object({ baseVersionId: z.uuid("The editor lost track of its policy version; reload the page") }));
export type TSaveSlaClocks = z.infer<typeof ZSaveSlaClocks>;
