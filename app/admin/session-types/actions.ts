"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getCurrentUser } from "@/lib/auth/current-user";
import { getDb } from "@/lib/db/client";
import { formAction, type ActionState } from "@/lib/http/action";
import { createSessionType } from "@/lib/session-types/create-session-type";
import { parsePrice, type SessionTypeInput } from "@/lib/session-types/session-type-input";
import { updateSessionType } from "@/lib/session-types/update-session-type";

// The session-type form's fields, as FormData sends them (strings), turned into the domain's
// input. The domain validates again (ranges, slug, questions) and owns the rules; this layer only
// reads numbers, the price in major units and the questions' JSON.

const wholeNumber = (message: string) =>
  z
    .string({ error: message })
    .trim()
    .regex(/^\d{1,7}$/, message)
    .transform(Number);

const optionalWholeNumber = (message: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((value, context) => {
      if (!value) return null;
      if (!/^\d{1,7}$/.test(value)) {
        context.addIssue({ code: "custom", message });
        return z.NEVER;
      }
      return Number(value);
    });

const sessionTypeForm = z
  .object({
    title: z.string().default(""),
    slug: z.string().default(""),
    description: z.string().default(""),
    durationMinutes: wholeNumber("Enter the length in whole minutes, for example 60."),
    bufferBeforeMinutes: wholeNumber("Enter the break in whole minutes (0 for none)."),
    bufferAfterMinutes: wholeNumber("Enter the break in whole minutes (0 for none)."),
    noticeHours: wholeNumber("Enter whole hours (0 for none)."),
    noticeMinutes: wholeNumber("Enter whole minutes (0 for none)."),
    horizonDays: wholeNumber("Enter a number of days, for example 60."),
    slotIntervalMinutes: optionalWholeNumber("Enter whole minutes, or leave it empty."),
    maxPerDay: optionalWholeNumber("Enter a whole number, or leave it empty for no limit."),
    price: z
      .string()
      .default("0")
      .transform((value, context) => {
        const cents = parsePrice(value === "" ? "0" : value);
        if (cents === undefined) {
          context.addIssue({ code: "custom", message: "Enter the price as a number, for example 95 or 95.50 (0 for free)." });
          return z.NEVER;
        }
        return cents;
      }),
    currency: z.string().default(""),
    intakeQuestions: z
      .string()
      .default("[]")
      .transform((value, context) => {
        try {
          const parsed: unknown = JSON.parse(value);
          if (Array.isArray(parsed)) return parsed as SessionTypeInput["intakeQuestions"];
        } catch {
          // reported below
        }
        context.addIssue({ code: "custom", message: "The questions could not be read. Reload the page and try again." });
        return z.NEVER;
      }),
    active: z.string().optional(),
  })
  .transform(
    (form): SessionTypeInput => ({
      title: form.title,
      slug: form.slug.trim().toLowerCase(),
      description: form.description,
      durationMinutes: form.durationMinutes,
      bufferBeforeMinutes: form.bufferBeforeMinutes,
      bufferAfterMinutes: form.bufferAfterMinutes,
      minimumNoticeMinutes: form.noticeHours * 60 + form.noticeMinutes,
      horizonDays: form.horizonDays,
      slotIntervalMinutes: form.slotIntervalMinutes,
      maxPerDay: form.maxPerDay,
      priceCents: form.price,
      currency: form.currency as SessionTypeInput["currency"],
      intakeQuestions: form.intakeQuestions,
      active: form.active === "on",
    }),
  );

export type SessionTypeFormState = ActionState<{ id: string; title: string }>;

const create = formAction(sessionTypeForm, async (input) => {
  const created = await createSessionType({ db: getDb(), actor: await getCurrentUser(), input });
  revalidatePath("/admin/session-types");
  redirect(`/admin/session-types/${encodeURIComponent(created.id)}?created=1`);
});

export async function createSessionTypeAction(previous: SessionTypeFormState, formData: FormData): Promise<SessionTypeFormState> {
  return (await create(previous as ActionState<never>, formData)) as SessionTypeFormState;
}

const update = formAction(z.object({ id: z.string().min(1) }).and(sessionTypeForm), async ({ id, ...input }) => {
  const updated = await updateSessionType({ db: getDb(), actor: await getCurrentUser(), id, input });
  revalidatePath("/admin/session-types");
  revalidatePath(`/admin/session-types/${id}`);
  return { id: updated.id, title: updated.title };
});

export async function updateSessionTypeAction(previous: SessionTypeFormState, formData: FormData): Promise<SessionTypeFormState> {
  return update(previous, formData);
}
