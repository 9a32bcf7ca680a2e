"use server";
import { revalidatePath } from "next/cache";
import { publicHolidaysFor, UnknownCountryError } from "@/lib/engine/sla/holidays";
import { ZPublicHolidaysRequest, ZSaveSlaCalendars } from "@/lib/schemas/sla-calendars";
import { defineAction } from "@/lib/server/action";
import { validationError } from "@/lib/server/errors";
import { saveSlaCalendars } from "@/lib/server/sla-calendars/save-sla-calendars";

export const saveSlaCalendarsAction = defineAction({ name: "saveSlaCalendars", input: ZSaveSlaCalendars, permission: "policies.edit" }, async (input, { user }) => {
  const saved = await saveSlaCalendars({ actor: user, input });
  revalidatePath("/sla/calendars");
  revalidatePath("/policies", "layout");
  return saved;
});

/** Public holidays of a country and year from the holiday library, for the editor to add. */
export const publicHolidaysAction = defineAction({ name: "publicHolidays", input: ZPublicHolidaysRequest, permission: "policies.edit" }, async ({ country, year }) => {
  try {
    return publicHolidaysFor(country, [year]);
  } catch (error) {
    if (error instanceof UnknownCountryError) throw validationError(error.message, { country: [error.message] });
    throw error;
  }
});
