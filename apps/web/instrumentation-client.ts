import { z } from "zod";

// Runs before any app code in the browser. zod compiles object parsers with `new Function` unless
// jitless; under our CSP (no 'unsafe-eval') even its guarded probe is reported as a violation.
z.config({ jitless: true });
