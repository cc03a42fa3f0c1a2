// The CSP nonce of the response being rendered (server.mjs draws it, app/entry.server.tsx provides
// it): root.tsx puts it on Remix's scripts. In the browser the value is empty: scripts are already
// in the page, and browsers hide nonce attributes from the DOM anyway.
import { createContext, useContext } from "react";

export const NonceContext = createContext<string>("");
export const NonceProvider = NonceContext.Provider;
export const useNonce = () => useContext(NonceContext);
