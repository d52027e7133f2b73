// One handler per change type; `applyChange` dispatches through this table. A new change type
// adds its schema in `../schema.ts` and its handler here (TypeScript then insists on both).
import type { Change } from "../schema.js";
import { setAssumption, setContactPolicy } from "./assumptions.js";
import { scaleDemand } from "./demand.js";
import type { ChangeOf, Draft } from "./draft.js";
import { closeRoad, setRoadSpeed } from "./roads.js";
import {
  addSite,
  closeSite,
  moveSite,
  openSite,
  reassignSpoke,
  setBeds,
  setCaseloadCapacity,
  setCrisisSlots,
  setRunningCost,
  setStaffing,
} from "./sites.js";

export { Draft } from "./draft.js";

type Handlers = { readonly [T in Change["type"]]: (draft: Draft, change: ChangeOf<T>, i: number) => void };

const HANDLERS: Handlers = {
  openSite,
  closeSite,
  addSite,
  moveSite,
  setBeds,
  setCaseloadCapacity,
  reassignSpoke,
  scaleDemand,
  setRoadSpeed,
  closeRoad,
  setAssumption,
  setStaffing,
  setCrisisSlots,
  setContactPolicy,
  setRunningCost,
};

/** Apply `changes[i]` to the draft (checked against the draft as it stands). */
export function applyChange(draft: Draft, change: Change, i: number): void {
  (HANDLERS[change.type] as (draft: Draft, change: Change, i: number) => void)(draft, change, i);
}
