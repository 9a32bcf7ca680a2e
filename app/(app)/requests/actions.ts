"use server";
import { revalidatePath } from "next/cache";
import { ZCounterOfferAnswer, ZRequestRef } from "@/lib/schemas/exception-requests";
import { defineAction } from "@/lib/server/action";
import { respondToCounterOffer } from "@/lib/server/commands/exceptions/respond-to-counter-offer";
import { withdrawExceptionRequest } from "@/lib/server/commands/exceptions/withdraw-exception-request";

export const withdrawRequestAction = defineAction({ name: "withdrawRequest", input: ZRequestRef, permission: "exceptions.submit" }, async (input, { user }) => {
  const result = await withdrawExceptionRequest({ actor: user, requestId: input.requestId });
  revalidatePath("/requests");
  return result;
});

export const answerCounterOfferAction = defineAction({ name: "answerCounterOffer", input: ZCounterOfferAnswer, permission: "exceptions.submit" }, async (input, { user }) => {
  const result = await respondToCounterOffer({ actor: user, requestId: input.requestId, accept: input.accept });
  revalidatePath("/requests");
  return result;
});
