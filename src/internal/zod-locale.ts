// zod/mini loads no locale, so its messages would all read "Invalid input". Every boundary parse
// passes this context instead, which gives zod's English messages without touching the global
// zod configuration an app may have set for its own schemas. (The English locale is imported on
// its own: `z.locales.en` would pull every locale into a bundle.)
import type * as z from "zod/mini";
import en from "zod/v4/locales/en.js";

/** Parse context with zod's English messages; pass as the second argument of `safeParse`. */
export const EN: z.core.ParseContext<z.core.$ZodIssue> = { error: en().localeError };
