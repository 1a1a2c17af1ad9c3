export { startEmulator, emulatorBaseUrls, DEFAULT_SLOW_MS, EmulatorOptionError, type Emulator, type EmulatorOptions } from "./server";
export { mintKey, keyFingerprint, keyBehaviour, BEHAVIOURS, InvalidKeyLabelError, type Behaviour } from "./keys";
export type { EmulatorCall, CallFilter } from "./call-log";
export type { EmulatorEndpoint } from "./provider-handler";
