export const SITE_NAME = "Rendez-vous";

export function pageTitle(...parts: string[]): string {
  return [...parts, SITE_NAME].join(" — ");
}
