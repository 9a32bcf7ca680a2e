import "server-only";
import { redirect } from "next/navigation";
import { currentUser } from "./auth/current-user";
import type { TSessionUser } from "./auth/session-user";
import { logAccessDenied } from "./authz/assert-can";
import { roleCan, type TAction } from "./authz/permissions";
import { forbidden } from "./errors";

/** For pages: the signed-in user, or a redirect to the sign-in page. */
export async function requirePageUser(): Promise<TSessionUser> {
  const user = await currentUser();
  if (!user) redirect("/login");
  return user;
}

/**
 * For pages behind a permission: returns the user when allowed; otherwise logs the denial and
 * returns `denied` so the page renders the access-denied view instead of any data.
 */
export async function pageAccess(
  action: TAction | TAction[],
  page: string,
): Promise<{ user: TSessionUser; denied: false } | { user: TSessionUser; denied: true }> {
  const user = await requirePageUser();
  // A list means any one of the actions opens the page (e.g. own leads or all leads).
  if ((Array.isArray(action) ? action : [action]).some((a) => roleCan(user.role, a))) return { user, denied: false };
  await logAccessDenied(user, `page:${page}`, forbidden(`Role ${user.role} may not open ${page}`));
  return { user, denied: true };
}
