import { renderEmail } from "../layout";

export function signInEmail(options: { url: string; expiresInMinutes: number }) {
  return renderEmail({
    subject: "Your sign-in link",
    preview: `This link works once, for the next ${options.expiresInMinutes} minutes.`,
    heading: "Here is your sign-in link",
    paragraphs: [
      `Use the button below to sign in. It works once, for the next ${options.expiresInMinutes} minutes.`,
      "If the link has expired by the time you read this, that's completely fine: you can ask for a fresh one on the sign-in page.",
    ],
    action: { label: "Sign in", url: options.url },
    footnote: "Didn't ask for this? You can ignore this email; nobody can sign in without the link.",
  });
}
