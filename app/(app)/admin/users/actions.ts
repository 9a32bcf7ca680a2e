"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { ZCreateUser, ZUserIdInput } from "@/lib/schemas/users";
import { defineAction } from "@/lib/server/action";
import { createUser } from "@/lib/server/commands/create-user";
import { setUserActive } from "@/lib/server/commands/set-user-active";

export const createUserAction = defineAction({ name: "createUser", input: ZCreateUser, permission: "users.manage" }, async (input, { user }) => {
  const created = await createUser({ actor: user, input });
  revalidatePath("/admin/users");
  return created;
});

export const setUserActiveAction = defineAction(
  { name: "setUserActive", input: ZUserIdInput.extend({ active: z.boolean() }), permission: "users.manage" },
  async ({ userId, active }, { user }) => {
    const updated = await setUserActive({ actor: user, userId, active });
    revalidatePath("/admin/users");
    return updated;
  },
);
