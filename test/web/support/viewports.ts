/** The window sizes the browser tests look at the app in. */

/** A desktop window: what a page opens in unless a test says otherwise. */
export const DESKTOP = { width: 1280, height: 800 } as const;

/** A phone-sized window. */
export const PHONE = { width: 375, height: 800 } as const;
