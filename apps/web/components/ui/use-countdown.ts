"use client";

import { useEffect, useState } from "react";

/** Whole seconds left until `until` (ms epoch), updated every second; 0 once it has passed or when null. */
export function secondsLeft(until: number | null, now: number): number {
  return until === null ? 0 : Math.max(0, Math.ceil((until - now) / 1000));
}

export function useCountdown(until: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (until === null) return;
    // eslint-disable-next-line react-hooks/set-state-in-effect -- a new deadline restarts the clock from the real time, not the last tick.
    setNow(Date.now());
    const timer = setInterval(() => {
      const current = Date.now();
      setNow(current);
      if (current >= until) clearInterval(timer);
    }, 1000);
    return () => clearInterval(timer);
  }, [until]);
  return secondsLeft(until, now);
}
