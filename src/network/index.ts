export { DEFAULT_ACCESS_SPEED_KMH, DEFAULT_SPEED_PROFILE } from "./speed-profile.js";
export type { ClassSpeed, SpeedProfile } from "./speed-profile.js";
