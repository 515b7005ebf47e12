"use client";

import type { OrderRefundState } from "@/app/admin/orders/actions";
import { RefundFormBase } from "@/components/admin/refund-form-base";
import { parseMoneyAmount } from "@/lib/admin/parse-money-amount";

type RefundAction = (previous: OrderRefundState, formData: FormData) => Promise<OrderRefundState>;

/**
 * The coach's refund of an order: everything still paid, or part of it, an optional note for the
 * buyer, and, for a full refund of an order that gave downloads or a course, whether the buyer keeps
 * access (unticked: access is taken back). The server checks the amount against what is left.
 */
export function OrderRefundForm({
  action,
  orderId,
  currency,
  remainingCents,
  remaining,
  hasAccess,
}: {
  action: RefundAction;
  orderId: string;
  currency: string;
  remainingCents: number;
  /** "£18.00": what can still be refunded. */
  remaining: string;
  /** The order gave downloads or a course that are still active. */
  hasAccess: boolean;
}) {
  return (
    <RefundFormBase
      action={action}
      idName="orderId"
      idValue={orderId}
      currency={currency}
      remaining={remaining}
      example="5 or 5.50"
      amountHint={hasAccess ? " A partial refund leaves the buyer’s downloads and course access as they are." : ""}
      trackAmount
      beforeNote={({ id, kind, amount }) => {
        // Typing everything that is left as a "part" is a full refund too: the same choice applies.
        const full = kind === "full" || parseMoneyAmount(amount, currency) === remainingCents;
        const offerKeepAccess = hasAccess && full;
        return offerKeepAccess ? (
          <div className="stack">
            <div className="check">
              <input id={`${id}-keep`} type="checkbox" name="keepAccess" aria-describedby={`${id}-keep-hint`} />
              <label htmlFor={`${id}-keep`}>Keep access to downloads</label>
            </div>
            <span id={`${id}-keep-hint`} className="field-hint">
              Unticked, a full refund takes back the downloads and course access this order gave; the buyer’s library says it was refunded. Tick it to let them keep everything.
            </span>
          </div>
        ) : null;
      }}
      noteTo="the buyer"
      noteHint="Included in the email that tells them about the refund."
      success={(result) =>
        `Refund of ${result.amount} recorded and on its way back to the buyer; they get an email about it.${
          result.revoked > 0 ? " Their downloads and course access from this order have been taken back." : result.fullyRefunded && hasAccess ? " They keep their downloads and course access." : ""
        }`
      }
    />
  );
}
