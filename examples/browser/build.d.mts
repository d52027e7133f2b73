/** Build the page bundle (examples/browser/main.js + the package's dist/) into `outdir/app.js`; returns its path. */
export function buildBrowserExample(outdir?: string): Promise<string>;
