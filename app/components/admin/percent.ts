// A rate as the back-office shows it: "62 %" (no-break space), or "—" when there is none yet.
export const percent = (rate: number | null) => (rate === null ? "—" : `${Math.round(rate * 100)}\u00a0%`);
