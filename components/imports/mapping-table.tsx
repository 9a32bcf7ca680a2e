"use client";
import { SelectInput } from "@/components/ui/field";
import { IMPORT_FIELDS, KEEPS_CUSTOM_ATTRIBUTES, type TImportKind } from "@/lib/engine/import/fields";
import { customAttributeName, type TColumnMapping, type TColumnTarget } from "@/lib/engine/import/mapping";

const valueOf = (t: TColumnTarget | undefined) => (!t ? "" : t.to === "field" ? `field:${t.field}` : t.to);

/** One row per CSV column: its sample values and where it goes. Fields already taken are marked. */
export function MappingTable({ kind, headers, sample, mapping, onChange }: { kind: TImportKind; headers: string[]; sample: string[][]; mapping: TColumnMapping; onChange: (m: TColumnMapping) => void }) {
  const fields = IMPORT_FIELDS[kind];
  const taken = new Map<string, string>();
  for (const [h, t] of Object.entries(mapping)) if (t.to === "field") taken.set(t.field, h);
  const set = (header: string, value: string) => {
    const target: TColumnTarget = value.startsWith("field:") ? { to: "field", field: value.slice(6) } : value === "custom" ? { to: "custom", name: customAttributeName(header) } : { to: "ignore" };
    onChange({ ...mapping, [header]: target });
  };
  return (
    <div className="overflow-x-auto rounded-md border border-slate-200">
      <table className="min-w-full text-sm">
        <caption className="sr-only">Column mapping</caption>
        <thead className="bg-slate-50 text-left text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2">
              CSV column
            </th>
            <th scope="col" className="px-3 py-2">
              Sample values
            </th>
            <th scope="col" className="px-3 py-2">
              Imported as
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {headers.map((header, i) => (
            <tr key={header}>
              <th scope="row" className="px-3 py-2 text-left font-mono text-xs font-medium">
                {header}
              </th>
              <td className="max-w-xs truncate px-3 py-2 text-slate-600">{sample.map((row) => row[i]).filter(Boolean).slice(0, 3).join(" · ") || "—"}</td>
              <td className="px-3 py-2">
                <SelectInput aria-label={`Import column ${header} as`} value={valueOf(mapping[header])} onChange={(e) => set(header, e.target.value)}>
                  {fields.map((f) => (
                    <option key={f.key} value={`field:${f.key}`} disabled={taken.has(f.key) && taken.get(f.key) !== header}>
                      {f.label}
                      {f.required ? " (required)" : ""}
                    </option>
                  ))}
                  {KEEPS_CUSTOM_ATTRIBUTES[kind] ? <option value="custom">Custom attribute “{customAttributeName(header)}”</option> : null}
                  <option value="ignore">Do not import</option>
                </SelectInput>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
