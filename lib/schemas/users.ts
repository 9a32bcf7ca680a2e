import { z } from "zod";

export const ROLES = ["REP", "SALES_MANAGER", "VP_SALES", "DEAL_DESK", "FINANCE", "LEGAL", "REVOPS", "EXEC", "ADMIN"] as const;

export const ROLE_LABELS: Record<(typeof ROLES)[number], string> = {
  REP: "Rep (AE/SDR)",
  SALES_MANAGER: "Sales manager",
  VP_SALES: "VP Sales",
  DEAL_DESK: "Deal desk",
  FINANCE: "Finance",
  LEGAL: "Legal",
  REVOPS: "RevOps",
  EXEC: "Executive",
  ADMIN: "Admin",
};

const ZTimezone = z.string().trim().refine(
  (tz) => {
    try {
      new Intl.DateTimeFormat("en", { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  },
  { message: "Unknown timezone: use an IANA name such as Europe/Berlin" },
);

export const ZCreateUser = z.object({
  email: z.string().trim().toLowerCase().email("Enter a valid e-mail address").max(320),
  name: z.string().trim().min(2, "Enter the person's name").max(120),
  role: z.enum(ROLES, { message: "Choose a role" }),
  timezone: ZTimezone.default("UTC"),
  password: z.string().min(12, "Use at least 12 characters").max(200),
});
export type TCreateUser = z.infer<typeof ZCreateUser>;

export const ZUserIdInput = z.object({ userId: z.string().uuid("Unknown user") });
export type TUserIdInput = z.infer<typeof ZUserIdInput>;

export const ZSignIn = z.object({
  email: z.string().trim().min(1, "Enter your e-mail").email("Enter a valid e-mail address"),
  password: z.string().min(1, "Enter your password"),
  callbackUrl: z.string().optional(),
});
export type TSignIn = z.infer<typeof ZSignIn>;
