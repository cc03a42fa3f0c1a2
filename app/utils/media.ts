// Video platforms (YouTube, Vimeo) and recording times: pure helpers shared by pages and emails.
// Embeds use the platforms' privacy modes (youtube-nocookie.com, Vimeo's dnt=1) and are only ever
// loaded after a click (app/components/MediaEmbed.tsx).

export type VideoLink = {
  provider: "youtube" | "vimeo";
  providerLabel: string;
  id: string;
  /** The platform's own page, at an optional time. */
  watchUrl: (seconds?: number) => string;
  /** The player to put in an iframe, at an optional time. */
  embedUrl: (seconds?: number) => string;
};

/** Recognises YouTube and Vimeo addresses; anything else is an ordinary link. */
export function videoLink(url: string | null | undefined): VideoLink | null {
  if (!url) return null;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== "https:" && u.protocol !== "http:") return null;
  const host = u.hostname.replace(/^(www\.|m\.)/, "");
  let youtube: string | null = null;
  if (host === "youtu.be") youtube = u.pathname.slice(1).split("/")[0];
  else if (host === "youtube.com" || host === "youtube-nocookie.com") {
    if (u.pathname === "/watch") youtube = u.searchParams.get("v");
    else {
      const m = /^\/(?:embed|shorts|live)\/([^/]+)/.exec(u.pathname);
      youtube = m?.[1] ?? null;
    }
  }
  if (youtube && /^[\w-]{6,20}$/.test(youtube)) {
    const id = youtube;
    return {
      provider: "youtube",
      providerLabel: "YouTube",
      id,
      watchUrl: (s) => `https://www.youtube.com/watch?v=${id}${s ? `&t=${s}s` : ""}`,
      embedUrl: (s) => `https://www.youtube-nocookie.com/embed/${id}?rel=0${s ? `&start=${s}&autoplay=1` : ""}`,
    };
  }
  if (host === "vimeo.com" || host === "player.vimeo.com") {
    const m = /^\/(?:video\/)?(\d{5,12})(?:\/|$)/.exec(u.pathname);
    if (m) {
      const id = m[1];
      return {
        provider: "vimeo",
        providerLabel: "Vimeo",
        id,
        watchUrl: (s) => `https://vimeo.com/${id}${s ? `#t=${s}s` : ""}`,
        embedUrl: (s) => `https://player.vimeo.com/video/${id}?dnt=1${s ? `&autoplay=1#t=${s}s` : ""}`,
      };
    }
  }
  return null;
}

/** 5430 → "01:30:30" */
export function secondsToHms(total: number): string {
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return [h, m, s].map((n) => String(n).padStart(2, "0")).join(":");
}

/** 5430 → "1 h 30 min 30 s", 900 → "15 min" (French, no-break spaces). */
export function formatDuration(total: number): string {
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const parts = [h ? `${h}\u00a0h` : "", m ? `${h ? String(m).padStart(2, "0") : m}\u00a0min` : "", s && !h ? `${s}\u00a0s` : ""].filter(Boolean);
  return parts.join(" ") || "0\u00a0s";
}

/** 5430 → "PT1H30M30S" (ISO 8601, for <time datetime>). */
export function isoDuration(total: number): string {
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return `PT${h ? `${h}H` : ""}${m ? `${m}M` : ""}${s || (!h && !m) ? `${s}S` : ""}`;
}

/** A chapter's time as read aloud and shown: "0:45:00" → "45:00", "1:05:30". */
export function clockLabel(total: number): string {
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, "0");
  return h ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}
