// True once React runs in the browser (false in the server render and during hydration): controls
// that need JavaScript are only offered then. An external store with a server snapshot, so React
// re-renders once after hydration without a state update inside an effect.
import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
