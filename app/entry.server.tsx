import { htmlStream } from "~/http/html-stream.server";
import type { AppLoadContext, EntryContext, HandleErrorFunction } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { NonceProvider } from "~/utils/nonce";
import * as runtime from "~/server/runtime.server";
import { installRouteMatchMemo } from "~/http/route-matching.server";

// Remix's route matching kept per path (app/http/route-matching.server.ts).
installRouteMatchMemo();

/** Start-up and shutdown hooks for server.mjs (reached as build.entry.module.runtime). */
export { runtime };

export const streamTimeout = 5_000;

/**
 * Errors of loaders, actions and rendering, logged as JSON through the same redaction as every other
 * line (Remix's default prints them raw, request URLs and their personal tokens included). A client
 * that went away is not an error of ours.
 */
export const handleError: HandleErrorFunction = (error, { request }) => {
  if (request.signal.aborted) return;
  runtime.log("error", "request error", {
    method: request.method,
    path: runtime.redactPath(new URL(request.url).pathname),
    error: String((error as Error)?.stack ?? error),
  });
};

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = String((loadContext as { cspNonce?: string }).cspNonce ?? "");
  // Bots and no-JS clients get the whole document at once; others get it streamed.
  const waitForAll = isbot(request.headers.get("user-agent") ?? "") || remixContext.isSpaMode;
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={streamTimeout} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        [waitForAll ? "onAllReady" : "onShellReady"]() {
          shellRendered = true;
          const body = htmlStream();
          body.on("close", () => clearTimeout(timer));
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          );
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          // A client that went away mid-stream is not an error of ours.
          if (shellRendered && !request.signal.aborted) {
            runtime.log("error", "render failed", { error: String((error as Error)?.stack ?? error) });
          }
        },
      },
    );
    timer = setTimeout(abort, streamTimeout + 1000);
  });
}
