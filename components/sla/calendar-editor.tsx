"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useFieldArray, useForm, useWatch, type FieldErrors } from "react-hook-form";
import { saveSlaCalendarsAction } from "@/app/(app)/sla/calendars/actions";
import { Button } from "@/components/ui/button";
import { describedBy, Field, SelectInput, TextInput } from "@/components/ui/field";
import { WEEKDAYS } from "@/lib/schemas/policies/sla";
import { ZSlaCalendarsForm, type TCalendarForm, type TSlaCalendarsForm } from "@/lib/schemas/sla-calendars";
import { HolidayList } from "./holiday-list";
import { SlaDraftBanner } from "./sla-draft-banner";

const DAY_NAMES: Record<(typeof WEEKDAYS)[number], string> = { mon: "Monday", tue: "Tuesday", wed: "Wednesday", thu: "Thursday", fri: "Friday", sat: "Saturday", sun: "Sunday" };

const BLANK: TCalendarForm = {
  id: "",
  name: "",
  region: "",
  timezone: "UTC",
  hours: { mon: "09:00-17:00", tue: "09:00-17:00", wed: "09:00-17:00", thu: "09:00-17:00", fri: "09:00-17:00", sat: "", sun: "" },
  holidays: [],
};

type TProps = {
  baseVersionId: string;
  baseLabel: string;
  initial: TSlaCalendarsForm;
  countries: { code: string; name: string }[];
  defaultYear: number;
};

function arrayError(e: unknown): string | undefined {
  const err = e as { message?: string; root?: { message?: string } } | undefined;
  return err?.message ?? err?.root?.message;
}

/** Edits the SLA policy's calendars and saves them into a draft version; errors show beside each field as you type. */
export function CalendarEditor({ baseVersionId, baseLabel, initial, countries, defaultYear }: TProps) {
  const [base, setBase] = useState({ id: baseVersionId, label: baseLabel });
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string; version?: number } | null>(null);
  const { register, control, handleSubmit, setValue, setError, formState } = useForm<TSlaCalendarsForm>({
    resolver: zodResolver(ZSlaCalendarsForm),
    mode: "onBlur",
    reValidateMode: "onChange",
    defaultValues: initial,
  });
  const { fields, append, remove } = useFieldArray({ control, name: "calendars" });
  const calendars = useWatch({ control, name: "calendars" });
  const { errors, isSubmitting } = formState;
  const calErrors = (i: number): FieldErrors<TCalendarForm> | undefined => errors.calendars?.[i];

  const onSubmit = handleSubmit(async (values) => {
    setMessage(null);
    const result = await saveSlaCalendarsAction({ ...values, baseVersionId: base.id });
    if (result.ok) {
      setBase({ id: result.data.id, label: `draft version ${result.data.version}` });
      setMessage({ tone: "success", text: result.data.created ? `Saved as new draft version ${result.data.version}.` : `Saved into draft version ${result.data.version}.`, version: result.data.version });
      return;
    }
    for (const [path, messages] of Object.entries(result.error.fields ?? {})) {
      const m = /^calendars\.(\d+)\.(\w+)(?:\.(\w+))?/.exec(path);
      if (m && m[2] === "workingHours") setError(`calendars.${Number(m[1])}.hours.${(m[3] ?? "mon") as "mon"}`, { message: messages[0] });
      else if (m && ["id", "name", "region", "timezone", "holidays"].includes(m[2]!)) setError(`calendars.${Number(m[1])}.${m[2] as "id"}`, { message: messages[0] });
      else if (path === "defaultCalendarId") setError("defaultCalendarId", { message: messages[0] });
    }
    setMessage({ tone: "error", text: result.error.message });
  });

  return (
    <form onSubmit={onSubmit} noValidate aria-label="SLA calendars" className="flex flex-col gap-6">
      <SlaDraftBanner editing={base.label} untilPublished="the clocks keep using the published calendars" message={message} />
      {fields.map((field, i) => {
        const e = calErrors(i);
        const id = (name: string) => `cal-${i}-${name}`;
        const name = calendars?.[i]?.name || `Calendar ${i + 1}`;
        return (
          <fieldset key={field.id} className="rounded-lg border border-slate-200 bg-white p-4" aria-labelledby={id("legend")}>
            <div className="mb-3 flex items-center justify-between">
              <h2 id={id("legend")} className="font-semibold">
                {name}
              </h2>
              {fields.length > 1 ? (
                <Button type="button" variant="danger" onClick={() => remove(i)} aria-label={`Remove calendar ${name}`}>
                  Remove calendar
                </Button>
              ) : null}
            </div>
            <div className="grid gap-3 md:grid-cols-4">
              {(
                [
                  ["id", "Id", "Short and stable, e.g. emea: clocks refer to it"],
                  ["name", "Name", undefined],
                  ["region", "Region", "NA, EMEA, APAC… or blank for a general calendar"],
                  ["timezone", "Time zone", "IANA name such as Europe/Berlin"],
                ] as const
              ).map(([key, label, hint]) => (
                <Field key={key} id={id(key)} label={label} hint={hint} error={e?.[key]?.message}>
                  <TextInput id={id(key)} aria-invalid={e?.[key] ? true : undefined} aria-describedby={describedBy(id(key), e?.[key]?.message, hint)} {...register(`calendars.${i}.${key}`)} />
                </Field>
              ))}
            </div>
            <fieldset className="mt-4">
              <legend className="text-sm font-medium text-slate-700">Working hours (local time; split hours with a comma, e.g. 09:00-12:30, 13:30-17:00; blank = day off)</legend>
              <div className="mt-2 grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
                {WEEKDAYS.map((d) => (
                  <Field key={d} id={id(`hours-${d}`)} label={DAY_NAMES[d]} error={e?.hours?.[d]?.message}>
                    <TextInput id={id(`hours-${d}`)} placeholder="day off" aria-invalid={e?.hours?.[d] ? true : undefined} aria-describedby={describedBy(id(`hours-${d}`), e?.hours?.[d]?.message)} {...register(`calendars.${i}.hours.${d}`)} />
                  </Field>
                ))}
              </div>
            </fieldset>
            <div className="mt-4">
              <HolidayList
                idPrefix={id("holidays")}
                calendarName={name}
                region={calendars?.[i]?.region ?? ""}
                holidays={calendars?.[i]?.holidays ?? []}
                onChange={(next) => setValue(`calendars.${i}.holidays`, next, { shouldValidate: true, shouldDirty: true })}
                error={arrayError(e?.holidays)}
                countries={countries}
                defaultYear={defaultYear}
              />
            </div>
          </fieldset>
        );
      })}
      <div className="flex flex-wrap items-end gap-4">
        <Button type="button" variant="secondary" onClick={() => append({ ...BLANK, id: `calendar-${fields.length + 1}`, name: `Calendar ${fields.length + 1}` })}>
          Add a calendar
        </Button>
        <Field id="default-calendar" label="Default calendar (for anything unresolved)" error={errors.defaultCalendarId?.message}>
          <SelectInput id="default-calendar" aria-invalid={errors.defaultCalendarId ? true : undefined} {...register("defaultCalendarId")}>
            {(calendars ?? []).map((c, i) => (
              <option key={i} value={c.id}>
                {c.name || c.id}
              </option>
            ))}
          </SelectInput>
        </Field>
        {errors.calendars?.root?.message ? <p role="alert" className="text-sm text-red-700">{errors.calendars.root.message}</p> : null}
        <Button type="submit" disabled={isSubmitting} className="ml-auto">
          {isSubmitting ? "Saving…" : "Save to draft"}
        </Button>
      </div>
    </form>
  );
}
