import styles from "./bookings.module.css";

// Words, not codes: what each booking state means for the coach.
const labels: Record<string, string> = {
  HELD: "Awaiting payment",
  CONFIRMED: "Confirmed",
  CANCELLED: "Cancelled",
  EXPIRED: "Expired (not paid)",
  COMPLETED: "Completed",
  NO_SHOW: "No-show",
};

export function bookingStatusLabel(status: string, holdExpired = false): string {
  if (status === "HELD" && holdExpired) return "Expired (not paid)";
  return labels[status] ?? status;
}

export function BookingStatus({ status, holdExpired = false }: { status: string; holdExpired?: boolean }) {
  const tone = status === "HELD" && holdExpired ? "expired" : status.toLowerCase();
  return <span className={`${styles.status} ${styles[tone] ?? ""}`}>{bookingStatusLabel(status, holdExpired)}</span>;
}
