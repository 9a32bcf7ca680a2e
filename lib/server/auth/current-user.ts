import "server-only";
import { cache } from "react";
import { unauthenticated } from "../errors";
import { loadSessionUser } from "./load-session-user";
import { auth } from "./next-auth";
import type { TSessionUser } from "./session-user";

/**
 * The signed-in user, re-read from the database on every request: a deactivated user or a
 * bumped session version loses access at once, even though the JWT itself is still valid.
 */
export const currentUser = cache(async (): Promise<TSessionUser | null> => {
  const session = await auth();
  if (!session?.uid || typeof session.sv !== "number") return null;
  return loadSessionUser(session.uid, session.sv);
});

export async function requireUser(): Promise<TSessionUser> {
  const user = await currentUser();
  if (!user) throw unauthenticated();
  return user;
}
