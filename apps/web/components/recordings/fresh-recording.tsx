"use client";

import { createContext, useContext } from "react";

/**
 * The recording the user has just started on this screen. Its page moves focus to the recording's
 * heading once, when it first loads; opening a recording from the list leaves focus on the list.
 */
export interface FreshRecording {
  id: string | null;
  clear: () => void;
}

export const FreshRecordingContext = createContext<FreshRecording>({ id: null, clear: () => undefined });

export function useFreshRecording(): FreshRecording {
  return useContext(FreshRecordingContext);
}
