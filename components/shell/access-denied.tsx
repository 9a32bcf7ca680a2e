import Link from "next/link";

export function AccessDenied({ home }: { home: string }) {
  return (
    <section aria-labelledby="denied-title" className="mx-auto max-w-xl rounded-lg border border-red-200 bg-white p-8 text-center">
      <h1 id="denied-title" className="text-xl font-semibold text-red-800">
        You don&apos;t have access to this page
      </h1>
      <p className="mt-2 text-sm text-slate-600">Your role does not allow it. The attempt was recorded in the decision log. If you need access, ask an admin.</p>
      <Link href={home} className="mt-4 inline-block text-sm font-medium text-brand-700 underline">
        Go to your home page
      </Link>
    </section>
  );
}
