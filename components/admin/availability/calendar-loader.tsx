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
  // FullCalendar reads initialDate only when first drawn; moving to another week (a client-side
  // navigation that keeps this component) must draw a new grid, or a drag would land on the old dates.
  return <AvailabilityCalendar key={data.weekStart} data={data} />;
}
