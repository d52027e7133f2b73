// Public surface. Each domain's index.ts is the reviewed list of its public names; the root
// re-exports those lists (names are unique across domains).
export {
  DidNotConvergeError,
  DuplicateIdError,
  GraphChangedError,
  GraphMismatchError,
  HubspokeError,
  InfeasibleError,
  InvalidGraphError,
  InvalidInputError,
  IoError,
  NotAlignedError,
  NotCoveredError,
  MissingDependencyError,
  ProviderError,
  UnknownIdError,
} from "./errors.js";
export type { ErrorCode, InputIssue } from "./errors.js";
export * from "./model/index.js";
export * from "./network/index.js";
export * from "./routing/index.js";
export * from "./access/index.js";
export * from "./catchment/index.js";
export * from "./capacity/index.js";
export * from "./optimise/index.js";
export * from "./scenario/index.js";
export * from "./io/index.js";
