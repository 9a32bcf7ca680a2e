// Step 1 of batch intake, in memory: validate and normalise every item. Invalid items are
// reported by their index with the same field errors the single path gives; the rest go on.
import { normaliseLead, type TNormalisedLead } from "@/lib/engine/intake/normalise";
import { ZLeadInput } from "@/lib/schemas/leads";
import { fieldErrorsFromZod, type TFieldErrors } from "../../../errors";

export type TValidItem = { index: number; lead: TNormalisedLead };
export type TInvalidItem = { index: number; errors: TFieldErrors };

export function parseBatchItems(raws: readonly unknown[], offset = 0): { valid: TValidItem[]; invalid: TInvalidItem[] } {
  const valid: TValidItem[] = [];
  const invalid: TInvalidItem[] = [];
  raws.forEach((raw, i) => {
    const index = offset + i;
    const parsed = ZLeadInput.safeParse(raw);
    if (!parsed.success) return void invalid.push({ index, errors: fieldErrorsFromZod(parsed.error.issues) });
    const normalised = normaliseLead(parsed.data);
    if (!normalised.ok) return void invalid.push({ index, errors: normalised.fields });
    valid.push({ index, lead: normalised.lead });
  });
  return { valid, invalid };
}
