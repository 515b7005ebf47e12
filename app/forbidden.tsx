import Link from "next/link";
import { SignedInAs } from "@/components/auth/signed-in-as";

// Shown with HTTP 403 when a signed-in client opens a coach page (forbidden() in requireCoach).
export default function Forbidden() {
  return (
    <div className="narrow stack">
      <h1>This area is for the coach</h1>
      <SignedInAs />
      <p>
        <Link href="/">Go to the home page</Link>
      </p>
    </div>
  );
}
