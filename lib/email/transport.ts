import nodemailer, { type Transporter } from "nodemailer";

export type MailTransport = Pick<Transporter, "sendMail">;

// nodemailer's defaults let one send hang for minutes (socket timeout: 1 hour). Every wait is
// capped well below the 2-minute claim on an outbox row, so a slow server cannot make a second
// worker take over a message that is still being sent.
const TIMEOUTS_MS = { connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 45_000, dnsTimeout: 10_000 };

/**
 * An SMTP transport from SMTP_URL, kept a URL string (the timeouts ride along as query parameters,
 * which nodemailer reads) so it is configured exactly like next-auth's Email provider, which must
 * get a string (ENVIRONMENT.md: as an object its credentials are lost). Timeouts in the URL win.
 */
export function createMailTransport(smtpUrl: string): Transporter {
  const url = new URL(smtpUrl);
  for (const [name, value] of Object.entries(TIMEOUTS_MS)) {
    if (!url.searchParams.has(name)) url.searchParams.set(name, String(value));
  }
  return nodemailer.createTransport(url.toString());
}
