import "server-only";
import type { TPolicyKind } from "@/lib/schemas/policy-inputs";
import { db } from "../db";

export async function listPolicyVersions(kind: TPolicyKind, options: { includeBody?: boolean } = {}) {
  return db().policyVersion.findMany({
    where: { kind },
    orderBy: { version: "desc" },
    select: {
      id: true,
      kind: true,
      version: true,
      status: true,
      name: true,
      body: options.includeBody ?? false,
      changeNote: true,
      kpi: true,
      reviewBy: true,
      createdAt: true,
      publishedAt: true,
      author: { select: { name: true } },
      publishedBy: { select: { name: true } },
    },
  });
}

export async function activePolicySummaries() {
  return db().policyVersion.findMany({
    where: { status: "PUBLISHED" },
    orderBy: { kind: "asc" },
    select: { id: true, kind: true, version: true, name: true, publishedAt: true, reviewBy: true, kpi: true, publishedBy: { select: { name: true } } },
  });
}
