/** `YYYY-MM` → the first and last instant of that UTC month. */
export const monthWindow = (month: string): { since: Date; until: Date } => {
  const [year, index] = month.split("-").map(Number) as [number, number];
  return { since: new Date(Date.UTC(year, index - 1, 1)), until: new Date(Date.UTC(year, index, 1) - 1) };
};

/** The month before `period`. */
export const previousPeriod = (period: string): string =>
  new Date(monthWindow(period).since.getTime() - 1).toISOString().slice(0, 7);

/** The month whose report is due at `now`: the previous calendar month (UTC). */
export const periodToReport = (now: Date): string => previousPeriod(now.toISOString().slice(0, 7));

export const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;
