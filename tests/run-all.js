// `npm test`: every tier, the independent ones side by side. Each step's output is printed whole when it ends (so
// parallel output never interleaves), with its time; the run fails if any step fails. Plain node, no task runner.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const REPO_ROOT = fileURLToPath(new URL("..", import.meta.url));
const bin = (name) => `${REPO_ROOT}node_modules/.bin/${name}`;

/** Each step is a list of commands run one after another; the steps run at the same time. */
const steps = [
  // The browser tier is the longest and needs the build, so it starts first.
  {
    name: "build + browser",
    commands: [
      [bin("remix"), "build"],
      // Each browser file has its own server and database, so two files at once is safe; vitest's default on two
      // cores is one, while much of a browser file's time is spent waiting on the server and Chromium.
      [bin("vitest"), "run", "--project", "browser", "--maxWorkers=2"],
    ],
  },
  {
    name: "unit + integration",
    // The same integration files on SQLite and on PostgreSQL; much of a PostgreSQL file's time is spent waiting on
    // the server, so two files run at once.
    commands: [
      [
        bin("vitest"),
        "run",
        "--project",
        "unit",
        "--project",
        "integration",
        "--project",
        "integration-pg",
        "--maxWorkers=2",
      ],
    ],
  },
  { name: "typecheck", commands: [["npm", "run", "--silent", "typecheck"]] },
  { name: "lint", commands: [["npm", "run", "--silent", "lint"]] },
];

const running = new Set();

// Stopping `npm test` (Ctrl-C, a CI timeout) stops every step with it, rather than leaving them running unseen.
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    for (const child of running) child.kill(signal);
    process.exit(1);
  });
}

function run([command, ...args], output) {
  return new Promise((resolve) => {
    output.push(`$ ${[command, ...args].join(" ")}\n`);
    const child = spawn(command, args, {
      cwd: REPO_ROOT,
      // The steps write to pipes, so they would drop colour even on a terminal; any FORCE_COLOR, even 0, turns it on.
      env: process.stdout.isTTY ? { ...process.env, FORCE_COLOR: "1" } : process.env,
    });
    running.add(child);
    child.on("exit", () => running.delete(child));
    child.stdout.on("data", (chunk) => output.push(chunk));
    child.stderr.on("data", (chunk) => output.push(chunk));
    child.on("error", (error) => {
      output.push(`${error.message}\n`);
      resolve(1);
    });
    child.on("close", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function runStep(step) {
  console.log(`▶ ${step.name}`);
  const started = Date.now();
  const output = [];
  let code = 0;
  for (const command of step.commands) {
    code = await run(command, output);
    if (code !== 0) break;
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const verdict = code === 0 ? "passed" : `FAILED (exit ${code})`;
  process.stdout.write(`\n━━ ${step.name}: ${verdict} in ${seconds} s ━━\n${output.join("")}`);
  return { name: step.name, ok: code === 0, seconds };
}

const started = Date.now();
const results = await Promise.all(steps.map(runStep));
console.log(`\n━━ summary (${((Date.now() - started) / 1000).toFixed(1)} s in all) ━━`);
for (const { name, ok, seconds } of results) console.log(`${ok ? "ok  " : "FAIL"}  ${name.padEnd(20)} ${seconds} s`);
process.exitCode = results.every((result) => result.ok) ? 0 : 1;
