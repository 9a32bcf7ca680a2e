// Runs once when a Next.js server process starts (not during `next build`).
export async function register() {
  // The database pool is Node-only; the edge runtime has none to warm.
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { warmDbPool } = await import("@/lib/server/db");
  try {
    await warmDbPool();
  } catch (error) {
    // A database that is down at start must not stop the server: requests report it as they
    // would anyway, and /api/health says so.
    console.error("[arbiter] could not open the database pool at start:", error instanceof Error ? error.message : error);
  }
}
