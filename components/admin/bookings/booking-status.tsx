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

// Completed (and any unknown state) keeps the neutral badge.
const tones: Record<string, string> = {
  HELD: "badge-warn",
  CONFIRMED: "badge-info",
  CANCELLED: "badge-error",
  EXPIRED: "badge-error",
  NO_SHOW: "badge-error",
};

export function BookingStatus({ status, holdExpired = false }: { status: string; holdExpired?: boolean }) {
  const tone = status === "HELD" && holdExpired ? "badge-error" : (tones[status] ?? "");
  return <span className={`badge ${tone}`}>{bookingStatusLabel(status, holdExpired)}</span>;
}
