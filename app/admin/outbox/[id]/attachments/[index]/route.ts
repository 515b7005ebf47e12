import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { getOutboxAttachment } from "@/lib/email/get-outbox-attachment";
import { invalidInput } from "@/lib/http/error-response";
import { attachmentDisposition } from "@/lib/http/content-disposition";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

const paramsSchema = z.object({ id: z.string().min(1), index: z.coerce.number().int().min(0) });

// The coach-only check happens in getOutboxAttachment (assertCoach): 401 signed out, 403 for clients.
export const GET = route({ auth: "optional" }, async ({ params, user }) => {
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success) throw invalidInput(parsed.error, "That attachment address is not valid.");
  const attachment = await getOutboxAttachment({ db: getDb(), actor: user, ...parsed.data });
  return new Response(new Uint8Array(attachment.content), {
    headers: {
      "Content-Type": attachment.contentType,
      "Content-Disposition": attachmentDisposition(attachment.filename),
      "Content-Length": String(attachment.content.length),
      "Cache-Control": "private, no-store",
      // Should a browser render it anyway, it gets no scripts and no access to this site.
      "Content-Security-Policy": "default-src 'none'; sandbox",
    },
  });
});
