import type { TSessionUser } from "@/lib/server/auth/session-user";
import { roleCan } from "@/lib/server/authz/permissions";
import { reassignCandidates } from "@/lib/server/queries/reassign-candidates";
import { ReassignLeadForm } from "./reassign-lead-form";

/** The lead page's reassign section; renders nothing for users who may not reassign (reps). */
export async function ReassignLeadSection({ user, leadId, ownerId }: { user: TSessionUser; leadId: string; ownerId: string | null }) {
  if (!roleCan(user.role, "leads.reassign")) return null;
  const candidates = await reassignCandidates(user);
  return (
    <section aria-labelledby="reassign" className="rounded-lg border border-slate-200 bg-white p-4 xl:col-span-2">
      <h2 id="reassign" className="mb-2 font-semibold">Reassign</h2>
      <ReassignLeadForm leadId={leadId} currentOwnerId={ownerId} candidates={candidates} />
    </section>
  );
}
