import Link from "next/link";
import { NewRoutingDraftButton } from "./new-draft-button";

/** On the routing versions page: open a draft in the matrix editor, or (page level) start a draft and see the pools. */
export function RoutingVersionLinks({ canEdit, draftId }: { canEdit: boolean; draftId?: string }) {
  if (draftId) {
    return (
      <Link href={`/policies/routing/edit/${draftId}`} className="mt-2 inline-block text-sm font-medium text-brand-700 underline">
        Open in the matrix editor
      </Link>
    );
  }
  return (
    <div className="mb-4 flex flex-wrap items-center gap-3">
      {canEdit ? <NewRoutingDraftButton label="New draft from the published matrix" /> : null}
      <Link href="/policies/routing/pools" className="text-sm font-medium text-brand-700 underline">
        Pool status: who is available now
      </Link>
    </div>
  );
}
