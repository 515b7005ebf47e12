"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { refundOrderByCoach } from "@/lib/admin/orders/refund-order-by-coach";
import { parseMoneyAmount } from "@/lib/admin/parse-money-amount";
import { getCurrentUser } from "@/lib/auth/current-user";
import { getDb } from "@/lib/db/client";
import { InvalidInputError } from "@/lib/errors";
import { formAction, type ActionState } from "@/lib/http/action";
import { formatMoney } from "@/lib/payments/format-money";

export type OrderRefundState = ActionState<{ amount: string; fullyRefunded: boolean; revoked: number }>;

// refundOrderByCoach checks the order is one the coach may refund and that the amount is no more
// than what is left, records the refund (and, for a full refund, revokes access unless kept)
// before the provider is called, and emails the buyer.
const refundInput = z.object({
  orderId: z.string().min(1),
  kind: z.enum(["full", "partial"], { error: "Choose a full or a partial refund." }),
  amount: z.string().optional(),
  currency: z.string().regex(/^[A-Za-z]{3}$/),
  reason: z.string().optional(),
  keepAccess: z.string().optional(),
});

const refund = formAction(refundInput, async ({ orderId, kind, amount, currency, reason, keepAccess }) => {
  let amountCents: number | undefined;
  if (kind === "partial") {
    const parsed = parseMoneyAmount(amount ?? "", currency);
    if (parsed === null) throw new InvalidInputError("Some details need another look.", { amount: "Enter the amount to refund, for example 5 or 5.50." });
    amountCents = parsed;
  }
  const result = await refundOrderByCoach({
    db: getDb(),
    actor: await getCurrentUser(),
    orderId,
    amountCents,
    reason: reason?.trim() || undefined,
    keepAccess: keepAccess === "on",
  });
  revalidatePath("/admin/orders");
  revalidatePath(`/admin/orders/${orderId}`);
  revalidatePath("/admin/customers");
  return { amount: formatMoney(result.amountCents, result.currency), fullyRefunded: result.fullyRefunded, revoked: result.revoked };
});

export async function refundOrderAction(previous: OrderRefundState, formData: FormData): Promise<OrderRefundState> {
  return refund(previous, formData);
}
