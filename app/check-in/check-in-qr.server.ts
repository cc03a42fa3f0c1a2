// The QR code of a check-in code, drawn by the qrcode package: a PNG for emails (attached inline,
// Content-ID, since mail clients drop SVG and data: images) and an SVG for the personal space. Both
// synchronous (qrcode's own renderers), so that rendering an email stays a pure read.
import QRCode from "qrcode";
// qrcode's renderers, synchronous (its public toBuffer/toString are callback-based).
import pngRenderer from "qrcode/lib/renderer/png.js";
import svgRenderer from "qrcode/lib/renderer/svg-tag.js";

/** Medium error correction: readable on a cracked or dim phone screen, still a small symbol for 8 characters. */
const create = (code: string) => QRCode.create(code, { errorCorrectionLevel: "M" });

/** A PNG of the code's QR (about 230 px square with its quiet zone). */
export function checkInQrPng(code: string): Buffer {
  const png = pngRenderer.render(create(code), { scale: 8, margin: 4 });
  return png.constructor.sync.write(png);
}

/** An SVG of the code's QR, as a data: URI for an <img> (the CSP admits data: images). */
export function checkInQrSvgUri(code: string): string {
  const svg: string = svgRenderer.render(create(code), { margin: 4 });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`;
}

/** The Content-ID the practical-information email's QR image is attached under. */
export const CHECK_IN_QR_CID = "code-accueil@rendez-vous";
