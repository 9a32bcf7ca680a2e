import "server-only";
import type { TSessionUser } from "../auth/session-user";
import { db } from "../db";
import { appendDecision } from "../decision-log";
import { DomainError, forbidden } from "../errors";
import { roleCan, type TAction } from "./permissions";

/** The one permission check. Unknown actions are denied by the table itself. */
export function can(user: Pick<TSessionUser, "role">, action: TAction): boolean {
  return roleCan(user.role, action);
}

export function assertCan(user: Pick<TSessionUser, "id" | "role">, action: TAction, what?: string): void {
  if (!roleCan(user.role, action)) {
    throw forbidden(`Your role (${user.role.replaceAll("_", " ").toLowerCase()}) may not ${what ?? describeAction(action)}.`);
  }
}

function describeAction(action: TAction): string {
  return `do this (${action})`;
}

/** Access denials are decisions too: they go to the log, in their own transaction. */
export async function logAccessDenied(user: { id: string; role: string } | null, target: string, error: DomainError): Promise<void> {
  try {
    await db().$transaction((tx) =>
      appendDecision(tx, {
        kind: "auth.access_denied",
        subjectType: "route",
        subjectId: target,
        actorId: user?.id ?? null,
        input: { target, role: user?.role ?? null },
        output: { code: error.code },
        reasons: [error.message],
      }),
    );
  } catch (logError) {
    console.error("[arbiter] could not log access denial", logError);
  }
}
