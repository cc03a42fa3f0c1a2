// The series menus of the back office's email log and of the library list the most recent series
// (and the chosen one) and end with « Autres séries… », which lists them all: how many at first.
export const SERIES_MENU_SIZE = 30;
