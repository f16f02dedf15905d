/** The parts of a list's address that a reader carries from the list to a post and back via 목록. */
export interface ListPosition {
  category: string | null;
  page: number;
}

export function listSearch({ category, page }: ListPosition, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  if (category) params.set("category", category);
  if (page > 1) params.set("page", String(page));
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  const search = params.toString();
  return search ? `?${search}` : "";
}

/** Page numbers around the current one, ten at a time as Korean boards show them. */
export function pageWindow(page: number, pageCount: number, size = 10): number[] {
  const first = Math.floor((page - 1) / size) * size + 1;
  const last = Math.min(pageCount, first + size - 1);
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

/** Reads `?page=` leniently: anything but a positive whole number means the first page. */
export function parsePageNumber(value: string | null): number {
  const page = Number.parseInt(value ?? "1", 10);
  return Number.isSafeInteger(page) && page > 0 ? page : 1;
}
