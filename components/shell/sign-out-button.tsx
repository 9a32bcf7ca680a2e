"use client";
import { useTransition } from "react";
import { signOutAction } from "@/app/(auth)/actions";

export function SignOutButton() {
  const [pending, start] = useTransition();
  return (
    <button
      type="button"
      disabled={pending}
      onClick={() => start(async () => void (await signOutAction({})))}
      className="mt-2 text-sm font-medium text-brand-700 underline disabled:text-slate-400"
    >
      {pending ? "Signing out…" : "Sign out"}
    </button>
  );
}
