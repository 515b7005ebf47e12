import type { EmailStatus as Status } from "@/lib/db/generated/enums";

// Words, not codes: what each outbox state means for the coach.
const labels: Record<Status, string> = {
  WAITING: "Held until payment",
  PENDING: "Waiting to send",
  SENDING: "Sending",
  SENT: "Sent",
  FAILED: "Not sent",
  DISCARDED: "Not needed (no payment)",
};

const tones: Record<Status, string> = {
  WAITING: "badge-info",
  PENDING: "badge-warn",
  SENDING: "badge-warn",
  SENT: "badge-info",
  FAILED: "badge-error",
  DISCARDED: "badge-info",
};

export function EmailStatus({ status }: { status: Status }) {
  return <span className={`badge ${tones[status]}`}>{labels[status]}</span>;
}
