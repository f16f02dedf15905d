/**
 * Limits on the shape of a post's Markdown, checked in one linear pass before marked runs (see ADR 016). Within them
 * a 64 KiB body renders in well under 200 ms of CPU; past them marked overflows its stack (deeply nested quotes and
 * lists) or goes quadratic (its GFM e-mail rule rescans a long unspaced run at every `*`, `_`, `~`, `!` or backtick).
 */

/** How deeply quotes and lists may nest; the renderer shows deeper emphasis and links as typed, at the same depth. */
export const MAX_NESTING_DEPTH = 20;
/**
 * The longest run of unspaced Latin letters, digits and ASCII symbols, outside code blocks, that may hold one of the
 * marks marked stops at (`*`, `_`, `~`, `!`, a backtick): a long link fits.
 */
export const MAX_UNSPACED_RUN = 1000;

export const NESTING_TOO_DEEP_MESSAGE = `인용(>)과 목록은 ${MAX_NESTING_DEPTH}단계까지만 겹쳐 쓸 수 있습니다.`;
export const UNSPACED_RUN_TOO_LONG_MESSAGE = `띄어쓰기 없이 ${MAX_UNSPACED_RUN.toLocaleString("ko-KR")}자 넘게 이어진 영문·숫자 사이에는 *, _, ~, !, \` 기호를 쓸 수 없습니다. 중간에 띄어 쓰거나 코드 블록(\`\`\`)에 넣어 주세요.`;

const TAB_WIDTH = 4;
/** One `>` or list marker (`-`, `+`, `*`, `1.`, `1)`) at the current position, with the blanks before it. */
const CONTAINER_MARKER = /[ \t]*(?:>|(?:[-+*]|\d{1,9}[.)])(?=[ \t]|$))/y;
/** A line of three or more `-`, `_` or `*` is a rule, not a stack of list markers. */
const THEMATIC_BREAK = /^ {0,3}(?:(?:-[ \t]*){3,}|(?:_[ \t]*){3,}|(?:\*[ \t]*){3,})$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
/** Characters GFM's e-mail autolink rule scans as one run (everything an address may hold before its `@`). */
const UNSPACED_RUN = /[a-zA-Z0-9.!#$%&'*+/=?_`{|}~-]+/g;
/** Where marked's inline lexer stops inside such a run, each stop rescanning the rest of it. */
const INLINE_STOP = /[*_~!`]/;

function indentColumns(line: string): number {
  let columns = 0;
  for (const character of line) {
    if (character === " ") columns += 1;
    else if (character === "\t") columns += TAB_WIDTH - (columns % TAB_WIDTH);
    else break;
  }
  return columns;
}

/**
 * How many quotes and lists a line sits in, as far as the line itself shows: each marker at its start, plus one per
 * four columns of indentation (a nested list item is indented under its parent's text).
 */
function containerDepth(line: string): number {
  if (THEMATIC_BREAK.test(line)) return 0;
  let depth = Math.floor(indentColumns(line) / TAB_WIDTH);
  CONTAINER_MARKER.lastIndex = 0;
  while (CONTAINER_MARKER.exec(line) && depth <= MAX_NESTING_DEPTH) depth++;
  return depth;
}

function hasLongUnspacedRun(line: string): boolean {
  for (const [run] of line.matchAll(UNSPACED_RUN))
    if (run.length > MAX_UNSPACED_RUN && INLINE_STOP.test(run)) return true;
  return false;
}

/** The Korean message for a body past one of the limits, or null when marked may render it. */
export function markdownBoundsProblem(source: string): string | null {
  let openFence: string | null = null;
  for (const line of source.split(/\r\n|\r|\n/)) {
    const fence = FENCE.exec(line)?.[1];
    if (openFence !== null) {
      // Code is shown as typed: neither limit applies inside it.
      if (fence && fence[0] === openFence[0] && fence.length >= openFence.length) openFence = null;
      continue;
    }
    if (fence) openFence = fence;
    if (containerDepth(line) > MAX_NESTING_DEPTH) return NESTING_TOO_DEEP_MESSAGE;
    if (hasLongUnspacedRun(line)) return UNSPACED_RUN_TOO_LONG_MESSAGE;
  }
  return null;
}
