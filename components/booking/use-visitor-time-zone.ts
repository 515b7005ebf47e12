"use client";

import { useCallback, useSyncExternalStore } from "react";
import { currentZoneName, isValidTimeZone } from "@/lib/time/zone";

// The zone the visitor reads times in: the one they chose (remembered in localStorage), else the
// one their device reports. An external store rather than state + effect: the server has no idea
// of the visitor's zone (snapshot null), and the browser knows it on the first client render.

const STORAGE_KEY = "steady-ground:time-zone";
const CHANGE_EVENT = "steady-ground:time-zone-change";

// Where the choice lives when localStorage is unavailable (private windows, blocked storage).
let chosenInMemory: string | null = null;

export function detectedTimeZone(): string {
  try {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    return zone && isValidTimeZone(zone) ? currentZoneName(zone) : "UTC";
  } catch {
    return "UTC";
  }
}

function storedTimeZone(): string | null {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    if (stored && isValidTimeZone(stored)) return currentZoneName(stored);
  } catch {
    // Storage is blocked: fall back to this visit's choice.
  }
  return chosenInMemory;
}

function subscribe(onChange: () => void) {
  window.addEventListener("storage", onChange);
  window.addEventListener(CHANGE_EVENT, onChange);
  return () => {
    window.removeEventListener("storage", onChange);
    window.removeEventListener(CHANGE_EVENT, onChange);
  };
}

const getChoice = () => storedTimeZone() ?? "";
const getDetected = () => detectedTimeZone();
const getServerSnapshot = () => null;

export type VisitorTimeZone = {
  /** null until the browser has rendered (the server cannot know it). */
  timeZone: string | null;
  /** Whether the visitor picked it (rather than it being their device's zone). */
  chosen: boolean;
  setTimeZone: (zone: string) => void;
};

export function useVisitorTimeZone(): VisitorTimeZone {
  const choice = useSyncExternalStore(subscribe, getChoice, getServerSnapshot);
  const detected = useSyncExternalStore(subscribe, getDetected, getServerSnapshot);
  const setTimeZone = useCallback((zone: string) => {
    if (!isValidTimeZone(zone)) return;
    chosenInMemory = currentZoneName(zone);
    try {
      window.localStorage.setItem(STORAGE_KEY, chosenInMemory);
    } catch {
      // Remembered for this visit only.
    }
    window.dispatchEvent(new Event(CHANGE_EVENT));
  }, []);
  if (detected === null) return { timeZone: null, chosen: false, setTimeZone };
  return { timeZone: choice || detected, chosen: Boolean(choice), setTimeZone };
}
