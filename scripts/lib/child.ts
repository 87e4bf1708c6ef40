// Child processes of the npm entry points (`npm run dev`, `npm test`): npm scripts run with the
// npm that started us, output streams through, and an exit is turned into one exit code.
import { spawn, type ChildProcess } from "node:child_process";
import { constants } from "node:os";

/** `npm <args>` with inherited output. Under npm, npm_execpath is npm's own CLI: no shell needed. */
export function spawnNpm(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const npm = env.npm_execpath;
  const [cmd, argv] = npm?.endsWith(".js") ? [process.execPath, [npm, ...args]] : ["npm", args];
  return spawn(cmd, argv, { stdio: "inherit", env, shell: !npm && process.platform === "win32" });
}

/** The child's exit code; 128 + n when a signal ended it, as a shell reports it; 1 if it never ran. */
export function exitCodeOf(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      return resolve(child.exitCode ?? 128 + constants.signals[child.signalCode!]);
    }
    child.once("error", (e) => {
      console.error(`✖ ${e.message}`);
      resolve(1);
    });
    child.once("exit", (code, signal) => resolve(code ?? 128 + (signal ? constants.signals[signal] : 0)));
  });
}

/** Whether the child is still running (neither exited nor killed). */
export const isRunning = (child: ChildProcess | undefined): child is ChildProcess =>
  !!child && child.exitCode === null && child.signalCode === null;
