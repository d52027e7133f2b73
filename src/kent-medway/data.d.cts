// Types of data.cjs: plain JSON, decoded and checked in kent-medway.ts.
declare const data: {
  readonly assumptions: unknown;
  readonly roads: unknown;
  readonly sites: unknown;
  readonly zones: unknown;
};
export = data;
