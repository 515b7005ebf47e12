/** The submit button of an admin edit form; says "Saving…" and stays disabled while the save runs. */
export function SaveButton({ pending, label }: { pending: boolean; label: string }) {
  return (
    <div className="actions">
      <button type="submit" className="button" disabled={pending}>
        {pending ? "Saving…" : label}
      </button>
    </div>
  );
}
