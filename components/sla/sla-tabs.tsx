import Link from "next/link";

type TTab = { href: string; label: string };

/** The SLA section's sub-navigation; only the tabs the user may open are passed in. */
export function SlaTabs({ current, tabs }: { current: string; tabs: TTab[] }) {
  return (
    <nav aria-label="SLA views" className="mb-4 flex gap-2 border-b border-slate-200">
      {tabs.map((t) => (
        <Link
          key={t.href}
          href={t.href}
          aria-current={t.href === current ? "page" : undefined}
          className={`-mb-px border-b-2 px-3 py-2 text-sm font-medium ${t.href === current ? "border-brand-600 text-brand-800" : "border-transparent text-slate-600 hover:text-slate-900"}`}
        >
          {t.label}
        </Link>
      ))}
    </nav>
  );
}
