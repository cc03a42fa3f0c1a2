// The stream a page's HTML goes through on its way out. React 18.3's streaming renderer has a bug:
// when a multi-byte character (« », ’, a no-break space) does not fit in the last bytes of its
// 2,048-byte buffer, it sends the whole buffer, unused zero bytes included, then the character in the
// next one (react-dom-server.node.production.min.js, writeStringChunk;
// facebook/react#31134, fixed by #26228 for React 19 only). The page then shows a NUL
// before the character, wherever the byte count happens to fall. NUL is never valid in HTML and never
// part of a UTF-8 multi-byte sequence, so dropping every 0x00 byte restores the document exactly.
import { Transform } from "node:stream";

export function htmlStream(): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      done(null, chunk.includes(0) ? Buffer.from(chunk.filter((byte) => byte !== 0)) : chunk);
    },
  });
}
