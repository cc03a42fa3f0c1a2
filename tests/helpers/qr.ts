// QR images in tests: decode a PNG back to its text (@zxing/library, in Node) and turn a PNG into a
// short Y4M video (raw YUV 4:2:0 frames) that Chromium's fake camera plays in a loop.
import { BinaryBitmap, DecodeHintType, HybridBinarizer, QRCodeReader, RGBLuminanceSource } from "@zxing/library";
import { PNG } from "pngjs";

/**
 * The text of the QR code in a PNG (throws when none is found). `pure`: the image is the symbol alone
 * (as in the email), read without searching for it; otherwise the finder patterns are searched for as
 * in a camera frame, which fails on a few percent of perfectly sharp synthetic symbols.
 */
export function decodeQrPng(png: Buffer, { pure = true }: { pure?: boolean } = {}): string {
  const image = PNG.sync.read(png);
  // One luminance byte per pixel (RGBLuminanceSource reads a Uint8ClampedArray as luminances).
  const luminances = new Uint8ClampedArray(image.width * image.height);
  for (let i = 0; i < luminances.length; i++) {
    const [r, g, b] = [image.data[4 * i], image.data[4 * i + 1], image.data[4 * i + 2]];
    luminances[i] = (r * 299 + g * 587 + b * 114) / 1000;
  }
  const source = new RGBLuminanceSource(luminances, image.width, image.height);
  const hints = pure ? new Map([[DecodeHintType.PURE_BARCODE, true]]) : undefined;
  return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)), hints).getText();
}

/**
 * A Y4M video of `frames` identical frames showing the PNG centred on a white `width`×`height`
 * picture (even sizes; each PNG pixel drawn `scale`×`scale`).
 */
export function pngToY4m(png: Buffer, options: { width: number; height: number; scale: number; frames: number }): Buffer {
  const image = PNG.sync.read(png);
  const { width, height, scale, frames } = options;
  const y = Buffer.alloc(width * height, 235);
  const left = Math.floor((width - image.width * scale) / 2);
  const top = Math.floor((height - image.height * scale) / 2);
  for (let py = 0; py < image.height * scale; py++)
    for (let px = 0; px < image.width * scale; px++) {
      const i = 4 * (Math.floor(py / scale) * image.width + Math.floor(px / scale));
      const lum = (image.data[i] * 299 + image.data[i + 1] * 587 + image.data[i + 2] * 114) / 1000;
      y[(top + py) * width + left + px] = lum < 128 ? 16 : 235;
    }
  const chroma = Buffer.alloc((width / 2) * (height / 2), 128);
  const frame = Buffer.concat([Buffer.from("FRAME\n"), y, chroma, chroma]);
  return Buffer.concat([Buffer.from(`YUV4MPEG2 W${width} H${height} F25:1 Ip A1:1 C420jpeg\n`), ...Array.from({ length: frames }, () => frame)]);
}
