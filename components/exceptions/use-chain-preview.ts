"use client";
import { useEffect, useMemo, useState } from "react";
import { previewExceptionAction } from "@/app/(app)/opportunities/[id]/request/actions";
import { ZExceptionPreview } from "@/lib/schemas/exception-requests";

type TPlan = { outcome: string; reasons: string[]; stages: { index: number; slaBusinessHours: number; approvers: { role: string; reason: string }[] }[] };
export type TChainPreview = { state: "idle" } | { state: "loading" } | { state: "error"; message: string } | { state: "ready"; plan: TPlan };

const DEBOUNCE_MS = 400;

/**
 * Asks the server for the chain as the deviations change, debounced. Answers are stored
 * with the input they answer, so a stale answer never shows for newer input.
 */
export function useChainPreview(opportunityId: string, deviations: unknown): TChainPreview {
  const key = JSON.stringify(deviations);
  const parsed = useMemo(() => ZExceptionPreview.safeParse({ opportunityId, deviations: JSON.parse(key) as unknown }), [opportunityId, key]);
  const [answer, setAnswer] = useState<{ key: string; preview: TChainPreview } | null>(null);
  useEffect(() => {
    if (!parsed.success) return;
    let current = true;
    const timer = setTimeout(async () => {
      const result = await previewExceptionAction(parsed.data);
      if (current) setAnswer({ key, preview: result.ok ? { state: "ready", plan: result.data } : { state: "error", message: result.error.message } });
    }, DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [parsed, key]);
  if (!parsed.success) return { state: "idle" };
  return answer?.key === key ? answer.preview : { state: "loading" };
}
