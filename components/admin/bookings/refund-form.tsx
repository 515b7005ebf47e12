"use client";

import type { RefundState } from "@/app/admin/bookings/actions";
import { RefundFormBase } from "@/components/admin/refund-form-base";

type RefundAction = (previous: RefundState, formData: FormData) => Promise<RefundState>;

/**
 * The coach's refund: everything still refundable, or part of it, with an optional note that goes
 * to the client in the refund email. The server checks the amount against what is left.
 */
export function RefundForm({
  action,
  bookingId,
  currency,
  remaining,
  clientName,
}: {
  action: RefundAction;
  bookingId: string;
  currency: string;
  /** "£95.00": what can still be refunded. */
  remaining: string;
  clientName: string;
}) {
  return (
    <RefundFormBase
      action={action}
      idName="bookingId"
      idValue={bookingId}
      currency={currency}
      remaining={remaining}
      example="20 or 20.50"
      noteTo={clientName}
      noteHint="Included in the email that tells them about the refund. The booking itself stays as it is."
      success={(result) => `Refund of ${result.amount} recorded and on its way to the client's card; they get an email about it.`}
    />
  );
}
