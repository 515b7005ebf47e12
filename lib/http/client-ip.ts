// Next exposes no socket address to route handlers. The nearest proxy (or Next itself) sets
// x-forwarded-for; deployments behind a proxy must make it overwrite, not append, client values.
export function clientIp(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for");
  const first = forwarded?.split(",")[0]?.trim();
  return first || headers.get("x-real-ip") || "unknown";
}
