import type { Slot } from "./booking-api";
import { slotLabel } from "./labels";
import styles from "./booking.module.css";

/** The free times offered when the one chosen was taken meanwhile: one full-width button each. */
export function AlternativeTimes({ slots, timeZone, onChoose }: { slots: Slot[]; timeZone: string; onChoose: (slot: Slot) => void }) {
  return (
    <ul className={styles.alternatives}>
      {slots.map((slot) => (
        <li key={slot.start}>
          <button type="button" className="button button-secondary" onClick={() => onChoose(slot)}>
            {slotLabel(slot, timeZone)}
          </button>
        </li>
      ))}
    </ul>
  );
}
