// Step 2b of intake: merge an incoming lead into the stored one.
// - The most recent non-empty value wins per field;
// - except that a field last set by a stronger source (the CRM, the system of record, or a
//   person editing by hand) is never overwritten by a weaker one (API, form, import).
// Every kept or changed field is explained, because the merge is a decision like any other.
import type { TLeadChannel } from "@/lib/schemas/leads";
import type { TCustomAttribute, TNormalisedLead } from "./normalise";

export const SOURCE_STRENGTH: Record<TLeadChannel, number> = { CRM: 3, MANUAL: 2, API: 1, FORM: 1, IMPORT: 1 };

export type TFieldSources = Record<string, { source: TLeadChannel; at: string }>;

export const MERGEABLE_FIELDS = [
  "email", "externalId", "firstName", "lastName", "title", "company", "phone", "country", "industry", "employees", "source",
  "productInterest", "language", "isPartnerSourced",
] as const satisfies readonly (keyof TNormalisedLead)[];

type TMergeable = (typeof MERGEABLE_FIELDS)[number];
export type TStoredLead = { [K in TMergeable]: TNormalisedLead[K] } & { customAttributes: Record<string, TCustomAttribute>; fieldSources: TFieldSources };

export type TMergeResult = {
  changes: Partial<Record<TMergeable, unknown>> & { customAttributes?: Record<string, TCustomAttribute> };
  fieldSources: TFieldSources;
  reasons: string[];
};

const isEmpty = (v: unknown) => v === null || v === undefined || v === "";

export function mergeLead(stored: TStoredLead, incoming: TNormalisedLead, channel: TLeadChannel, at: Date): TMergeResult {
  const changes: TMergeResult["changes"] = {};
  const fieldSources: TFieldSources = { ...stored.fieldSources };
  const reasons: string[] = [];
  const stamp = { source: channel, at: at.toISOString() };

  const consider = (key: string, current: unknown, next: unknown, apply: () => void) => {
    if (isEmpty(next) || Object.is(current, next)) return;
    const owner = stored.fieldSources[key];
    if (owner && !isEmpty(current) && SOURCE_STRENGTH[owner.source] > SOURCE_STRENGTH[channel]) {
      reasons.push(`Kept ${key} "${String(current)}": set by ${owner.source}, which outranks ${channel}`);
      return;
    }
    apply();
    fieldSources[key] = stamp;
    reasons.push(isEmpty(current) ? `Filled ${key} with "${String(next)}"` : `Updated ${key} from "${String(current)}" to "${String(next)}" (newer ${channel} value)`);
  };

  for (const key of MERGEABLE_FIELDS) {
    consider(key, stored[key], incoming[key], () => {
      (changes as Record<string, unknown>)[key] = incoming[key];
    });
  }
  const custom = { ...stored.customAttributes };
  let customChanged = false;
  for (const [name, attr] of Object.entries(incoming.customAttributes)) {
    consider(`custom.${name}`, custom[name]?.value, attr.value, () => {
      custom[name] = attr;
      customChanged = true;
    });
  }
  if (customChanged) changes.customAttributes = custom;
  if (reasons.length === 0) reasons.push("Nothing new: every incoming value was empty or already stored");
  return { changes, fieldSources, reasons };
}
