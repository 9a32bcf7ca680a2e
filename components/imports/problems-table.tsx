type TProblem = { line: number; column?: string; message: string };

/** Row-level errors or warnings: line, column, message. Long lists scroll inside the card. */
export function ProblemsTable({ caption, problems, total }: { caption: string; problems: TProblem[]; total?: number }) {
  if (problems.length === 0) return null;
  return (
    <div className="max-h-72 overflow-auto rounded-md border border-slate-200">
      <table className="min-w-full text-sm">
        <caption className="bg-slate-50 px-3 py-2 text-left font-medium text-slate-700">
          {caption}
          {total && total > problems.length ? ` (first ${problems.length} of ${total})` : ""}
        </caption>
        <thead className="bg-slate-50 text-left text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-1">
              Line
            </th>
            <th scope="col" className="px-3 py-1">
              Column
            </th>
            <th scope="col" className="px-3 py-1">
              Problem
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {problems.map((p, i) => (
            <tr key={`${p.line}-${p.column ?? ""}-${i}`}>
              <td className="px-3 py-1 tabular-nums">{p.line}</td>
              <td className="px-3 py-1 font-mono text-xs">{p.column ?? "—"}</td>
              <td className="px-3 py-1">{p.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
