"use client";

import { useActionState, type ReactNode } from "react";
import { idle, type ActionState } from "@/lib/http/action-state";
import styles from "./availability-editor.module.css";

type Props<State extends ActionState<unknown>> = {
  action: (previous: State, formData: FormData) => Promise<State>;
  /** Names and values that say what to remove. */
  hiddenFields: Record<string, string>;
  /** Read after "Remove" by screen readers only, since the visible list already shows what the row is. */
  what: ReactNode;
};

/** "Remove" next to an item in a list; an error shows beside the button, success reloads the list. */
export function RemoveForm<State extends ActionState<unknown>>({ action, hiddenFields, what }: Props<State>) {
  // Every ActionState can be idle, but TypeScript cannot see that through the type parameter.
  const [state, submit, pending] = useActionState(action, idle as Awaited<State>);
  return (
    <form action={submit} className={styles.inline}>
      {Object.entries(hiddenFields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" className="button button-secondary" disabled={pending}>
        Remove<span className="visually-hidden"> {what}</span>
      </button>
      {state.status === "error" ? (
        <span role="alert" className="field-error">
          {state.message}
        </span>
      ) : null}
    </form>
  );
}
