"use client";

import { useId, useMemo, useState } from "react";
import { currentZoneName } from "@/lib/time/zone";

type Props = {
  timeZone: string;
  /** The visitor picked it (rather than it being what their device reports). */
  chosen: boolean;
  onChange: (zone: string) => void;
};

/**
 * Every zone the browser knows, grouped by region, each labelled with its offset right now
 * ("Asia/Kolkata (GMT+5:30)"); the current one is always included.
 */
function zoneGroups(current: string): [string, { zone: string; label: string }[]][] {
  let zones: string[];
  try {
    zones = Intl.supportedValuesOf("timeZone");
  } catch {
    zones = [];
  }
  const now = new Date();
  const all = new Set([...zones.map(currentZoneName), "UTC", current]);
  const groups = new Map<string, { zone: string; label: string }[]>();
  for (const zone of [...all].sort()) {
    const region = zone.includes("/") ? zone.slice(0, zone.indexOf("/")) : "Other";
    const offset = offsetNow(zone, now);
    const label = `${zone.replace(/_/g, " ")}${offset ? ` (${offset})` : ""}`;
    groups.set(region, [...(groups.get(region) ?? []), { zone, label }]);
  }
  return [...groups.entries()];
}

/**
 * "GMT+5:30": the zone's offset right now, so a visitor who doesn't know their zone's name can find
 * it by the offset their device shows. Empty if this browser can't say.
 */
function offsetNow(zone: string, now: Date): string {
  try {
    return new Intl.DateTimeFormat("en-GB", { timeZone: zone, timeZoneName: "shortOffset" }).formatToParts(now).find((part) => part.type === "timeZoneName")?.value ?? "";
  } catch {
    return "";
  }
}

export function TimeZonePicker({ timeZone, chosen, onChange }: Props) {
  const [open, setOpen] = useState(false);
  const [announcement, setAnnouncement] = useState("");
  const groups = useMemo(() => (open ? zoneGroups(timeZone) : []), [open, timeZone]);
  const id = useId();
  const selectId = `${id}-select`;
  const panelId = `${id}-panel`;

  return (
    <div className="stack">
      <p>
        Times are shown in <strong>{timeZone}</strong>
        {chosen ? ", the time zone you chose." : ", the time zone your device uses."}{" "}
        <button
          type="button"
          className="button button-secondary"
          aria-expanded={open}
          aria-controls={panelId}
          onClick={() => setOpen((value) => !value)}
        >
          Change time zone
        </button>
      </p>
      {/* The wrapper carries `hidden`: .field sets display, which would override it. */}
      <div id={panelId} hidden={!open}>
        <div className="field">
          <label htmlFor={selectId}>Show times in this time zone</label>
          {open ? (
            <select
              id={selectId}
              value={timeZone}
              aria-describedby={`${id}-hint`}
              onChange={(event) => {
                onChange(event.target.value);
                setAnnouncement(`Times are now shown in ${event.target.value}.`);
              }}
            >
              {groups.map(([region, zones]) => (
                <optgroup key={region} label={region}>
                  {zones.map(({ zone, label }) => (
                    <option key={zone} value={zone}>
                      {label}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          ) : null}
          <span id={`${id}-hint`} className="field-hint">
            Your choice is remembered on this device.
          </span>
        </div>
      </div>
      <p role="status" aria-live="polite" className="visually-hidden">
        {announcement}
      </p>
    </div>
  );
}
