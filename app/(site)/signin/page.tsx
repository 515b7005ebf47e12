import type { Metadata } from "next";
import Link from "next/link";
import { SignInForm } from "@/components/auth/sign-in-form";
import { safeCallbackPath } from "@/lib/auth/callback-path";
import { SIGN_IN_LINK_MINUTES } from "@/lib/auth/issue-sign-in-link";
import { config } from "@/lib/config";
import { ownValue } from "@/lib/http/own-value";
import { requestSignInLinkAction } from "./actions";

export const metadata: Metadata = { title: "Sign in" };

// next-auth sends people here with ?error=<code>. Unknown codes get the general message; the raw
// code is never shown.
const problems: Record<string, string> = {
  Verification: `That link has already been used or has expired. Links work once, for ${SIGN_IN_LINK_MINUTES} minutes. Ask for a new one below.`,
  configuration: "That link looks incomplete; links sometimes break when they're copied. Ask for a new one below.",
  SessionRequired: "Please sign in to see that page.",
  AccessDenied: "That sign-in didn't go through. Ask for a new link below and try once more.",
};
const generalProblem = "Something went wrong on our side while signing you in. Nothing was changed. Ask for a new link below and try once more.";

type SearchParams = Record<string, string | string[] | undefined>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export default async function SignInPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const error = first(params.error);
  const { embedded, SMTP_URL } = config();

  return (
    <div className="narrow stack">
      <h1>Sign in</h1>
      {error ? (
        <p className="notice notice-warn" role="status">
          {ownValue(problems, error) ?? generalProblem}
        </p>
      ) : null}
      <SignInForm
        action={requestSignInLinkAction}
        callbackUrl={safeCallbackPath(first(params.callbackUrl))}
        alreadySent={first(params.sent) === "1"}
        linkMinutes={SIGN_IN_LINK_MINUTES}
      />
      {embedded && !SMTP_URL ? (
        <aside className="notice" aria-labelledby="demo-note">
          <h2 id="demo-note" className="notice-heading">
            About this demo
          </h2>
          <p>
            This demo has no email server, so sign-in emails are not sent. The coach can read every email at{" "}
            <Link href="/admin/outbox">/admin/outbox</Link>, and can get her own link with{" "}
            <code>npm run signin-link -- &lt;her email&gt;</code>.
          </p>
        </aside>
      ) : null}
    </div>
  );
}
