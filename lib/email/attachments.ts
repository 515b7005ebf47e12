import { z } from "zod";
import type { EmailAttachment } from "./enqueue-email";

const attachmentsSchema = z.array(
  z.object({ filename: z.string().min(1), contentType: z.string().min(1), content: z.base64() }),
) satisfies z.ZodType<EmailAttachment[]>;

/** The outbox keeps attachments as JSON; whoever reads them back gets their shape checked. */
export function readAttachments(json: unknown): EmailAttachment[] {
  return attachmentsSchema.parse(json);
}
