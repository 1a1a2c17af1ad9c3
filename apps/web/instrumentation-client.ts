// Runs before any app code in the browser. zod compiles object parsers with `new Function` unless
// jitless; under our CSP (no 'unsafe-eval') even its guarded probe is reported as a violation.
// zod keeps its configuration on this global and adopts one that exists before it loads, so the
// setting costs no import: pages that never use zod do not download it for one option.
const zodGlobal = globalThis as { __zod_globalConfig?: { jitless?: boolean } };
(zodGlobal.__zod_globalConfig ??= {}).jitless = true;
