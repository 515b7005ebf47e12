"use client";

import dynamic from "next/dynamic";
import type { CalendarData } from "./calendar-types";

// FullCalendar renders in the browser only (server rendering it gives a hydration mismatch), and
// its code loads only with this page: next/dynamic splits it into its own chunk.
const AvailabilityCalendar = dynamic(() => import("./availability-calendar"), {
  ssr: false,
  loading: () => <p className="muted">Loading the week view…</p>,
});

export function CalendarLoader({ data }: { data: CalendarData }) {
  return <AvailabilityCalendar data={data} />;
}
