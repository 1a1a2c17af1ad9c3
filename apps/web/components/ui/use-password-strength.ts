"use client";

import { useCallback, useDeferredValue, useEffect, useMemo, useState } from "react";
import {
  loadEstimator,
  ratePassword,
  type Estimator,
  type PasswordRules,
  type PasswordStrength,
} from "~/components/ui/password-strength";

const LOAD_FAILED = "The password checker could not be loaded. Check your connection and try again.";

/**
 * Rates a new password as it is typed, once `load` is true (the estimator is fetched then, not
 * with the page). `check` rates a password for submitting, waiting for the estimator if needed.
 */
export function usePasswordStrength(password: string, load: boolean, rules: PasswordRules) {
  const [estimator, setEstimator] = useState<Estimator | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const deferred = useDeferredValue(password);

  useEffect(() => {
    if (!load || estimator) return;
    let live = true;
    loadEstimator().then(
      (loaded) => {
        if (live) setEstimator(() => loaded);
      },
      () => {
        if (live) setLoadError(LOAD_FAILED);
      },
    );
    return () => {
      live = false;
    };
  }, [load, estimator]);

  const strength = useMemo<PasswordStrength | null>(
    () => (estimator && deferred ? ratePassword(deferred, estimator, rules) : null),
    [estimator, deferred, rules],
  );

  const check = useCallback(
    async (candidate: string): Promise<PasswordStrength | string> => {
      try {
        return ratePassword(candidate, await loadEstimator(), rules);
      } catch {
        setLoadError(LOAD_FAILED);
        return LOAD_FAILED;
      }
    },
    [rules],
  );

  return { strength, loadError, check };
}
