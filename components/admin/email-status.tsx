import type { EmailStatus as Status } from "@/lib/db/generated/enums";
import styles from "./email-status.module.css";

// Words, not codes: what each outbox state means for the coach.
const labels: Record<Status, string> = {
  PENDING: "Waiting to send",
  SENDING: "Sending",
  SENT: "Sent",
  FAILED: "Not sent",
};

export function EmailStatus({ status }: { status: Status }) {
  return <span className={`${styles.status} ${styles[status.toLowerCase()]}`}>{labels[status]}</span>;
}
