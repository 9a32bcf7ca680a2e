"use client";
import { useState } from "react";
import { publicHolidaysAction } from "@/app/(app)/sla/calendars/actions";
import { Button } from "@/components/ui/button";
import { mergeHolidays } from "@/lib/engine/sla/holidays-merge";

const CONTROL = "rounded-md border border-slate-300 bg-white px-3 py-2 text-sm";
/** A sensible first guess of the country whose public holidays a region's calendar wants. */
const REGION_COUNTRY: Record<string, string> = { NA: "US", EMEA: "GB", APAC: "SG" };

type TProps = {
  idPrefix: string;
  calendarName: string;
  region: string;
  holidays: string[];
  onChange: (next: string[]) => void;
  error?: string;
  countries: { code: string; name: string }[];
  defaultYear: number;
};

/** A calendar's holidays: remove one, add one date, or add a country's public holidays for a year. */
export function HolidayList({ idPrefix, calendarName, region, holidays, onChange, error, countries, defaultYear }: TProps) {
  const [date, setDate] = useState("");
  const [country, setCountry] = useState(REGION_COUNTRY[region.trim().toUpperCase()] ?? "");
  const [year, setYear] = useState(String(defaultYear));
  const [status, setStatus] = useState<{ tone: "ok" | "error"; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function addPublicHolidays() {
    setStatus(null);
    setBusy(true);
    try {
      const result = await publicHolidaysAction({ country, year });
      if (!result.ok) {
        setStatus({ tone: "error", text: result.error.fields?.country?.[0] ?? result.error.fields?.year?.[0] ?? result.error.message });
        return;
      }
      const dates = result.data.map((h) => h.date);
      const fresh = dates.filter((d) => !holidays.includes(d)).length;
      onChange(mergeHolidays(holidays, dates));
      const name = countries.find((c) => c.code === country)?.name ?? country;
      setStatus({ tone: "ok", text: `Added ${fresh} public holiday${fresh === 1 ? "" : "s"} for ${name} ${year}${dates.length > fresh ? ` (${dates.length - fresh} already listed)` : ""}. Save to keep them.` });
    } finally {
      setBusy(false);
    }
  }

  return (
    <fieldset className="flex flex-col gap-2">
      <legend className="text-sm font-medium text-slate-700">Holidays ({holidays.length})</legend>
      {holidays.length === 0 ? (
        <p className="text-sm text-slate-600">No holidays: business-time clocks run on every working day.</p>
      ) : (
        <ul className="flex max-h-40 flex-wrap gap-1 overflow-y-auto" aria-label={`Holidays of ${calendarName}`}>
          {holidays.map((h) => (
            <li key={h} className="inline-flex items-center gap-1 rounded-full bg-slate-100 py-0.5 pl-2 pr-1 text-xs tabular-nums">
              {h}
              <button type="button" className="rounded-full px-1 text-slate-600 hover:bg-slate-300" aria-label={`Remove holiday ${h}`} onClick={() => onChange(holidays.filter((x) => x !== h))}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      {error ? (
        <p role="alert" className="text-xs font-medium text-red-700">
          {error}
        </p>
      ) : null}
      <div className="flex flex-wrap items-end gap-2">
        <label className="flex flex-col text-xs font-medium text-slate-700">
          One date
          <input type="date" id={`${idPrefix}-date`} value={date} onChange={(e) => setDate(e.target.value)} className={CONTROL} />
        </label>
        <Button type="button" variant="secondary" disabled={!date} onClick={() => { onChange(mergeHolidays(holidays, [date])); setDate(""); }}>
          Add date
        </Button>
        <label className="flex flex-col text-xs font-medium text-slate-700">
          Country
          <select value={country} onChange={(e) => setCountry(e.target.value)} className={CONTROL}>
            <option value="">Choose…</option>
            {countries.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col text-xs font-medium text-slate-700">
          Year
          <input type="number" min={1970} max={2100} value={year} onChange={(e) => setYear(e.target.value)} className={`${CONTROL} w-24`} />
        </label>
        <Button type="button" variant="secondary" disabled={busy || !country} onClick={addPublicHolidays}>
          Add public holidays
        </Button>
      </div>
      {status ? (
        <p role={status.tone === "error" ? "alert" : "status"} className={`text-xs ${status.tone === "error" ? "font-medium text-red-700" : "text-emerald-800"}`}>
          {status.text}
        </p>
      ) : null}
    </fieldset>
  );
}
