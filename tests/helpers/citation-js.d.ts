// Types for the parts of citation-js the tests use (the packages ship none): parsing RIS or BibTeX
// text into CSL-JSON items.
declare module "@citation-js/core" {
  export type CslName = { family?: string; given?: string; literal?: string; "non-dropping-particle"?: string; "dropping-particle"?: string; suffix?: string };
  export type CslItem = Record<string, unknown> & {
    type: string;
    title?: string;
    author?: CslName[];
    editor?: CslName[];
    issued?: { "date-parts"?: (number | string)[][] };
  };
  export class Cite {
    constructor(data: string);
    data: CslItem[];
  }
}
declare module "@citation-js/plugin-ris";
declare module "@citation-js/plugin-bibtex";
