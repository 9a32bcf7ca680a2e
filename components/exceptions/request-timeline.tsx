import type { TTimelineItem } from "@/lib/engine/approvals/timeline";
import { formatDateTime } from "@/lib/format";

/** The decision log of one request, oldest first, in plain words. */
export function RequestTimeline({ items, timeZone }: { items: TTimelineItem[]; timeZone: string }) {
  if (items.length === 0) return <p className="text-sm text-slate-600">Nothing logged for this request yet. Submitting it, and every decision on it, will show here.</p>;
  return (
    <ol className="space-y-3 border-l border-slate-200 pl-4" aria-label="Timeline">
      {items.map((item) => (
        <li key={item.id} className="text-sm">
          <time className="block text-xs text-slate-500" dateTime={item.at.toISOString()}>{formatDateTime(item.at, timeZone)}</time>
          <span>{item.text}</span>
          {item.details.length ? (
            <ul className="mt-1 list-disc pl-5 text-xs text-slate-600">
              {item.details.map((d) => <li key={d}>{d}</li>)}
            </ul>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
