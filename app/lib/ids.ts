/** A positive integer id as written in a URL or form field; anything else (1e3, 0x10, -1, 007) is null. */
export function parseId(value: string | null | undefined): number | null {
  if (!value || !/^[1-9][0-9]{0,15}$/.test(value)) return null;
  const id = Number(value);
  return Number.isSafeInteger(id) ? id : null;
}
