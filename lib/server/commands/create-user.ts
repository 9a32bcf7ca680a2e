import "server-only";
import type { TCreateUser } from "@/lib/schemas/users";
import type { TSessionUser } from "../auth/session-user";
import { db } from "../db";
import { appendDecision } from "../decision-log";
import { conflict } from "../errors";
import { hashPassword } from "../password";

const UNIQUE_VIOLATION = "P2002";

export async function createUser(options: { actor: Pick<TSessionUser, "id"> | null; input: TCreateUser }) {
  const { actor, input } = options;
  const passwordHash = await hashPassword(input.password);
  try {
    return await db().$transaction(async (tx) => {
      const user = await tx.user.create({
        data: { email: input.email, name: input.name, role: input.role, timezone: input.timezone, passwordHash },
        select: { id: true, email: true, name: true, role: true },
      });
      await appendDecision(tx, {
        kind: "user.created",
        subjectType: "user",
        subjectId: user.id,
        actorId: actor?.id ?? null,
        input: { email: input.email, name: input.name, role: input.role, timezone: input.timezone },
        output: { userId: user.id },
        reasons: [`${input.name} was added as ${input.role}.`],
      });
      return user;
    });
  } catch (error) {
    if ((error as { code?: string }).code === UNIQUE_VIOLATION) throw conflict(`A user with the e-mail ${input.email} already exists.`);
    throw error;
  }
}
