import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

const { sentJobs } = vi.hoisted(() => ({ sentJobs: [] as Array<{ name: string }> }));
vi.mock("@/lib/jobs/boss", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/jobs/boss")>()),
  sendJobs: async (jobs: typeof sentJobs) => {
    sentJobs.push(...jobs);
  },
}));

import type { CurrentUser } from "@/lib/auth/current-user";
import { cancelCheckout } from "@/lib/payments/cancel-checkout";
import { payTestCheckout } from "@/lib/payments/pay-test-checkout";
import type { PaymentProvider } from "@/lib/payments/provider";
import { createTestProvider } from "@/lib/payments/test-provider";
import { addToCart } from "@/lib/shop/add-to-cart";
import { applyCoupon, removeCoupon } from "@/lib/shop/apply-coupon";
import { getCart, type CartKey } from "@/lib/shop/cart";
import { createCartToken } from "@/lib/shop/cart-token";
import { checkoutCart } from "@/lib/shop/checkout-cart";
import { emptyPaidCart } from "@/lib/shop/empty-cart";
import { SHOP_ATTEMPTS_PER_IP } from "@/lib/shop/limit-shop-attempts";
import { getProduct } from "@/lib/shop/get-product";
import { listProducts } from "@/lib/shop/list-products";
import { removeFromCart } from "@/lib/shop/remove-from-cart";
import { updateCartItem } from "@/lib/shop/update-cart-item";
import { failure } from "../helpers/errors";
import { anotherIp } from "../helpers/networks";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database";

// The cart and checkout against a real database: the cart kept by a hashed cookie token (surviving
// reloads and signing in), prices from the database, discount codes with one rule set, and the
// order that checkout writes. Test mode here; Stripe and concurrency are in shop-checkout.test.ts.

let database: TestDatabase;
let testMode: PaymentProvider;
const ids: Record<string, string> = {};
let sam: CurrentUser;
let alex: CurrentUser;

async function product(slug: string, data: { kind: "DOWNLOAD" | "COURSE" | "SERIES" | "PHYSICAL"; priceCents: number; currency?: string; active?: boolean; archivedAt?: Date }) {
  const row = await database.db.product.create({
    data: {
      slug,
      title: slug.replace(/-/g, " "),
      summary: `About ${slug}`,
      description: `# ${slug}\n\nSome **words**.`,
      highlights: ["Forty pages", "Printable"],
      currency: data.currency ?? "GBP",
      kind: data.kind,
      priceCents: data.priceCents,
      active: data.active ?? true,
      archivedAt: data.archivedAt ?? null,
    },
    select: { id: true },
  });
  ids[slug] = row.id;
  return row.id;
}

async function user(email: string): Promise<CurrentUser> {
  const row = await database.db.user.create({ data: { email, name: email.split("@")[0] }, select: { id: true, email: true, name: true, role: true } });
  return row;
}

/** A browser: its own cookie token, and whoever is signed in on it. */
function browser(userId: string | null = null): CartKey & { tokenHash: string } {
  return { tokenHash: createCartToken().hash, userId };
}

beforeAll(async () => {
  database = await createTestDatabase();
  testMode = createTestProvider({ db: database.db, appUrl: "http://localhost:3000" });
  await product("journal", { kind: "DOWNLOAD", priceCents: 1800 });
  await product("toolkit", { kind: "DOWNLOAD", priceCents: 2400 });
  await product("course", { kind: "COURSE", priceCents: 14900 });
  await product("cards", { kind: "PHYSICAL", priceCents: 350 });
  await product("series", { kind: "SERIES", priceCents: 0 });
  await product("hidden", { kind: "DOWNLOAD", priceCents: 900, active: false });
  await product("archived", { kind: "DOWNLOAD", priceCents: 900, archivedAt: new Date() });
  await product("euro-guide", { kind: "DOWNLOAD", priceCents: 1500, currency: "EUR" });
  sam = await user("sam@example.com");
  alex = await user("alex@example.com");
});

afterAll(async () => {
  await database?.drop();
});

beforeEach(() => {
  sentJobs.length = 0;
});

describe("catalogue", () => {
  it("lists only active, unarchived products of kinds the cart sells", async () => {
    const slugs = (await listProducts({ db: database.db })).map((p) => p.slug).sort();
    expect(slugs).toEqual(["cards", "course", "euro-guide", "journal", "toolkit"]);
  });

  it("a hidden, archived or series product has no page", async () => {
    for (const slug of ["hidden", "archived", "series", "nothing"]) {
      expect((await failure(getProduct({ db: database.db, slug }))).status).toBe(404);
    }
    expect(await getProduct({ db: database.db, slug: "journal" })).toMatchObject({ title: "journal", priceCents: 1800, highlights: ["Forty pages", "Printable"] });
  });
});

describe("cart", () => {
  it("survives a reload: the same cookie finds the same cart, priced from the database", async () => {
    const key = browser();
    await addToCart({ db: database.db, key, productId: ids.journal });
    await addToCart({ db: database.db, key, productId: ids.cards, quantity: 2 });
    const again = await getCart({ db: database.db, key: { tokenHash: key.tokenHash, userId: null } });
    expect(again.items.map((item) => [item.slug, item.quantity, item.totalCents])).toEqual([
      ["journal", 1, 1800],
      ["cards", 2, 700],
    ]);
    expect(again.totals).toMatchObject({ subtotalCents: 2500, totalCents: 2500, currency: "GBP" });
    expect(again.count).toBe(3);
    // Only the token's hash is stored.
    const stored = await database.db.cart.findUniqueOrThrow({ where: { id: again.cartId! }, select: { tokenHash: true } });
    expect(stored.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    // Another browser sees nothing of it.
    expect((await getCart({ db: database.db, key: browser() })).items).toEqual([]);
  });

  it("a download or course stays at one; a physical product adds up to 99", async () => {
    const key = browser();
    await addToCart({ db: database.db, key, productId: ids.journal });
    await addToCart({ db: database.db, key, productId: ids.journal, quantity: 5 });
    await addToCart({ db: database.db, key, productId: ids.course });
    await updateCartItem({ db: database.db, key, productId: ids.course, quantity: 4 });
    await addToCart({ db: database.db, key, productId: ids.cards, quantity: 60 });
    let view = await addToCart({ db: database.db, key, productId: ids.cards, quantity: 60 });
    expect(view.items.map((item) => [item.slug, item.quantity, item.fixedQuantity])).toEqual([
      ["journal", 1, true],
      ["course", 1, true],
      ["cards", 99, false],
    ]);
    view = await updateCartItem({ db: database.db, key, productId: ids.cards, quantity: 3 });
    expect(view.items.find((item) => item.slug === "cards")?.quantity).toBe(3);
    view = await updateCartItem({ db: database.db, key, productId: ids.cards, quantity: 0 });
    expect(view.items.map((item) => item.slug)).toEqual(["journal", "course"]);
    view = await removeFromCart({ db: database.db, key, productId: ids.journal });
    expect(view.items.map((item) => item.slug)).toEqual(["course"]);
  });

  it("refuses products that aren't for sale, and a second currency", async () => {
    const key = browser();
    for (const slug of ["series", "hidden", "archived"]) {
      expect((await failure(addToCart({ db: database.db, key, productId: ids[slug] }))).code).toBe("product_not_found");
    }
    await addToCart({ db: database.db, key, productId: ids.journal });
    const mixed = await failure(addToCart({ db: database.db, key, productId: ids["euro-guide"] }));
    expect(mixed.code).toBe("cart_currency");
    expect(mixed.message).toContain("€15.00");
  });

  it("a product that leaves the shop leaves the cart, and the buyer is told", async () => {
    const key = browser();
    const temporary = await product("temporary", { kind: "DOWNLOAD", priceCents: 500 });
    await addToCart({ db: database.db, key, productId: ids.journal });
    await addToCart({ db: database.db, key, productId: temporary });
    await database.db.product.update({ where: { id: temporary }, data: { archivedAt: new Date() } });
    const view = await getCart({ db: database.db, key });
    expect(view.items.map((item) => item.slug)).toEqual(["journal"]);
    expect(view.removedTitles).toEqual(["temporary"]);
    expect((await getCart({ db: database.db, key })).removedTitles).toEqual([]);
  });

  it("survives signing in: the guest cart joins the account's cart from another device, without doubling", async () => {
    const taylor = await user("taylor@example.com");
    // Earlier, on a laptop, signed in: the toolkit and two cards.
    const laptop = browser(taylor.id);
    await addToCart({ db: database.db, key: laptop, productId: ids.toolkit });
    await addToCart({ db: database.db, key: laptop, productId: ids.cards, quantity: 2 });
    // Now on a phone, as a guest: the journal, the toolkit again, one card.
    const phone = browser();
    await addToCart({ db: database.db, key: phone, productId: ids.journal });
    await addToCart({ db: database.db, key: phone, productId: ids.toolkit });
    await addToCart({ db: database.db, key: phone, productId: ids.cards });

    // Signing in on the phone: same cookie, now with the user.
    const signedIn = await getCart({ db: database.db, key: { tokenHash: phone.tokenHash, userId: taylor.id } });
    expect(signedIn.items.map((item) => [item.slug, item.quantity]).sort()).toEqual([
      ["cards", 2],
      ["journal", 1],
      ["toolkit", 1],
    ]);
    expect(await database.db.cart.count({ where: { userId: taylor.id } })).toBe(1);
    // The laptop, signed in, finds the same cart through the account (and takes it over with its own cookie).
    const onLaptop = await getCart({ db: database.db, key: { tokenHash: laptop.tokenHash, userId: taylor.id } });
    expect(onLaptop.cartId).toBe(signedIn.cartId);
    expect(onLaptop.count).toBe(4);

    // Signed out on that browser, the account's cart is not shown to whoever uses it next.
    expect((await getCart({ db: database.db, key: { tokenHash: laptop.tokenHash, userId: null } })).items).toEqual([]);
    // Nor to another account signing in there.
    expect((await getCart({ db: database.db, key: { tokenHash: laptop.tokenHash, userId: alex.id } })).items).toEqual([]);
    await expect(addToCart({ db: database.db, key: { tokenHash: laptop.tokenHash, userId: alex.id }, productId: ids.journal })).rejects.toThrow(/another account/);
  });

  it("signing in on a browser whose cart is another account's shows your own cart, never theirs", async () => {
    const robin = await user("robin@example.com");
    const kim = await user("kim@example.com");
    // Kim's cart, from another device.
    await addToCart({ db: database.db, key: browser(kim.id), productId: ids.course });
    // Robin shops on a shared computer, signed in, then signs out; Kim signs in there.
    const shared = browser(robin.id);
    await addToCart({ db: database.db, key: shared, productId: ids.journal });
    const kimHere = { tokenHash: shared.tokenHash, userId: kim.id };

    const view = await getCart({ db: database.db, key: kimHere });
    expect(view.items.map((item) => item.slug)).toEqual(["course"]);
    const { orderId } = await checkoutCart({ db: database.db, ip: anotherIp(), key: kimHere, email: "kim@example.com", actor: kim, provider: testMode });
    expect(await database.db.orderItem.findMany({ where: { orderId }, select: { productId: true } })).toEqual([{ productId: ids.course }]);

    // Robin's cart is untouched: still theirs, still on that cookie, still holding the journal.
    const robins = await database.db.cart.findUniqueOrThrow({ where: { tokenHash: shared.tokenHash }, select: { userId: true, items: { select: { productId: true } } } });
    expect(robins).toEqual({ userId: robin.id, items: [{ productId: ids.journal }] });
    expect(await database.db.cart.count({ where: { userId: kim.id } })).toBe(1);
  });

  it("a new device, signed in, finds the account's cart", async () => {
    const jordan = await user("jordan@example.com");
    await addToCart({ db: database.db, key: browser(jordan.id), productId: ids.course });
    const view = await getCart({ db: database.db, key: { tokenHash: null, userId: jordan.id } });
    expect(view.items.map((item) => item.slug)).toEqual(["course"]);
  });

  it("merging twice at once keeps one cart and one line per product", async () => {
    const casey = await user("casey@example.com");
    await addToCart({ db: database.db, key: browser(casey.id), productId: ids.journal });
    const guest = browser();
    await addToCart({ db: database.db, key: guest, productId: ids.journal });
    await addToCart({ db: database.db, key: guest, productId: ids.toolkit });
    const both = await Promise.all([1, 2, 3].map(() => getCart({ db: database.db, key: { tokenHash: guest.tokenHash, userId: casey.id } })));
    expect(both.map((view) => view.count)).toEqual([2, 2, 2]);
    expect(await database.db.cart.count({ where: { userId: casey.id } })).toBe(1);
  });
});

describe("discount codes", () => {
  beforeAll(async () => {
    await database.db.coupon.createMany({
      data: [
        { code: "CALM10", kind: "PERCENT", percentOff: 10 },
        { code: "JOURNAL5", kind: "AMOUNT", amountOffCents: 500, currency: "GBP", productId: ids.journal },
        { code: "EXPIRED", kind: "PERCENT", percentOff: 50, expiresAt: new Date("2020-01-01Z") },
        { code: "PAUSED", kind: "PERCENT", percentOff: 50, active: false },
        { code: "EUROS", kind: "AMOUNT", amountOffCents: 500, currency: "EUR" },
        { code: "ONCE", kind: "PERCENT", percentOff: 20, maxRedemptions: 1 },
      ],
    });
  });

  it("applies a code case-insensitively and shows the discount in the totals", async () => {
    const key = browser();
    await addToCart({ db: database.db, key, productId: ids.journal });
    await addToCart({ db: database.db, key, productId: ids.toolkit });
    const view = await applyCoupon({ db: database.db, ip: anotherIp(), key, code: "  calm10 " });
    expect(view.couponCode).toBe("CALM10");
    expect(view.totals).toMatchObject({ subtotalCents: 4200, discountCents: 420, totalCents: 3780 });
    const product = await applyCoupon({ db: database.db, ip: anotherIp(), key, code: "journal5" });
    expect(product.totals).toMatchObject({ discountCents: 500, totalCents: 3700 });
    expect((await removeCoupon({ db: database.db, key })).totals).toMatchObject({ discountCents: 0, totalCents: 4200 });
  });

  it("refuses codes that don't apply, saying why", async () => {
    const key = browser();
    await addToCart({ db: database.db, key, productId: ids.toolkit });
    const cases: Array<[string, RegExp]> = [
      ["NOPE", /couldn't find the code NOPE/],
      ["EXPIRED", /has expired/],
      ["PAUSED", /isn't active/],
      ["EUROS", /different currency/],
      ["JOURNAL5", /product that isn't in your cart/],
      ["", /enter the code/],
    ];
    for (const [code, message] of cases) {
      const error = await failure(applyCoupon({ db: database.db, ip: anotherIp(), key, code }));
      expect(error.status, code).toBe(400);
      expect((error.details.fields as Record<string, string>).code, code).toMatch(message);
    }
    expect((await getCart({ db: database.db, key })).couponCode).toBeNull();
  });
});

describe("guessing codes", () => {
  it("is limited per network: each code tried counts, and past the limit the answer is a calm wait", async () => {
    const key = browser();
    await addToCart({ db: database.db, key, productId: ids.toolkit });
    const ip = "203.0.113.40";
    const { limit, windowSeconds } = SHOP_ATTEMPTS_PER_IP.coupon;
    for (let attempt = 1; attempt < limit; attempt++) {
      expect((await failure(applyCoupon({ db: database.db, ip, key, code: `GUESS${attempt}` }))).details.fields).toEqual({ code: expect.stringMatching(/couldn't find/) });
    }
    // Up to the limit, a real code that can't be used still says why: that is kind to real buyers.
    expect((await failure(applyCoupon({ db: database.db, ip, key, code: "EXPIRED" }))).details.fields).toEqual({ code: expect.stringMatching(/has expired/) });

    // Past it, every code gets the same wait, a good one too, so nothing can be learned by guessing.
    for (const code of ["NOPE", "EXPIRED", "CALM10"]) {
      const limited = await failure(applyCoupon({ db: database.db, ip, key, code }));
      expect(limited).toMatchObject({ status: 429, code: "rate_limited" });
      expect(limited.message).toMatch(/several discount codes tried from your network in a short time\. Please wait about \d+ minutes? and try again; your cart is just as you left it\./);
    }
    expect((await getCart({ db: database.db, key })).couponCode).toBeNull();

    // Another network isn't held up, and this one can try again in the next window.
    expect((await applyCoupon({ db: database.db, ip: "203.0.113.41", key, code: "CALM10" })).couponCode).toBe("CALM10");
    await removeCoupon({ db: database.db, key });
    const nextWindow = new Date(Date.now() + windowSeconds * 1000);
    expect((await applyCoupon({ db: database.db, ip, key, code: "CALM10", now: nextWindow })).couponCode).toBe("CALM10");
  });
});

describe("checkout (test mode)", () => {
  it("writes the order from database prices, opens the checkout and keeps the cart until it is paid", async () => {
    const key = browser(sam.id);
    await addToCart({ db: database.db, key, productId: ids.journal });
    await addToCart({ db: database.db, key, productId: ids.cards, quantity: 2 });
    await applyCoupon({ db: database.db, ip: anotherIp(), key, code: "CALM10" });
    // The coach changes a price after it was added: the order is priced as things are now.
    await database.db.product.update({ where: { id: ids.cards }, data: { priceCents: 400 } });

    const { orderId, checkoutUrl } = await checkoutCart({ db: database.db, ip: anotherIp(), key, email: "  Sam@Example.com ", actor: sam, provider: testMode });
    expect(checkoutUrl).toMatch(/^http:\/\/localhost:3000\/checkout\/test\/test_cs_/);
    const order = await database.db.order.findUniqueOrThrow({
      where: { id: orderId },
      select: {
        status: true,
        email: true,
        userId: true,
        currency: true,
        subtotalCents: true,
        discountCents: true,
        totalCents: true,
        provider: true,
        checkoutId: true,
        coupon: { select: { code: true, redemptionCount: true } },
        items: { orderBy: { unitPriceCents: "asc" }, select: { kind: true, productId: true, title: true, quantity: true, unitPriceCents: true, totalCents: true } },
      },
    });
    expect(order).toMatchObject({
      status: "PENDING",
      email: "sam@example.com",
      userId: sam.id,
      currency: "GBP",
      subtotalCents: 2600,
      discountCents: 260,
      totalCents: 2340,
      provider: "TEST",
      coupon: { code: "CALM10", redemptionCount: 1 },
    });
    expect(order.items).toEqual([
      { kind: "PRODUCT", productId: ids.cards, title: "cards", quantity: 2, unitPriceCents: 400, totalCents: 800 },
      { kind: "PRODUCT", productId: ids.journal, title: "journal", quantity: 1, unitPriceCents: 1800, totalCents: 1800 },
    ]);
    await database.db.product.update({ where: { id: ids.cards }, data: { priceCents: 350 } });

    // Not paid yet: the cart is still there; the success page empties nothing.
    expect((await emptyPaidCart({ db: database.db, key, checkoutId: order.checkoutId! })).count).toBe(3);

    // Something added meanwhile stays when the order is paid; the paid products and code go.
    await addToCart({ db: database.db, key, productId: ids.toolkit });
    await payTestCheckout({ db: database.db, checkoutId: order.checkoutId! });
    expect((await database.db.order.findUniqueOrThrow({ where: { id: orderId } })).status).toBe("PAID");
    const after = await emptyPaidCart({ db: database.db, key, checkoutId: order.checkoutId! });
    expect(after.items.map((item) => item.slug)).toEqual(["toolkit"]);
    expect(after.couponCode).toBeNull();
    // Idempotent.
    expect((await emptyPaidCart({ db: database.db, key, checkoutId: order.checkoutId! })).items.map((item) => item.slug)).toEqual(["toolkit"]);
  });

  it("a guest checks out with an email; a bad address or an empty cart is refused", async () => {
    const key = browser();
    expect((await failure(checkoutCart({ db: database.db, ip: anotherIp(), key, email: "guest@example.com", provider: testMode }))).code).toBe("cart_empty");
    await addToCart({ db: database.db, key, productId: ids.toolkit });
    const bad = await failure(checkoutCart({ db: database.db, ip: anotherIp(), key, email: "not an address", provider: testMode }));
    expect(bad.details.fields).toEqual({ email: expect.stringMatching(/email address like/) });
    const { orderId } = await checkoutCart({ db: database.db, ip: anotherIp(), key, email: "Guest@Example.com", provider: testMode });
    expect(await database.db.order.findUniqueOrThrow({ where: { id: orderId }, select: { email: true, userId: true, totalCents: true } })).toEqual({
      email: "guest@example.com",
      userId: null,
      totalCents: 2400,
    });
  });

  it("a code that stopped applying since it was put on the cart stops the checkout, and nothing is ordered", async () => {
    const key = browser();
    await addToCart({ db: database.db, key, productId: ids.toolkit });
    await database.db.coupon.create({ data: { code: "SOON", kind: "PERCENT", percentOff: 10, expiresAt: new Date(Date.now() + 60_000) } });
    await applyCoupon({ db: database.db, ip: anotherIp(), key, code: "SOON" });
    const before = await database.db.order.count();
    const error = await failure(checkoutCart({ db: database.db, ip: anotherIp(), key, email: "x@example.com", provider: testMode, now: new Date(Date.now() + 120_000) }));
    expect(error.code).toBe("coupon_refused");
    expect(error.message).toMatch(/SOON has expired/);
    expect(await database.db.order.count()).toBe(before);
  });

  it("the last use of a code is reserved at checkout and given back when the buyer turns back", async () => {
    const first = browser();
    const second = browser();
    for (const key of [first, second]) {
      await addToCart({ db: database.db, key, productId: ids.journal });
      await applyCoupon({ db: database.db, ip: anotherIp(), key, code: "ONCE" });
    }
    const { orderId } = await checkoutCart({ db: database.db, ip: anotherIp(), key: first, email: "first@example.com", provider: testMode });
    expect((await database.db.coupon.findUniqueOrThrow({ where: { code: "ONCE" } })).redemptionCount).toBe(1);

    // The second buyer's cart now shows the code as used up, and checkout refuses it.
    expect((await getCart({ db: database.db, key: second })).couponProblem).toMatch(/used as many times/);
    expect((await failure(checkoutCart({ db: database.db, ip: anotherIp(), key: second, email: "second@example.com", provider: testMode }))).code).toBe("coupon_refused");

    // The first buyer cancels: the use comes back, once, however often the cancel page loads.
    const { checkoutId } = await database.db.order.findUniqueOrThrow({ where: { id: orderId }, select: { checkoutId: true } });
    await cancelCheckout({ db: database.db, provider: testMode, checkoutId: checkoutId! });
    await cancelCheckout({ db: database.db, provider: testMode, checkoutId: checkoutId! });
    expect((await database.db.coupon.findUniqueOrThrow({ where: { code: "ONCE" } })).redemptionCount).toBe(0);
    // The refused checkout took the code off the second cart; it can be applied again now.
    expect((await getCart({ db: database.db, key: second })).couponCode).toBeNull();
    await applyCoupon({ db: database.db, ip: anotherIp(), key: second, code: "ONCE" });
    const { orderId: secondOrder } = await checkoutCart({ db: database.db, ip: anotherIp(), key: second, email: "second@example.com", provider: testMode });
    expect((await database.db.order.findUniqueOrThrow({ where: { id: secondOrder } })).discountCents).toBe(360);
  });

  it("the same buyer pressing Continue again after going back keeps the code's last use, address corrected or not", async () => {
    await database.db.coupon.create({ data: { code: "AGAIN", kind: "PERCENT", percentOff: 20, maxRedemptions: 1 } });
    const key = browser();
    await addToCart({ db: database.db, key, productId: ids.toolkit });
    await applyCoupon({ db: database.db, ip: anotherIp(), key, code: "AGAIN" });
    const first = await checkoutCart({ db: database.db, ip: anotherIp(), key, email: "agian@example.com", provider: testMode });
    // Back from the payment page, they notice the typo in their address and continue again.
    const second = await checkoutCart({ db: database.db, ip: anotherIp(), key, email: "Again@example.com", provider: testMode });
    expect(second.orderId).not.toBe(first.orderId);
    const orders = await database.db.order.findMany({ where: { id: { in: [first.orderId, second.orderId] } }, select: { id: true, status: true, discountCents: true } });
    expect(orders.find((order) => order.id === first.orderId)).toMatchObject({ status: "CANCELLED" });
    expect(orders.find((order) => order.id === second.orderId)).toMatchObject({ status: "PENDING", discountCents: 480 });
    expect((await database.db.coupon.findUniqueOrThrow({ where: { code: "AGAIN" } })).redemptionCount).toBe(1);
    // Someone else can't take it meanwhile, not even by typing the buyer's address: the buyer's checkout stays open.
    const other = browser();
    await addToCart({ db: database.db, key: other, productId: ids.toolkit });
    for (const email of ["other@example.com", "again@example.com"]) {
      await database.db.cart.update({ where: { tokenHash: other.tokenHash }, data: { couponCode: "AGAIN" } });
      expect((await failure(checkoutCart({ db: database.db, ip: anotherIp(), key: other, email, provider: testMode }))).code).toBe("coupon_refused");
    }
    expect((await database.db.order.findUniqueOrThrow({ where: { id: second.orderId } })).status).toBe("PENDING");
    expect((await database.db.coupon.findUniqueOrThrow({ where: { code: "AGAIN" } })).redemptionCount).toBe(1);
  });

  it("a signed-in buyer continuing on another device keeps the code's last use", async () => {
    await database.db.coupon.create({ data: { code: "DEVICES", kind: "PERCENT", percentOff: 20, maxRedemptions: 1 } });
    const lee = await user("lee@example.com");
    const laptop = browser(lee.id);
    await addToCart({ db: database.db, key: laptop, productId: ids.toolkit });
    await applyCoupon({ db: database.db, ip: anotherIp(), key: laptop, code: "DEVICES" });
    const first = await checkoutCart({ db: database.db, ip: anotherIp(), key: laptop, email: "lee@example.com", actor: lee, provider: testMode });

    // On the phone: a guest cart, then signing in folds the laptop's cart (and its code) into it.
    const phone = browser();
    await addToCart({ db: database.db, key: phone, productId: ids.journal });
    const phoneSignedIn = { tokenHash: phone.tokenHash, userId: lee.id };
    const merged = await getCart({ db: database.db, key: phoneSignedIn });
    expect(merged).toMatchObject({ couponCode: "DEVICES", count: 2 });
    const firstCart = await database.db.order.findUniqueOrThrow({ where: { id: first.orderId }, select: { cartId: true } });
    expect(firstCart.cartId).not.toBe(merged.cartId);

    const second = await checkoutCart({ db: database.db, ip: anotherIp(), key: phoneSignedIn, email: "lee@example.com", actor: lee, provider: testMode });
    expect((await database.db.order.findUniqueOrThrow({ where: { id: first.orderId } })).status).toBe("CANCELLED");
    expect(await database.db.order.findUniqueOrThrow({ where: { id: second.orderId }, select: { status: true, cartId: true, discountCents: true } })).toEqual({
      status: "PENDING",
      cartId: merged.cartId,
      discountCents: 840,
    });
  });

  it("checkouts are limited per network: past the limit a calm wait, and nothing is ordered", async () => {
    const key = browser();
    await addToCart({ db: database.db, key, productId: ids.journal });
    const ip = "203.0.113.60";
    const { limit, windowSeconds } = SHOP_ATTEMPTS_PER_IP.checkout;
    for (let attempt = 0; attempt < limit; attempt++) await checkoutCart({ db: database.db, ip, key, email: "often@example.com", provider: testMode });
    const before = await database.db.order.count();

    const limited = await failure(checkoutCart({ db: database.db, ip, key, email: "often@example.com", provider: testMode }));
    expect(limited).toMatchObject({ status: 429, code: "rate_limited" });
    expect(limited.message).toMatch(/several checkouts started from your network in a short time\. Please wait about \d+ minutes? and try again; your cart is just as you left it, and nothing has been charged\./);
    expect(await database.db.order.count()).toBe(before);

    // Another network isn't held up, and this one can check out again in the next window.
    await checkoutCart({ db: database.db, ip: "203.0.113.61", key, email: "often@example.com", provider: testMode });
    await checkoutCart({ db: database.db, ip, key, email: "often@example.com", provider: testMode, now: new Date(Date.now() + windowSeconds * 1000) });
    expect(await database.db.order.count()).toBe(before + 2);
  });
});
