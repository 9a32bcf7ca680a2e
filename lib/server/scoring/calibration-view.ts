import "server-only";
import { z } from "zod";
import { DomainError } from "../errors";
import { runCalibration } from "../queries/run-calibration";

/** The calibration page's form, as its query string: a source filter and a target in percent. */
export const ZCalibrationParams = z.object({
  source: z.string().trim().max(60).optional(),
  target: z.enum(["precision", "mqlRate"], { error: "Choose a precision or an MQL-rate target" }).default("precision"),
  percent: z.coerce.number({ error: "The target is a percentage" }).gt(0, "The target is above 0%").max(100, "The target is at most 100%").default(30),
  run: z.literal("1").optional(),
});

export function calibrationParams(query: Record<string, string | string[] | undefined>) {
  const raw = Object.fromEntries(Object.entries(query).flatMap(([k, v]) => (typeof v === "string" && v.trim() !== "" ? [[k, v.trim()]] : [])));
  return ZCalibrationParams.safeParse(raw);
}

/** Runs the calibration for the page; a refusal (too little history) comes back as a message. */
export async function calibrationView(params: z.output<typeof ZCalibrationParams>) {
  try {
    const target = params.target === "precision" ? { precision: params.percent / 100 } : { mqlRate: params.percent / 100 };
    return { ok: true as const, result: await runCalibration({ source: params.source, target }) };
  } catch (error) {
    if (error instanceof DomainError) return { ok: false as const, message: error.message };
    throw error;
  }
}
