import { z } from "zod";

// One lead as it arrives by form, API or import row. Unknown fields are refused rather than
// silently dropped, so a typo in an integration shows up as an error, not as lost data.

export const LEAD_SOURCES_OF_TRUTH = ["CRM", "MANUAL", "API", "FORM", "IMPORT"] as const;
export type TLeadChannel = (typeof LEAD_SOURCES_OF_TRUTH)[number];

const text = (max: number, what: string) => z.string().trim().max(max, `${what} is at most ${max} characters`);
const optionalText = (max: number, what: string) =>
  text(max, what)
    .optional()
    .transform((v) => (v === "" ? undefined : v));

export const ZCustomAttributeValue = z.union([z.string().max(500, "Custom values are at most 500 characters"), z.number().finite(), z.boolean(), z.null()], {
  error: "Custom attribute values are text, numbers, true/false or null",
});

const CUSTOM_NAME = /^[A-Za-z][A-Za-z0-9_]{0,49}$/;

export const ZLeadInput = z
  .strictObject(
    {
      email: z.string().trim().toLowerCase().email("Enter a valid e-mail address").max(320).optional().or(z.literal("").transform(() => undefined)),
      externalId: optionalText(100, "externalId"),
      firstName: optionalText(100, "First name"),
      lastName: optionalText(100, "Last name"),
      title: optionalText(200, "Title"),
      company: optionalText(200, "Company"),
      phone: optionalText(50, "Phone").refine((v) => v === undefined || /^[+()0-9 .\-x]{3,50}$/i.test(v), "Phone numbers use digits, spaces and + ( ) - . only"),
      country: optionalText(80, "Country"),
      industry: optionalText(100, "Industry"),
      employees: z.number({ error: "employees must be a number" }).int("employees must be a whole number").min(0).max(10_000_000).optional(),
      source: optionalText(60, "Source"),
      productInterest: optionalText(100, "Product interest"),
      language: z
        .string()
        .trim()
        .regex(/^[a-z]{2}(-[A-Za-z]{2})?$/, 'Language is a code such as "en" or "de-AT"')
        .optional(),
      isPartnerSourced: z.boolean({ error: "isPartnerSourced must be true or false" }).optional(),
      customAttributes: z
        .record(z.string(), ZCustomAttributeValue)
        .superRefine((record, ctx) => {
          const names = Object.keys(record);
          if (names.length > 50) ctx.addIssue({ code: "custom", message: "At most 50 custom attributes" });
          for (const name of names) {
            if (!CUSTOM_NAME.test(name)) ctx.addIssue({ code: "custom", path: [name], message: "Custom attribute names start with a letter and use letters, digits and _ (at most 50)" });
          }
        })
        .optional(),
    },
    { error: (issue) => (issue.code === "unrecognized_keys" ? `Unknown field(s): ${issue.keys.join(", ")}` : undefined) },
  )
  .refine((l) => Boolean(l.email || l.externalId), { message: "A lead needs an e-mail or an externalId", path: ["email"] });

export type TLeadInput = z.infer<typeof ZLeadInput>;

export const MAX_BATCH = 1_000;
export const ZLeadBatch = z.strictObject({
  leads: z.array(z.unknown()).min(1, "Send at least one lead").max(MAX_BATCH, `A batch holds at most ${MAX_BATCH} leads; split larger sets`),
});
