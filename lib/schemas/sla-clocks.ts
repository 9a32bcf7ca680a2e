import { z } from "zod";

export const ZClockPauseInput = z.object({
  reason: z.string({ message: "Say why (at least 5 characters), e.g. waiting on the customer" }).trim().min(5, "Say why (at least 5 characters), e.g. waiting on the customer").max(300, "Keep the reason under 300 characters"),
});
export type TClockPauseInput = z.infer<typeof ZClockPauseInput>;
