// Sample data the email template tests share: what a person typed (markup, quotes, an ampersand) that
// must come out escaped in HTML and as is in text, the series and session titles written the same
// way, and the no-break space French typography puts in dates and times.
export const NBSP = "\u00a0";
/** Typed by the person: must come out escaped in HTML and as is in text. */
export const NAME = `Zoé <b>"O'Brien"</b> & co`;
export const NAME_HTML = "Zoé &lt;b&gt;&quot;O&#39;Brien&quot;&lt;/b&gt; &amp; co";
export const SERIES_TITLE = "Santé & territoires";
export const SESSION_TITLE = "Écouter <vraiment>";
