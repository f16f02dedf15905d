import { markdownBoundsProblem } from "~/lib/markdown-bounds";
import { renderMarkdown } from "~/lib/markdown.server";
import { HOSTILE_MARKDOWN } from "./hostile-markdown";

// Times what a save or a preview costs for each hostile 64 KiB body: the bounds check, then the render of what it
// lets through. CPU time of this process, the best of a few runs (the machine may be busy with other work).
const RUNS = Number(process.env.RUNS ?? 5);

function cpuMilliseconds(work: () => unknown): number {
  let best = Infinity;
  for (let run = 0; run < RUNS; run++) {
    const start = process.cpuUsage();
    work();
    const used = process.cpuUsage(start);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return best;
}

renderMarkdown("warm **up** [the](https://jit.example) > renderer");
const rows = Object.entries(HOSTILE_MARKDOWN).map(([name, source]) => {
  const problem = markdownBoundsProblem(source);
  return {
    input: name,
    KiB: +(Buffer.byteLength(source) / 1024).toFixed(1),
    "check ms": +cpuMilliseconds(() => markdownBoundsProblem(source)).toFixed(1),
    outcome: problem === null ? "rendered" : "refused",
    "render ms": problem === null ? +cpuMilliseconds(() => renderMarkdown(source)).toFixed(0) : "",
  };
});
console.table(rows);
