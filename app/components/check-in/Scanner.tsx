// The camera scan of the check-in page (JavaScript only): @zxing/browser reads QR codes from the
// phone's back camera and hands each new code to `onCode`. The library is loaded on the first tap,
// not with the page. A code read again within a few seconds is ignored (the camera sees it for a while).
import { useEffect, useRef, useState } from "react";

type Controls = { stop: () => void };

export function Scanner({ onCode }: { onCode: (code: string) => void }) {
  const video = useRef<HTMLVideoElement>(null);
  const controls = useRef<Controls | null>(null);
  const last = useRef<{ code: string; at: number } | null>(null);
  const [state, setState] = useState<"off" | "starting" | "on">("off");
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => () => controls.current?.stop(), []);

  async function start() {
    setProblem(null);
    setState("starting");
    try {
      const { BrowserQRCodeReader } = await import("@zxing/browser");
      const reader = new BrowserQRCodeReader(undefined, { delayBetweenScanAttempts: 150, delayBetweenScanSuccess: 500 });
      controls.current = await reader.decodeFromConstraints({ video: { facingMode: "environment" } }, video.current!, (result) => {
        if (!result) return;
        const code = result.getText();
        const now = performance.now();
        if (last.current && last.current.code === code && now - last.current.at < 4000) return;
        last.current = { code, at: now };
        onCode(code);
      });
      setState("on");
    } catch (error) {
      setState("off");
      setProblem(
        `Caméra indisponible (${error instanceof Error ? error.name : "erreur"})\u00a0: autorisez l’accès à la caméra, ou saisissez le code ou cherchez la personne par son nom.`,
      );
    }
  }

  function stop() {
    controls.current?.stop();
    controls.current = null;
    setState("off");
  }

  return (
    <section aria-labelledby="scan-titre" className="door-section">
      <h2 id="scan-titre">Scanner un QR code</h2>
      {state === "off" ? (
        <button type="button" onClick={start}>
          Ouvrir la caméra
        </button>
      ) : (
        <button type="button" className="button-secondary" onClick={stop}>
          Arrêter la caméra
        </button>
      )}
      {problem ? <p className="field-error">{problem}</p> : null}
      <video ref={video} className="door-video" hidden={state === "off"} muted playsInline aria-label="Image de la caméra" />
    </section>
  );
}
