import { describe, expect, it } from "vitest";
import { checkEvidenceFile, EVIDENCE_MAX_BYTES } from "./evidence-file-type";

const bytes = (...b: number[]) => new Uint8Array(b);
const text = (s: string) => new TextEncoder().encode(s);
const PDF = text("%PDF-1.7\n");
const PNG = bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0);
const ZIP = bytes(0x50, 0x4b, 0x03, 0x04, 0x14);

describe("checkEvidenceFile", () => {
  it.each<[string, Uint8Array, string]>([
    ["quote.pdf", PDF, "application/pdf"],
    ["screen.PNG", PNG, "image/png"],
    ["photo.jpg", bytes(0xff, 0xd8, 0xff, 0xe0), "image/jpeg"],
    ["photo.jpeg", bytes(0xff, 0xd8, 0xff, 0xe1), "image/jpeg"],
    ["redlines.docx", ZIP, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
    ["seats.xlsx", ZIP, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
    ["seats.csv", text("seat,price\n200,90\n"), "text/csv; charset=utf-8"],
    ["notes.txt", text("Prix négocié — 18 %"), "text/plain; charset=utf-8"],
  ])("accepts %s", (name, head, contentType) => {
    expect(checkEvidenceFile(name, 1000, head)).toEqual({ ok: true, name, contentType });
  });

  it.each<[string, string, number, Uint8Array, string]>([
    ["an executable", "setup.exe", 10, bytes(0x4d, 0x5a), "setup.exe: only pdf, png, jpg, docx, xlsx, csv, txt files are accepted"],
    ["HTML renamed .pdf", "quote.pdf", 10, text("<html><script>"), "quote.pdf does not look like a .pdf file"],
    ["a binary renamed .csv", "data.csv", 10, bytes(0x00, 0x01, 0x02), "data.csv does not look like a .csv file"],
    ["an SVG (scriptable)", "logo.svg", 10, text("<svg>"), "logo.svg: only pdf, png, jpg, docx, xlsx, csv, txt files are accepted"],
    ["no extension", "README", 10, text("hi"), "README: only pdf, png, jpg, docx, xlsx, csv, txt files are accepted"],
    ["an empty file", "a.txt", 0, bytes(), "a.txt is empty"],
    ["one byte over 10 MB", "big.pdf", EVIDENCE_MAX_BYTES + 1, PDF, "big.pdf is 10.0 MB; files are at most 10 MB"],
  ])("refuses %s", (_what, name, size, head, reason) => {
    expect(checkEvidenceFile(name, size, head)).toEqual({ ok: false, reason });
  });

  it("accepts exactly 10 MB, and keeps a safe base name", () => {
    expect(checkEvidenceFile("big.pdf", EVIDENCE_MAX_BYTES, PDF).ok).toBe(true);
    expect(checkEvidenceFile('C:\\Users\\x\\"quo\nte".pdf', 5, PDF)).toMatchObject({ ok: true, name: "quote.pdf" });
    expect(checkEvidenceFile("../../etc/notes.txt", 5, text("x"))).toMatchObject({ ok: true, name: "notes.txt" });
  });

  it("accepts text whose sniffed prefix ends inside a multi-byte character", () => {
    const cut = text("prix é").subarray(0, 6); // "é" is two bytes; keep only the first
    expect(checkEvidenceFile("n.txt", 100, cut).ok).toBe(true);
  });
});
