// One layout for every email: a calm, readable HTML part and a plain-text part with the same words.

export type RenderedEmail = { subject: string; html: string; text: string };

export type EmailContent = {
  subject: string;
  /** First line in inbox previews. */
  preview: string;
  heading: string;
  /** Plain paragraphs; rendered escaped in HTML. */
  paragraphs: string[];
  action?: { label: string; url: string };
  /** Small print under the action, e.g. why the reader got this email. */
  footnote?: string;
};

const BRAND = "Steady Ground Coaching";

export function escapeHtml(value: string): string {
  return value
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

export function renderEmail(content: EmailContent): RenderedEmail {
  const paragraphs = content.paragraphs
    .map((p) => `<p style="margin:0 0 16px;font-size:16px;line-height:1.6;color:#1f2a2e">${escapeHtml(p)}</p>`)
    .join("\n");
  const action = content.action
    ? `<p style="margin:24px 0"><a href="${escapeHtml(content.action.url)}" style="display:inline-block;background:#25575a;color:#ffffff;text-decoration:none;padding:12px 20px;border-radius:8px;font-size:16px;font-weight:600">${escapeHtml(content.action.label)}</a></p>
<p style="margin:0 0 16px;font-size:14px;line-height:1.5;color:#4a5a5e">If the button does not work, copy this address into your browser:<br><span style="word-break:break-all">${escapeHtml(content.action.url)}</span></p>`
    : "";
  const footnote = content.footnote
    ? `<p style="margin:24px 0 0;font-size:13px;line-height:1.5;color:#4a5a5e">${escapeHtml(content.footnote)}</p>`
    : "";
  const html = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(content.subject)}</title></head>
<body style="margin:0;padding:0;background:#f5f3ee;font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif">
<span style="display:none;max-height:0;overflow:hidden">${escapeHtml(content.preview)}</span>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f5f3ee;padding:24px 12px">
<tr><td align="center">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:560px;background:#ffffff;border-radius:12px;padding:32px">
<tr><td>
<p style="margin:0 0 24px;font-size:14px;letter-spacing:0.02em;color:#25575a;font-weight:600">${BRAND}</p>
<h1 style="margin:0 0 16px;font-size:22px;line-height:1.3;color:#1f2a2e">${escapeHtml(content.heading)}</h1>
${paragraphs}
${action}
${footnote}
</td></tr>
</table>
</td></tr>
</table>
</body>
</html>`;
  const text = [
    content.heading,
    "",
    ...content.paragraphs.flatMap((p) => [p, ""]),
    ...(content.action ? [`${content.action.label}: ${content.action.url}`, ""] : []),
    ...(content.footnote ? [content.footnote, ""] : []),
    `— ${BRAND}`,
  ].join("\n");
  return { subject: content.subject, html, text };
}
