// The library's series menu, shared by the loader and the page: it lists the SERIES_MENU_SIZE most
// recent series (and the chosen one); « Autres séries… » (the value EVERY_SERIES, never a slug:
// slugs have no "_") lists them all (docs/decisions/018-library-search.md).
export { SERIES_MENU_SIZE } from "~/utils/series-menu";
export const EVERY_SERIES = "_autres";
