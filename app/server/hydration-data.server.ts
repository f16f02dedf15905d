import type { EntryContext } from "@remix-run/node";

/**
 * Reads the page's hydration data to its end before rendering, so the document renders in one synchronous pass.
 *
 * With single fetch, Remix streams the loaders' data into the page (`serverHandoffStream`, turbo-stream), and its
 * StreamTransfer component suspends once per chunk until that chunk is read: a render must then be a streaming one.
 * The app defers no data, so the stream only ever holds data already loaded; once it is read, StreamTransfer's cache
 * (`renderMeta.streamCache`, keyed by chunk number) is given the whole of it as its first and last chunk, and
 * renderToString writes the same scripts the streaming render would, with nothing left to wait for. The cache is
 * part of Remix's EntryContext type; a Remix upgrade that stops reading it shows in the browser tests (the page would
 * lose its data script and not hydrate). Remix's own `streamTimeout` (4.95 s by default) bounds the read.
 */
export async function settleHydrationData(remixContext: EntryContext): Promise<void> {
  const stream = remixContext.serverHandoffStream;
  const { renderMeta } = remixContext;
  if (!stream || !renderMeta) return;
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let value = "";
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    value += decoder.decode(chunk.value, { stream: true });
  }
  value += decoder.decode();
  reader.releaseLock();
  renderMeta.streamCache = { 0: Object.assign(Promise.resolve(), { result: { done: true, value } }) };
}
