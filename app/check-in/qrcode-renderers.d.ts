// Types for qrcode's synchronous renderers (lib/renderer/png.js and svg-tag.js), which @types/qrcode
// does not describe. Only what app/check-in/check-in-qr.server.ts uses.
declare module "qrcode/lib/renderer/png.js" {
  import type { QRCode } from "qrcode";
  type PngImage = { width: number; height: number; data: Buffer; constructor: { sync: { write(png: PngImage): Buffer } } };
  const renderer: { render(qr: QRCode, options?: { scale?: number; margin?: number; width?: number }): PngImage };
  export default renderer;
}
declare module "qrcode/lib/renderer/svg-tag.js" {
  import type { QRCode } from "qrcode";
  const renderer: { render(qr: QRCode, options?: { margin?: number; width?: number }): string };
  export default renderer;
}
