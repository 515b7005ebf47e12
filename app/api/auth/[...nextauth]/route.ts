import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { authOptions } from "@/lib/auth/auth-options";
import { NotFoundError } from "@/lib/errors";
import { errorResponse } from "@/lib/http/error-response";

type Context = { params: Promise<{ nextauth: string[] }> };

function nextAuth(request: NextRequest, context: Context): Promise<Response> {
  return NextAuth(request, context, authOptions());
}

export const GET = nextAuth;

export async function POST(request: NextRequest, context: Context): Promise<Response> {
  const [action] = (await context.params).nextauth;
  // next-auth's own link sending would bypass our rate limit and the outbox: links come only from
  // the sign-in page (POST /api/auth/email-link and its server action).
  if (action === "signin") {
    return errorResponse(new NotFoundError("Sign-in links are requested on the sign-in page at /signin."));
  }
  return nextAuth(request, context);
}
