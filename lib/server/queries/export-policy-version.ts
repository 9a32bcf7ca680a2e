import "server-only";
import type { TPolicyKind } from "@/lib/schemas/policy-inputs";
import { db } from "../db";
import { notFound } from "../errors";

export type TPolicyExport = {
  kind: TPolicyKind;
  name: string;
  body: unknown;
  kpi: string | null;
  reviewBy: string | null;
  exportedFrom: { version: number; id: string };
};

/** A version as portable JSON: exactly what POST /api/v1/policies/import takes back. */
export async function exportPolicyVersion(versionId: string): Promise<TPolicyExport> {
  const v = await db().policyVersion.findUnique({ where: { id: versionId }, select: { id: true, kind: true, version: true, name: true, body: true, kpi: true, reviewBy: true } });
  if (!v) throw notFound("That policy version");
  return { kind: v.kind, name: v.name, body: v.body, kpi: v.kpi, reviewBy: v.reviewBy ? v.reviewBy.toISOString().slice(0, 10) : null, exportedFrom: { version: v.version, id: v.id } };
}
