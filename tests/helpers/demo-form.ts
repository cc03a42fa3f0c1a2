// The demo series' public registration form as the browser and HTTP tests address it: the series
// page, the form's path, and the thanks the form shows once a registration is recorded.
import { DEMO_SLUG } from "../../db/seed/demo-series";

export const DEMO_SERIES_PAGE = `/series/${DEMO_SLUG}`;
export const DEMO_FORM = `${DEMO_SERIES_PAGE}/inscription`;
export const THANKS = "Merci, votre inscription est enregistrée";
