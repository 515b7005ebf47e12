import { emailAddress } from "../auth/email-address";
import type { CurrentUser } from "../auth/current-user";
import type { Db } from "../db/client";
import { ConflictError, InvalidInputError, RuleViolationError, UnavailableError } from "../errors";
import { cancelCheckout } from "../payments/cancel-checkout";
import { checkoutReturnUrls } from "../payments/checkout-return-urls";
import { formatMoney } from "../payments/format-money";
import { getPaymentProvider } from "../payments/get-payment-provider";
import { openCheckout } from "../payments/open-checkout";
import type { PaymentProvider } from "../payments/provider";
import { releaseUnpaidOrder } from "../payments/release-unpaid-order";
import { cartTransaction, couponSelect, loadCartView, resolveCart, type CartKey, type CartView } from "./cart";
import { cartTotals, type CartTotals } from "./cart-totals";
import { couponRefusalMessage } from "./evaluate-coupon";
import { limitShopAttempts } from "./limit-shop-attempts";

/** How long the buyer has to pay (Stripe allows 30 minutes to 24 hours); a reserved code is held as long. */
export const CHECKOUT_MINUTES = 60;

export type CheckoutCartOptions = {
  db: Db;
  key: CartKey;
  /** Where the receipt and the library access go; lowercased. */
  email: string;
  actor?: CurrentUser | null;
  /** The buyer's network (clientIp): checkouts per IP address are limited (limitShopAttempts). */
  ip: string;
  /** By default the configured one (getPaymentProvider). */
  provider?: PaymentProvider;
  now?: Date;
};

/** Thrown inside the order's transaction when the code's last use went to someone else meanwhile. */
class CouponTaken extends Error {}

/**
 * Turns the cart into a PENDING order and opens the provider's checkout for it.
 *
 * The cart is priced from the database as it is now (cartTotals); if it changed since the buyer
 * last saw it (a product left the shop, the code stopped applying) nothing is ordered and the
 * buyer is told what changed. In one transaction the code's use is reserved by a conditional
 * increment (`redemption_count < max_redemptions`: under any concurrency, exactly as many orders
 * as the code allows get it) and the order with one PRODUCT item per line is written. When the
 * last use is held by an earlier unpaid checkout from this same cart or signed-in account (back
 * from the payment page, then "Continue" again), that checkout is closed and this one takes the
 * use; an email address alone closes nothing, since anyone can type one. Then the
 * checkout is opened with the same lines and the discount; if the provider fails, the order is
 * cancelled at once, which gives the code's use back. The cart itself is kept until the order is
 * paid (emptyPaidCart), so turning back from the payment page loses nothing.
 */
export async function checkoutCart(options: CheckoutCartOptions): Promise<{ orderId: string; checkoutUrl: string }> {
  const { db, key } = options;
  const now = options.now ?? new Date();
  const parsedEmail = emailAddress.safeParse(options.email);
  if (!parsedEmail.success) throw new InvalidInputError("Some details need another look.", { email: parsedEmail.error.issues[0].message });
  const email = parsedEmail.data;
  const provider = options.provider ?? getPaymentProvider();
  await limitShopAttempts({ db, ip: options.ip, attempt: "checkout", now });

  const view = await cartTransaction(db, key, async (tx) => loadCartView(tx, await resolveCart(tx, key, { create: false }), now));
  let { totals } = view;
  if (totals.coupon && !totals.coupon.ok && totals.coupon.reason === "used_up") {
    // Whether a use is left is for the reservation below to say: it may free this buyer's own earlier one.
    const row = await db.coupon.findUnique({ where: { code: totals.coupon.code }, select: couponSelect });
    if (row) totals = cartTotals({ lines: totals.lines, coupon: { ...row, redemptionCount: 0 }, now });
  }
  checkCartStillStands(view, totals);
  const currency = totals.currency!;
  const coupon = totals.coupon?.ok ? await db.coupon.findUniqueOrThrow({ where: { code: totals.coupon.code }, select: { id: true, code: true } }) : null;

  const writeOrder = () =>
    db.$transaction(
      async (tx) => {
        if (coupon) {
          const reserved = await tx.$executeRaw`
            UPDATE coupons SET redemption_count = redemption_count + 1
             WHERE id = ${coupon.id} AND active
               AND (max_redemptions IS NULL OR redemption_count < max_redemptions)
               AND (expires_at IS NULL OR expires_at > ${now})`;
          if (reserved === 0) throw new CouponTaken();
        }
        const order = await tx.order.create({
          data: {
            email,
            userId: options.actor?.id ?? null,
            currency,
            subtotalCents: totals.subtotalCents,
            discountCents: totals.discountCents,
            totalCents: totals.totalCents,
            couponId: coupon?.id ?? null,
            cartId: view.cartId,
            provider: provider.name,
            createdAt: now,
            updatedAt: now,
            items: {
              create: view.items.map((item) => ({
                kind: "PRODUCT" as const,
                productId: item.productId,
                title: item.title,
                quantity: item.quantity,
                unitPriceCents: item.unitPriceCents,
                totalCents: item.totalCents,
              })),
            },
          },
          select: { id: true },
        });
        await tx.auditLog.create({
          data: {
            actorId: options.actor?.id ?? null,
            action: "order.created",
            entityType: "Order",
            entityId: order.id,
            data: { cartId: view.cartId, totalCents: totals.totalCents, ...(coupon ? { coupon: coupon.code, discountCents: totals.discountCents } : {}) },
          },
        });
        return order.id;
      },
      { maxWait: 10_000, timeout: 10_000 },
    );

  let orderId: string;
  try {
    orderId = await writeOrder().catch(async (error: unknown) => {
      // The code's last use may be held by this buyer's earlier, unpaid checkout (they went back
      // from the payment page and pressed "Continue" again): that checkout is closed, giving the use
      // back, and this one takes it.
      const buyer = { cartId: view.cartId!, userId: options.actor?.id ?? null };
      if (error instanceof CouponTaken && coupon && (await closeEarlierCheckouts({ db, ...buyer, couponId: coupon.id, provider, now }))) return writeOrder();
      throw error;
    });
  } catch (error) {
    if (!(error instanceof CouponTaken)) throw error;
    await clearCoupon(db, view);
    throw new ConflictError("coupon_refused", `${couponRefusalMessage("used_up", coupon!.code)} We've taken it off your cart, so the total is now ${formatMoney(totals.subtotalCents, currency)}. Nothing has been charged.`);
  }

  try {
    const checkout = await openCheckout({
      db,
      provider,
      orderId,
      email,
      lineItems: view.items.map((item) => ({ name: item.title, unitAmountCents: item.unitPriceCents, quantity: item.quantity })),
      discountCents: totals.discountCents,
      discountLabel: coupon ? `Code ${coupon.code}` : undefined,
      ...checkoutReturnUrls({ orderId }),
      expiresAt: new Date(now.getTime() + CHECKOUT_MINUTES * 60_000),
    });
    return { orderId, checkoutUrl: checkout.checkoutUrl };
  } catch (error) {
    console.error(`[shop] could not open a checkout for order ${orderId}: ${error instanceof Error ? error.message : String(error)}`);
    await db.$transaction((tx) => releaseUnpaidOrder({ tx, orderId, status: "CANCELLED", now }));
    throw new UnavailableError(
      "We couldn't reach the payment service just now, so nothing was charged. Your cart is just as you left it; please try again in a few minutes.",
      "checkout_unavailable",
    );
  }
}

/** Nothing is ordered from a cart that is empty or changed since the buyer last saw it. */
function checkCartStillStands(view: CartView, totals: CartTotals) {
  if (view.items.length === 0) {
    throw new RuleViolationError("cart_empty", view.removedTitles.length ? removedMessage(view.removedTitles) : "Your cart is empty, so there is nothing to pay for yet.");
  }
  if (view.removedTitles.length) {
    throw new ConflictError("cart_changed", `${removedMessage(view.removedTitles)} Please look over your cart; nothing has been charged.`);
  }
  const couponProblem = totals.coupon ? (totals.coupon.ok ? null : couponRefusalMessage(totals.coupon.reason, totals.coupon.code)) : view.couponProblem;
  if (couponProblem) {
    throw new ConflictError("coupon_refused", `${couponProblem} Please remove it to continue at the full price; nothing has been charged.`);
  }
}

function removedMessage(titles: string[]): string {
  return titles.length === 1
    ? `${titles[0]} is no longer in the shop, so we've taken it out of your cart.`
    : `${titles.join(", ")} are no longer in the shop, so we've taken them out of your cart.`;
}

/**
 * Closes the unpaid shop checkouts that hold a use of the code and came from this cart or this
 * signed-in account, which only this buyer can reach (cancelCheckout: expired at the provider first;
 * one that turns out to be paid is applied instead, and keeps its use). Returns whether any use
 * came back.
 */
async function closeEarlierCheckouts(options: {
  db: Db;
  cartId: string;
  userId: string | null;
  couponId: string;
  provider: PaymentProvider;
  now: Date;
}): Promise<boolean> {
  const { db, cartId, userId, couponId, provider, now } = options;
  const earlier = await db.order.findMany({
    where: { OR: [{ cartId }, ...(userId ? [{ userId }] : [])], couponId, status: "PENDING", items: { every: { kind: "PRODUCT" } } },
    select: { id: true, checkoutId: true, provider: true },
  });
  let released = false;
  for (const order of earlier) {
    if (order.checkoutId) {
      const orderProvider = order.provider === provider.name ? provider : getPaymentProvider({ name: order.provider, db });
      const summary = await cancelCheckout({ db, provider: orderProvider, checkoutId: order.checkoutId, now });
      if (summary.status === "CANCELLED") released = true;
    } else if (await db.$transaction((tx) => releaseUnpaidOrder({ tx, orderId: order.id, status: "CANCELLED", now }))) {
      released = true;
    }
  }
  return released;
}

async function clearCoupon(db: Db, view: CartView) {
  if (view.cartId) await db.cart.updateMany({ where: { id: view.cartId }, data: { couponCode: null } });
}
