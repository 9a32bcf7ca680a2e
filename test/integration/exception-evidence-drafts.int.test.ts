// Evidence files (upload, attach, download with the request's own permission check) and
// draft saving of the request form, through the real route handlers and commands.
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { TSessionUser } from "@/lib/server/auth/session-user";
import { saveExceptionDraft } from "@/lib/server/commands/exceptions/save-exception-draft";
import { submitExceptionRequest } from "@/lib/server/commands/exceptions/submit-exception-request";
import { db } from "@/lib/server/db";
import { loadRequestFormContext } from "@/lib/server/queries/exception-request-form";
import { listApprovalQueue } from "@/lib/server/queries/list-work-queues";
import { seedDemo } from "@/prisma/seed";
import { newOpportunity, sessionUser } from "./support/deal-desk";

const session = vi.hoisted(() => ({ user: null as TSessionUser | null }));
vi.mock("@/lib/server/auth/current-user", () => ({ currentUser: async () => session.user, requireUser: async () => session.user }));
const { POST: upload } = await import("@/app/(app)/requests/files/route");
const { GET: download } = await import("@/app/(app)/requests/[id]/files/[fileId]/route");

const ORIGIN = "http://arbiter.test";
const PDF = new TextEncoder().encode("%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n");
const WHY = { justification: "Displacing the incumbent; the customer signs this quarter", impactedKpi: "Win rate" };
const u: Record<string, TSessionUser> = {};

async function uploadAs(user: TSessionUser | null, name: string, bytes: Uint8Array, origin: string | null = ORIGIN) {
  session.user = user;
  const form = new FormData();
  form.set("file", new File([bytes as Uint8Array<ArrayBuffer>], name));
  const headers: Record<string, string> = { host: "arbiter.test" };
  if (origin) headers.origin = origin;
  return upload(new Request(`${ORIGIN}/requests/files`, { method: "POST", body: form, headers }));
}
async function downloadAs(user: TSessionUser, requestId: string, fileId: string) {
  session.user = user;
  return download(new Request(`${ORIGIN}/requests/${requestId}/files/${fileId}`), { params: Promise.resolve({ id: requestId, fileId }) });
}

describe("evidence files and drafts", () => {
  let fileId: string;
  let requestId: string;
  let opportunityId: string;

  beforeAll(async () => {
    await seedDemo({ databaseUrl: process.env.DATABASE_URL!, scale: 0.1, log: () => {} });
    for (const who of ["rep", "rep2", "manager", "vp", "finance"]) u[who] = await sessionUser(`${who}@arbiter.demo`);
    opportunityId = await newOpportunity(u.rep!.id, 10_000);
  });

  it("uploads a PDF for a rep, and refuses the wrong type, another site, no session and a role that may not request", async () => {
    const ok = await uploadAs(u.rep!, "quote.pdf", PDF);
    expect(ok.status).toBe(201);
    const { data } = await ok.json();
    expect(data).toMatchObject({ name: "quote.pdf", size: PDF.byteLength, contentType: "application/pdf" });
    fileId = data.id;
    expect(await db().storedFile.findUniqueOrThrow({ where: { id: fileId }, select: { purpose: true, uploadedById: true } })).toEqual({ purpose: "EVIDENCE", uploadedById: u.rep!.id });

    const exe = await uploadAs(u.rep!, "tool.exe", new Uint8Array([0x4d, 0x5a, 1, 2]));
    expect(exe.status).toBe(422);
    expect((await exe.json()).error.message).toMatch(/only pdf, png, jpg, docx, xlsx, csv, txt/);
    const disguised = await uploadAs(u.rep!, "quote.pdf", new TextEncoder().encode("<html><script>alert(1)</script>"));
    expect((await disguised.json()).error.message).toBe("quote.pdf does not look like a .pdf file");
    expect((await uploadAs(u.rep!, "quote.pdf", PDF, "https://evil.example")).status).toBe(403);
    expect((await uploadAs(u.rep!, "quote.pdf", PDF, null)).status).toBe(403);
    expect((await uploadAs(null, "quote.pdf", PDF)).status).toBe(401);
    expect((await uploadAs(u.finance!, "quote.pdf", PDF)).status).toBe(403);
    expect(await db().storedFile.count({ where: { purpose: "EVIDENCE" } })).toBe(1);
  });

  it("saves an unfinished form as a draft, updates the same draft, and offers it back on the form", async () => {
    const first = await saveExceptionDraft({ actor: u.rep!, input: { opportunityId, deviations: [{ type: "DISCOUNT", discountPct: 27 }], justification: "tbd", impactedKpi: "", evidenceLinks: [], attachmentIds: [] } });
    const second = await saveExceptionDraft({
      actor: u.rep!,
      input: { opportunityId, deviations: [{ type: "DISCOUNT", discountPct: 27 }], justification: "Waiting for the seat count", impactedKpi: "Win rate", evidenceLinks: ["https://crm.example.com/notes/7"], attachmentIds: [fileId] },
    });
    expect(second.draftId).toBe(first.draftId);
    const draft = await db().exceptionRequest.findUniqueOrThrow({ where: { id: first.draftId } });
    expect(draft).toMatchObject({ status: "DRAFT", submittedAt: null, plan: null, tier: null, justification: "Waiting for the seat count" });
    // A draft locks nothing and asks nobody.
    await db().opportunity.update({ where: { id: opportunityId }, data: { paymentTermsDays: 30 } });
    expect((await listApprovalQueue(u.manager!)).some((s) => s.request.id === first.draftId)).toBe(false);

    const form = await loadRequestFormContext(u.rep!, opportunityId, undefined);
    expect(form?.draft).toMatchObject({
      draftId: first.draftId,
      deviations: [{ type: "DISCOUNT", discountPct: 27 }],
      evidenceLinks: ["https://crm.example.com/notes/7"],
      attachments: [{ id: fileId, name: "quote.pdf", size: PDF.byteLength }],
    });
    // Nobody else's form sees it, and nobody else may save into it.
    await expect(saveExceptionDraft({ actor: u.rep2!, input: { opportunityId, draftId: first.draftId, deviations: [{ type: "OTHER" }], justification: "", impactedKpi: "", evidenceLinks: [], attachmentIds: [] } })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("refuses to attach a file someone else uploaded", async () => {
    const theirs = await (await uploadAs(u.rep2!, "theirs.pdf", PDF)).json();
    await expect(
      saveExceptionDraft({ actor: u.rep!, input: { opportunityId, deviations: [{ type: "DISCOUNT", discountPct: 27 }], justification: "", impactedKpi: "", evidenceLinks: [], attachmentIds: [theirs.data.id] } }),
    ).rejects.toMatchObject({ code: "VALIDATION_FAILED", message: expect.stringMatching(/not found among your uploads/) });
  });

  it("submits the draft as the request (same id) with its file, planned and pending", async () => {
    const { draft } = (await loadRequestFormContext(u.rep!, opportunityId, undefined))!;
    const result = await submitExceptionRequest({ actor: u.rep!, input: { opportunityId, deviations: [{ type: "DISCOUNT", discountPct: 27 }], ...WHY, evidenceLinks: ["https://crm.example.com/notes/7"], attachmentIds: [fileId], draftId: draft!.draftId } });
    requestId = result.requestId;
    expect(requestId).toBe(draft!.draftId);
    const request = await db().exceptionRequest.findUniqueOrThrow({ where: { id: requestId } });
    expect(request).toMatchObject({ status: "PENDING", tier: "REGION_VP" });
    expect(request.evidence).toEqual([{ url: "https://crm.example.com/notes/7" }, { fileId, name: "quote.pdf", size: PDF.byteLength, contentType: "application/pdf" }]);
    expect((await loadRequestFormContext(u.rep!, opportunityId, undefined))?.draft).toBeNull();
    await expect(submitExceptionRequest({ actor: u.rep!, input: { opportunityId, deviations: [{ type: "DISCOUNT", discountPct: 27 }], ...WHY, evidenceLinks: [], draftId: draft!.draftId } })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("downloads the file as an attachment, nosniff, for those who may see the request; 404 for anyone else", async () => {
    for (const who of ["rep", "manager", "vp", "finance"]) {
      const res = await downloadAs(u[who]!, requestId, fileId);
      expect(res.status, who).toBe(200);
      expect(res.headers.get("content-disposition")).toBe(`attachment; filename="quote.pdf"; filename*=UTF-8''quote.pdf`);
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("content-type")).toBe("application/pdf");
      expect(new Uint8Array(await res.arrayBuffer())).toEqual(PDF);
    }
    expect((await downloadAs(u.rep2!, requestId, fileId)).status).toBe(404);
    // A file that exists but that this request does not name.
    const other = (await db().storedFile.findFirstOrThrow({ where: { uploadedById: u.rep2!.id } })).id;
    expect((await downloadAs(u.rep!, requestId, other)).status).toBe(404);
    expect((await downloadAs(u.rep!, requestId, "not-an-id")).status).toBe(404);
  });
});
