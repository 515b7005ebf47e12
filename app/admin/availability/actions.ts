"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { addTimeOff } from "@/lib/availability/add-time-off";
import { clockRow } from "@/lib/availability/interval-schemas";
import { collectRows } from "@/lib/availability/intervals";
import { removeTimeOff } from "@/lib/availability/remove-time-off";
import { setDateOverride } from "@/lib/availability/set-date-override";
import { setWeeklyRules } from "@/lib/availability/set-weekly-rules";
import { getCurrentUser } from "@/lib/auth/current-user";
import { getDb } from "@/lib/db/client";
import { InvalidInputError } from "@/lib/errors";
import { formAction, type ActionState } from "@/lib/http/action";
import type { MinuteInterval } from "@/lib/scheduling/types";

// The availability editor's server actions: the accessible forms and the calendar both post here,
// and each calls one domain function (which checks that the actor is the coach). Nothing about
// availability is cached: revalidatePath re-renders this page, and the booking pages read fresh.

const PAGE = "/admin/availability";

type Row = { key: string; interval: MinuteInterval };

/** Form rows "<prefix>.N.start/end" as intervals, each remembering its form key for error messages. */
function readRows(raw: Record<string, unknown>, prefix: string, context: z.RefinementCtx): Row[] {
  const rows: Row[] = [];
  for (const [index, fields] of collectRows(raw, prefix)) {
    const key = `${prefix}.${index}`;
    const parsed = clockRow.safeParse(fields);
    if (parsed.success) rows.push({ key, interval: parsed.data });
    else for (const issue of parsed.error.issues) context.addIssue({ code: "custom", path: [key, ...issue.path.map(String)], message: issue.message });
  }
  return rows;
}

/** Runs a domain call on `rows`, pointing its "intervals.N.x" field errors back at the form's own rows. */
async function withRowKeys<T>(rows: Row[], call: (intervals: MinuteInterval[]) => Promise<T>): Promise<T> {
  try {
    return await call(rows.map((row) => row.interval));
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error;
    const fields: Record<string, string> = {};
    for (const [key, message] of Object.entries(error.fields)) {
      const match = /^intervals\.(\d+)\.(.+)$/.exec(key);
      const row = match ? rows[Number(match[1])] : undefined;
      fields[row ? `${row.key}.${match![2]}` : key] = message;
    }
    throw new InvalidInputError(error.message, fields);
  }
}

const weekdayField = z.coerce.number({ error: "Choose a weekday." }).int().min(1, "Choose a weekday.").max(7, "Choose a weekday.");

const weeklyHoursForm = z.record(z.string(), z.unknown()).transform((raw, context) => {
  const weekday = weekdayField.safeParse(raw.weekday);
  if (!weekday.success) context.addIssue({ code: "custom", path: ["weekday"], message: "Choose a weekday." });
  // "intent" is the button that sent the form: "save", or "remove:<row>" to drop that row.
  const intent = typeof raw.intent === "string" ? raw.intent : "save";
  const removeRow = /^remove:(\d{1,3})$/.exec(intent)?.[1];
  const kept = Object.fromEntries(Object.entries(raw).filter(([key]) => removeRow === undefined || !key.startsWith(`intervals.${removeRow}.`)));
  // The spare row ("add.0") is saved with the others whenever it is filled in.
  const rows = [...readRows(kept, "intervals", context), ...readRows(kept, "add", context)];
  return { weekday: weekday.success ? weekday.data : 0, rows, removed: removeRow !== undefined };
});

export type WeeklyHoursState = ActionState<{ weekday: number; count: number; removed: boolean }>;

const saveWeeklyHours = formAction(weeklyHoursForm, async ({ weekday, rows, removed }) => {
  const actor = await getCurrentUser();
  const result = await withRowKeys(rows, (intervals) => setWeeklyRules({ db: getDb(), actor, weekday, intervals }));
  revalidatePath(PAGE);
  return { weekday, count: result.rules.length, removed };
});

export async function saveWeeklyHoursAction(previous: WeeklyHoursState, formData: FormData): Promise<WeeklyHoursState> {
  return saveWeeklyHours(previous, formData);
}

const dateOverrideForm = z.record(z.string(), z.unknown()).transform((raw, context) => {
  const date = typeof raw.date === "string" ? raw.date.trim() : "";
  if (!date) context.addIssue({ code: "custom", path: ["date"], message: "Choose a date." });
  const mode = raw.mode;
  if (mode !== "hours" && mode !== "closed" && mode !== "weekly") {
    context.addIssue({ code: "custom", path: ["mode"], message: "Choose what happens on that date." });
  }
  const rows = mode === "hours" ? readRows(raw, "intervals", context) : [];
  if (mode === "hours" && collectRows(raw, "intervals").length === 0) {
    context.addIssue({ code: "custom", path: ["intervals.0.startMinute"], message: "Enter the hours for that date, or choose “Closed all day”." });
  }
  return { date, mode: mode as "hours" | "closed" | "weekly", rows };
});

export type DateOverrideState = ActionState<{ date: string; mode: "hours" | "closed" | "weekly" }>;

const saveDateOverride = formAction(dateOverrideForm, async ({ date, mode, rows }) => {
  const actor = await getCurrentUser();
  await withRowKeys(rows, (intervals) =>
    setDateOverride({ db: getDb(), actor, date, intervals: mode === "weekly" ? null : mode === "closed" ? [] : intervals }),
  );
  revalidatePath(PAGE);
  return { date, mode };
});

export async function saveDateOverrideAction(previous: DateOverrideState, formData: FormData): Promise<DateOverrideState> {
  return saveDateOverride(previous, formData);
}

const timeOffForm = z.object({
  start: z.string({ error: "Enter the start date and time." }).trim().min(1, "Enter the start date and time."),
  end: z.string({ error: "Enter the end date and time." }).trim().min(1, "Enter the end date and time."),
  note: z.string().optional(),
});

export type TimeOffState = ActionState<{ id: string; overlappingBookings: number }>;

const addTimeOffFromForm = formAction(timeOffForm, async ({ start, end, note }) => {
  const actor = await getCurrentUser();
  const { timeOff, overlappingBookings } = await addTimeOff({ db: getDb(), actor, start, end, note: note?.trim() || null });
  revalidatePath(PAGE);
  return { id: timeOff.id, overlappingBookings };
});

export async function addTimeOffAction(previous: TimeOffState, formData: FormData): Promise<TimeOffState> {
  return addTimeOffFromForm(previous, formData);
}

export type RemoveTimeOffState = ActionState<{ id: string }>;

const removeTimeOffFromForm = formAction(z.object({ id: z.string().min(1) }), async ({ id }) => {
  const actor = await getCurrentUser();
  await removeTimeOff({ db: getDb(), actor, id });
  revalidatePath(PAGE);
  return { id };
});

export async function removeTimeOffAction(previous: RemoveTimeOffState, formData: FormData): Promise<RemoveTimeOffState> {
  return removeTimeOffFromForm(previous, formData);
}
