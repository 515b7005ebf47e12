import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { SinkMessage } from "../../helpers/smtp-sink";
import { MAIL_DIR } from "./paths";

function readAll(): SinkMessage[] {
  if (!existsSync(MAIL_DIR)) return [];
  return readdirSync(MAIL_DIR)
    .sort()
    .map((file) => JSON.parse(readFileSync(path.join(MAIL_DIR, file), "utf8")) as SinkMessage);
}

/** Waits for the next message to `to` (beyond the ones already seen) to arrive at the SMTP sink. */
export async function waitForEmail(to: string, options: { subject?: RegExp; timeoutMs?: number; skip?: number } = {}) {
  const deadline = Date.now() + (options.timeoutMs ?? 20_000);
  while (Date.now() < deadline) {
    const matching = readAll().filter((m) => m.to.includes(to) && (!options.subject || options.subject.test(m.subject)));
    if (matching.length > (options.skip ?? 0)) return matching[matching.length - 1];
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`no email to ${to}${options.subject ? ` matching ${options.subject}` : ""} arrived within the timeout`);
}

/** How many messages to `to` (matching `subject`, if given) have arrived: pass it as `skip` to wait for the next one. */
export function countEmails(to: string, subject?: RegExp) {
  return readAll().filter((m) => m.to.includes(to) && (!subject || subject.test(m.subject))).length;
}

export function linkFrom(message: SinkMessage, pattern: RegExp): string {
  const match = message.text.match(pattern);
  if (!match) throw new Error(`no link matching ${pattern} in: ${message.text}`);
  return match[0];
}
