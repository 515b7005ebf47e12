"use client";

import { type ReactNode, useEffect, useRef } from "react";
import type { ActionState } from "@/lib/http/action-state";

/**
 * The result line under a small admin form: what went wrong, or what was done. Focused when it
 * changes so keyboard and screen-reader users hear it.
 */
export function ResultNotice<Result>({ state, success }: { state: ActionState<Result>; success: (result: Result) => ReactNode }) {
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (state.status !== "idle") ref.current?.focus();
  }, [state]);
  return (
    <p ref={ref} tabIndex={-1} role="status" className={state.status === "error" ? "notice notice-warn" : state.status === "success" ? "notice" : undefined}>
      {state.status === "error" ? state.message : state.status === "success" ? success(state.result) : null}
    </p>
  );
}
