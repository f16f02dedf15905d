/** A URL as a browser's parser reads it: tabs and newlines dropped anywhere, leading spaces and controls trimmed. */
export function browserUrl(value: string): string {
  // eslint-disable-next-line no-control-regex -- the controls are the point: browsers trim them before the scheme
  return value.replace(/[\t\n\r]/g, "").replace(/^[\u0000-\u0020]+/, "");
}
