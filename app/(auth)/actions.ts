"use server";
import { headers } from "next/headers";
import { AuthError, CredentialsSignin } from "next-auth";
import { z } from "zod";
import { ZSignIn } from "@/lib/schemas/users";
import { definePublicAction } from "@/lib/server/action";
import { clientIp } from "@/lib/server/auth/client-ip";
import { secondsUntilUnlocked } from "@/lib/server/auth/login-throttle";
import { signIn, signOut } from "@/lib/server/auth/next-auth";
import { DomainError } from "@/lib/server/errors";

/** Only same-site paths: an open redirect after sign-in would be a phishing aid. */
function safeCallback(url: string | undefined): string {
  return url && url.startsWith("/") && !url.startsWith("//") ? url : "/";
}

export const signInAction = definePublicAction({ name: "signIn", input: ZSignIn }, async ({ email, password, callbackUrl }) => {
  try {
    await signIn("credentials", { email, password, redirectTo: safeCallback(callbackUrl) });
  } catch (error) {
    if (error instanceof CredentialsSignin && error.code === "throttled") {
      const wait = await secondsUntilUnlocked({ email, ip: clientIp(await headers()) });
      const minutes = Math.max(1, Math.ceil(wait / 60));
      throw new DomainError("THROTTLED", `Too many sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`);
    }
    if (error instanceof AuthError && error.type === "CredentialsSignin") {
      throw new DomainError("VALIDATION_FAILED", "Wrong e-mail or password.");
    }
    throw error;
  }
});

export const signOutAction = definePublicAction({ name: "signOut", input: z.object({}) }, async () => {
  await signOut({ redirectTo: "/login" });
});
