import "server-only";
import type { TSessionUser } from "../../auth/session-user";
import { db } from "../../db";
import { appendDecision } from "../../decision-log";
import { forbidden, type DomainError } from "../../errors";
import { SUBJECT } from "./request-state";

/**
 * A refused decision is a decision too: logged as "auth.access_denied" with the engine's
 * reason, in its own transaction (the refused one rolled back). The returned error is
 * marked so the action and API wrappers do not log it a second time.
 */
export async function refuse(actor: TSessionUser, requestId: string, reason: string, input: unknown): Promise<DomainError> {
  const error = forbidden(reason);
  try {
    await db().$transaction((tx) =>
      appendDecision(tx, { kind: "auth.access_denied", subjectType: SUBJECT, subjectId: requestId, actorId: actor.id, input: { ...(input as object), role: actor.role }, output: { code: "FORBIDDEN" }, reasons: [reason] }),
    );
    error.accessDenialLogged = true;
  } catch (logError) {
    console.error("[arbiter] could not log a refused approval decision", logError);
  }
  return error;
}

/** Thrown inside a transaction to roll it back; turned into a logged FORBIDDEN outside. */
export class Refusal extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = "Refusal";
  }
}
