// Compile-time checks only (no runtime code). Each options interface is written out for the
// reader and the API reference; `OptionsMatch` keeps it in step with the zod schema that
// checks the same options at run time, so `npm run typecheck` fails when the two drift.

/** True when A and B accept the same values and have the same keys. */
export type Same<A, B> = [A] extends [B]
  ? [B] extends [A]
    ? [keyof A] extends [keyof B]
      ? [keyof B] extends [keyof A]
        ? true
        : false
      : false
    : false
  : false;

/** Fails to compile unless `T` is `true`. */
export type Assert<T extends true> = T;
