import "server-only";
import type { TSaveImportMapping } from "@/lib/schemas/import";
import type { TSessionUser } from "../auth/session-user";
import { assertCan } from "../authz/assert-can";
import { db } from "../db";

/** Saves (or replaces) a named mapping for a kind of import, for the next file from the same source. */
export async function saveImportMapping(options: { actor: Pick<TSessionUser, "id" | "role">; input: TSaveImportMapping }) {
  assertCan(options.actor, "imports.run", "save import mappings");
  const { kind, name, mapping } = options.input;
  return db().importMapping.upsert({
    where: { kind_name: { kind, name } },
    create: { kind, name, mapping, createdById: options.actor.id },
    update: { mapping },
    select: { id: true, kind: true, name: true },
  });
}
