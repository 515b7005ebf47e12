/**
 * A Content-Disposition header that makes the browser download a file under a harmless name: no
 * directories, no control characters or quotes that could break out of the header, an ASCII
 * fallback for old clients and the exact UTF-8 name for the rest (RFC 6266 / RFC 8187).
 */
export function attachmentDisposition(filename: string): string {
  const base = filename.split(/[\\/]/).pop() ?? "";
  const safe = base.replace(/[\u0000-\u001f\u007f"]/g, "").replace(/^[\s.]+/, "").trim() || "download";
  const ascii = safe.replace(/[^\x20-\x7e]/g, "_");
  const encoded = encodeURIComponent(safe).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
