import Link from "next/link";
import { Notice } from "@/components/ui/notice";

/**
 * The top of the SLA editors (calendars, clock settings): which version is being edited, that
 * saving writes a draft the clocks do not use until it is published, and the last save's outcome
 * with a link to publish it.
 */
export function SlaDraftBanner({ editing, untilPublished, message }: { editing: string; untilPublished: string; message: { tone: "error" | "success"; text: string } | null }) {
  return (
    <>
      <p className="text-sm text-slate-600">
        Editing <strong>{editing}</strong>. Saving writes a draft; {untilPublished} until the draft is published on the{" "}
        <Link href="/policies/sla" className="font-medium text-brand-700 underline">
          SLA policy page
        </Link>
        .
      </p>
      {message ? (
        <Notice tone={message.tone}>
          {message.text}{" "}
          {message.tone === "success" ? (
            <Link href="/policies/sla" className="font-medium underline">
              Review and publish it
            </Link>
          ) : null}
        </Notice>
      ) : null}
    </>
  );
}
