import { NextResponse } from "next/server";
import { requestSignInLink, signInLinkRequest } from "@/lib/auth/request-sign-in-link";
import { getDb } from "@/lib/db/client";
import { route } from "@/lib/http/route";

/** POST { email, callbackUrl? } → 202 { status: "sent" }; 400 with fields; 429 with Retry-After. */
export const POST = route({ body: signInLinkRequest }, async ({ body, ip }) => {
  await requestSignInLink({ db: getDb(), email: body.email, ip, callbackUrl: body.callbackUrl });
  return NextResponse.json({ status: "sent" }, { status: 202 });
});
