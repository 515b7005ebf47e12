import type { ActionState } from "@/lib/http/action-state";

/** The polite live region above an admin edit form: what went wrong, or what was saved. */
export function SavedStatus({ state, fieldsMarked }: { state: ActionState<{ title: string }>; fieldsMarked: boolean }) {
  return (
    <div role="status" aria-live="polite">
      {state.status === "error" ? (
        <p className="notice notice-warn">
          {state.message} {fieldsMarked ? "The fields that need a look are marked below." : ""}
        </p>
      ) : state.status === "success" ? (
        <p className="notice">Saved “{state.result.title}”.</p>
      ) : null}
    </div>
  );
}
