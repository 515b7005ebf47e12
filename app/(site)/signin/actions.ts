"use server";

import { headers } from "next/headers";
import { requestSignInLink, signInLinkRequest } from "@/lib/auth/request-sign-in-link";
import { getDb } from "@/lib/db/client";
import { formAction, type ActionState } from "@/lib/http/action";
import { clientIp } from "@/lib/http/client-ip";

export type SignInLinkState = ActionState<{ email: string }>;

const requestLink = formAction(signInLinkRequest, async ({ email, callbackUrl }) =>
  requestSignInLink({ db: getDb(), email, ip: clientIp(await headers()), callbackUrl }),
);

export async function requestSignInLinkAction(previous: SignInLinkState, formData: FormData): Promise<SignInLinkState> {
  return requestLink(previous, formData);
}
