import { z } from "zod";

// Our CSP has no 'unsafe-eval'. zod's JIT probe (`new Function("")`) is caught by zod but Chromium
// still reports it as a CSP violation, so the browser bundle runs zod without the JIT.
z.config({ jitless: true });
