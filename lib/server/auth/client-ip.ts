import "server-only";

/**
 * The client address for throttling. Behind a load balancer the first X-Forwarded-For hop
 * is the client (deployments must let only their proxy set that header).
 */
export function clientIp(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for");
  if (forwarded) return forwarded.split(",")[0]!.trim() || "unknown";
  return headers.get("x-real-ip")?.trim() || "unknown";
}
