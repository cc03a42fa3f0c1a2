// Shared pieces of every email: escaping, the HTML frame and the plain-text footer. Pure functions.

export function escapeHtml(value: unknown): string {
  return String(value ?? "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** Tagged template that escapes every interpolated value unless it is marked safe with `raw()`. */
export type Safe = { __html: string };
export const raw = (html: string): Safe => ({ __html: html });
export function html(strings: TemplateStringsArray, ...values: unknown[]): Safe {
  let out = strings[0];
  values.forEach((v, i) => {
    const piece = Array.isArray(v) ? v.map((x) => (isSafe(x) ? x.__html : escapeHtml(x))).join("") : isSafe(v) ? v.__html : escapeHtml(v);
    out += piece + strings[i + 1];
  });
  return { __html: out };
}
const isSafe = (v: unknown): v is Safe => typeof v === "object" && v !== null && "__html" in v;

/** Plain-text version of a time with no-break spaces ("9 h 30"). */
/** No-break spaces inside dates and times made plain; those of French punctuation (« : », « »… ») kept. */
export const plain = (s: string) => s.replace(/(?<!«)[\u00a0\u202f](?![:;!?»])/g, " ");

export function frame(opts: { title: string; preheader: string; body: Safe; footer: Safe }): string {
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(opts.title)}</title>
</head>
<body style="margin:0;padding:0;background:#f3f6fa;color:#1b1f24;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5">
<div style="display:none;max-height:0;overflow:hidden">${escapeHtml(opts.preheader)}</div>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f3f6fa">
<tr><td align="center" style="padding:16px">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:600px;background:#ffffff;border:1px solid #cfd6df;border-radius:6px">
<tr><td style="background:#1d4f91;color:#ffffff;padding:12px 20px;font-weight:bold;font-size:18px;border-radius:6px 6px 0 0">Rendez-vous</td></tr>
<tr><td style="padding:20px">${opts.body.__html}</td></tr>
<tr><td style="padding:12px 20px;border-top:1px solid #cfd6df;color:#4a5360;font-size:13px">${opts.footer.__html}</td></tr>
</table>
</td></tr>
</table>
</body>
</html>`;
}

export const button = (href: string, label: string) =>
  html`<p style="margin:20px 0">
    <a href="${href}" style="display:inline-block;background:#1d4f91;color:#ffffff;padding:10px 18px;border-radius:6px;text-decoration:none;font-weight:bold"
      >${label}</a
    >
  </p>`;
