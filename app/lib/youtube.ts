const VIDEO_ID = /^[A-Za-z0-9_-]{11}$/;
const YOUTUBE_HOSTS = new Set(["youtube.com", "www.youtube.com", "m.youtube.com"]);

/** The privacy-enhanced player's host: the one site the content security policy lets the board frame. */
export const YOUTUBE_EMBED_ORIGIN = "https://www.youtube-nocookie.com";

/** The video id of a YouTube watch, youtu.be or Shorts address; null for anything else. */
export function youtubeVideoId(address: string): string | null {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return null;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return null;
  let id: string | null = null;
  if (url.hostname === "youtu.be") id = url.pathname.slice(1);
  else if (YOUTUBE_HOSTS.has(url.hostname)) {
    if (url.pathname === "/watch") id = url.searchParams.get("v");
    else if (url.pathname.startsWith("/shorts/")) id = url.pathname.slice("/shorts/".length);
  }
  return id !== null && VIDEO_ID.test(id) ? id : null;
}

export function youtubeEmbedUrl(videoId: string): string {
  return `${YOUTUBE_EMBED_ORIGIN}/embed/${videoId}`;
}

/** Whether an iframe address is exactly a player of YOUTUBE_EMBED_ORIGIN, as youtubeEmbedUrl makes them. */
export function isYoutubeEmbedUrl(address: string): boolean {
  const prefix = `${YOUTUBE_EMBED_ORIGIN}/embed/`;
  return address.startsWith(prefix) && VIDEO_ID.test(address.slice(prefix.length));
}
