/**
 * How long a suspension lasts, as the admin page offers it: a number of days, or until lifted. Outside the
 * suspensions model because the page renders the choices in the browser too, where .server modules are empty.
 */
export const SUSPENSION_LENGTHS = ["1", "3", "7", "30", "permanent"] as const;
export type SuspensionLength = (typeof SUSPENSION_LENGTHS)[number];
