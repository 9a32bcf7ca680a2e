"use client";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";

export type TAttachment = { id: string; name: string; size: number };

const ACCEPT = ".pdf,.png,.jpg,.jpeg,.docx,.xlsx,.csv,.txt";
const MAX_FILES = 5;
const kb = (bytes: number) => `${Math.max(1, Math.ceil(bytes / 1024)).toLocaleString("en")} KB`;

/**
 * Files attached to the request: each one is uploaded at once (the server checks its size
 * and type, and keeps it), and the request names the uploaded ids when it is saved.
 */
export function EvidenceFiles({ attachments, onChange }: { attachments: TAttachment[]; onChange: (next: TAttachment[]) => void }) {
  const id = useId();
  const [errors, setErrors] = useState<string[]>([]);
  const [uploading, setUploading] = useState(false);

  const upload = async (files: FileList | null) => {
    if (!files || files.length === 0) return;
    setErrors([]);
    setUploading(true);
    const added: TAttachment[] = [];
    const problems: string[] = [];
    for (const file of Array.from(files)) {
      if (attachments.length + added.length >= MAX_FILES) {
        problems.push(`${file.name}: at most ${MAX_FILES} files per request`);
        continue;
      }
      const body = new FormData();
      body.set("file", file);
      try {
        const res = await fetch("/requests/files", { method: "POST", body });
        const json = (await res.json().catch(() => null)) as { data?: TAttachment; error?: { message?: string } } | null;
        if (res.ok && json?.data) added.push({ id: json.data.id, name: json.data.name, size: json.data.size });
        else problems.push(json?.error?.message ?? `${file.name} could not be uploaded (${res.status})`);
      } catch {
        problems.push(`${file.name} could not be uploaded: check your connection and try again`);
      }
    }
    setUploading(false);
    setErrors(problems);
    if (added.length) onChange([...attachments, ...added]);
  };

  return (
    <div className="grid gap-1">
      <label htmlFor={`${id}-file`} className="text-sm font-medium">Evidence files</label>
      <p id={`${id}-hint`} className="text-xs text-slate-500">PDF, PNG, JPG, DOCX, XLSX, CSV or TXT, up to 10 MB each, at most {MAX_FILES}.</p>
      <input
        id={`${id}-file`}
        type="file"
        multiple
        accept={ACCEPT}
        disabled={uploading}
        aria-describedby={`${id}-hint${errors.length ? ` ${id}-errors` : ""}`}
        className="text-sm"
        onChange={(e) => {
          void upload(e.currentTarget.files);
          e.currentTarget.value = "";
        }}
      />
      {uploading ? <p role="status" className="text-xs text-slate-600">Uploading…</p> : null}
      {errors.length ? (
        <ul id={`${id}-errors`} role="alert" className="text-xs font-medium text-red-700">
          {errors.map((e) => <li key={e}>{e}</li>)}
        </ul>
      ) : null}
      {attachments.length ? (
        <ul aria-label="Attached files" className="grid gap-1 text-sm">
          {attachments.map((a) => (
            <li key={a.id} className="flex items-center gap-2">
              <span>{a.name}</span>
              <span className="text-xs text-slate-500">{kb(a.size)}</span>
              <Button type="button" variant="ghost" aria-label={`Remove ${a.name}`} onClick={() => onChange(attachments.filter((x) => x.id !== a.id))}>Remove</Button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
