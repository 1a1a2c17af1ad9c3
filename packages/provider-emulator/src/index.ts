export {
  startEmulator,
  emulatorBaseUrls,
  DEFAULT_SLOW_MS,
  EmulatorOptionError,
  type Emulator,
  type EmulatorOptions,
} from "./server";
export {
  mintKey,
  keyFingerprint,
  keyBehaviour,
  behavioursOf,
  providersWith,
  BEHAVIOURS,
  InvalidKeyLabelError,
  UnsupportedBehaviourError,
  type Behaviour,
} from "./keys";
export { COMMON_BEHAVIOURS } from "./behaviours";
export { EMULATOR_MODULES } from "./modules";
export type { EmulatorCall, CallFilter, CallUsage } from "./call-log";
export type { Fault } from "./faults";
export type { EmulatorEndpoint, EmulatorModule } from "./provider-handler";
export { emulatorProviderEnv } from "./provider-env";
export { findEmulatorKeyTraces } from "./leak-scan";
