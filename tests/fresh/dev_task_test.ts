/**
 * `deno task dev` as a process, in a temp copy of a small fixture app
 * (tests/fresh/dev_fixture): route files added and removed are served
 * without a manual restart (fresh.gen.ts rewritten only when the set of
 * files changed), islands are bundled afresh, open pages hear a new
 * revision on `/_frsh/alive`, and Ctrl-C ends the whole task.
 */
import assert from "node:assert/strict";
import projectConfig from "../../deno.json" with { type: "json" };
import { freePort } from "../helpers/net.ts";

const FIXTURE = new URL("./dev_fixture/", import.meta.url);
const CORE = new URL("../../lib/fresh/", import.meta.url);
/** A restart (watcher debounce, module load, island bundle) takes a few seconds at most. */
const CHANGE_TIMEOUT_MS = 30_000;

async function copyDir(from: URL, to: string): Promise<void> {
  await Deno.mkdir(to, { recursive: true });
  for await (const entry of Deno.readDir(from)) {
    if (entry.isDirectory) await copyDir(new URL(`${entry.name}/`, from), `${to}/${entry.name}`);
    else await Deno.copyFile(new URL(entry.name, from), `${to}/${entry.name}`);
  }
}

/** The fixture in a temp folder with a deno.json like the project's (same dev task). */
async function fixtureCopy(): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "fresh-dev-" });
  await copyDir(FIXTURE, dir);
  const config = {
    compilerOptions: projectConfig.compilerOptions,
    unstable: projectConfig.unstable,
    nodeModulesDir: projectConfig.nodeModulesDir,
    lock: false,
    imports: { ...projectConfig.imports, "$fresh/": CORE.href },
    tasks: { dev: projectConfig.tasks.dev },
  };
  await Deno.writeTextFile(`${dir}/deno.json`, JSON.stringify(config, null, 2));
  return dir;
}

/** PIDs of the direct children of `pid` (the `deno run --watch` that `deno task` starts). */
function childrenOf(pid: number): number[] {
  const found: number[] = [];
  try {
    for (const thread of Deno.readDirSync(`/proc/${pid}/task`)) {
      const text = Deno.readTextFileSync(`/proc/${pid}/task/${thread.name}/children`);
      found.push(...text.split(/\s+/).filter(Boolean).map(Number));
    }
  } catch { /* gone, or no /proc */ }
  return found;
}

function alive(pid: number): boolean {
  try {
    return Deno.statSync(`/proc/${pid}`).isDirectory;
  } catch {
    return false;
  }
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = performance.now() + CHANGE_TIMEOUT_MS;
  let last: unknown;
  while (performance.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error; // the server is restarting
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(`Timed out waiting for ${what}${last ? ` (last error: ${last})` : ""}`);
}

async function get(origin: string, path: string): Promise<{ status: number; text: string }> {
  const response = await fetch(`${origin}${path}`);
  return { status: response.status, text: await response.text() };
}

/** Opens `/_frsh/alive` and resolves with the revision it announces, and the socket. */
function openAlive(origin: string): Promise<{ revision: string; closed: Promise<void> }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${origin.replace("http", "ws")}/_frsh/alive`);
    const closed = new Promise<void>((done) => socket.addEventListener("close", () => done()));
    socket.onmessage = (event) => resolve({ revision: JSON.parse(event.data).revision, closed });
    socket.onerror = () => reject(new Error("live-reload socket failed"));
  });
}

Deno.test("[fresh] deno task dev serves added and removed routes without a restart, rebuilds islands, reloads pages", async () => {
  const dir = await fixtureCopy();
  const port = freePort();
  const origin = `http://127.0.0.1:${port}`;
  const child = new Deno.Command(Deno.execPath(), {
    args: ["task", "dev"],
    cwd: dir,
    env: { PORT: String(port), NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  let output = "";
  const decoder = new TextDecoder();
  const pumps = [child.stdout, child.stderr].map(async (stream) => {
    for await (const chunk of stream) output += decoder.decode(chunk, { stream: true });
  });
  let watcherPids: number[] = [];
  try {
    await waitFor(
      "the dev server to listen",
      () => Promise.resolve(output.includes("Listening on") ? true : undefined),
    );
    watcherPids = childrenOf(child.pid);
    assert.ok(watcherPids.length > 0, "deno task started the watcher as a child process");
    const manifestPath = `${dir}/fresh.gen.ts`;

    const home = await get(origin, "/");
    assert.equal(home.status, 200);
    assert.match(home.text, /version one/);
    assert.match(home.text, /<script data-frsh-live-reload>/, "dev pages carry the client");
    assert.equal((await get(origin, "/added")).status, 404);
    const first = await openAlive(origin);

    // Editing a route restarts the app but leaves the manifest alone.
    const manifestBefore = await Deno.readTextFile(manifestPath);
    const mtimeBefore = (await Deno.stat(manifestPath)).mtime?.getTime();
    await Deno.writeTextFile(
      `${dir}/routes/index.tsx`,
      "export default function Home() {\n  return <h1>version two</h1>;\n}\n",
    );
    await waitFor("the edited page", async () => {
      const page = await get(origin, "/");
      return page.text.includes("version two") ? true : undefined;
    });
    assert.equal(await Deno.readTextFile(manifestPath), manifestBefore);
    assert.equal((await Deno.stat(manifestPath)).mtime?.getTime(), mtimeBefore);
    await first.closed;
    const second = await openAlive(origin);
    assert.notEqual(second.revision, first.revision, "a restarted server announces a new revision");

    // A new route file is in the regenerated manifest and served.
    await Deno.writeTextFile(
      `${dir}/routes/added.tsx`,
      "export default function Added() {\n  return <p>added without a restart</p>;\n}\n",
    );
    const added = await waitFor("the added route", async () => {
      const page = await get(origin, "/added");
      return page.status === 200 ? page.text : undefined;
    });
    assert.match(added, /added without a restart/);
    assert.match(await Deno.readTextFile(manifestPath), /"\.\/routes\/added\.tsx": \$added,/);

    // Islands are bundled again after a change.
    const islandUrl = async () => {
      const page = await get(origin, "/counter");
      return page.text.match(/"(\/_frsh\/js\/[^"]+\/Counter\.js)"/)?.[1];
    };
    const before = await waitFor("the island page", islandUrl);
    assert.match((await get(origin, before)).text, /island one/);
    const island = await Deno.readTextFile(`${dir}/islands/Counter.tsx`);
    await Deno.writeTextFile(
      `${dir}/islands/Counter.tsx`,
      island.replace("island one", "island two"),
    );
    const after = await waitFor("the rebuilt island", async () => {
      const url = await islandUrl();
      if (!url || url === before) return undefined;
      return (await get(origin, url)).text.includes("island two") ? url : undefined;
    });
    assert.notEqual(after, before, "a new build id");

    // A removed route file is gone from the manifest and no longer served.
    await Deno.remove(`${dir}/routes/added.tsx`);
    await waitFor("the removed route to 404", async () => {
      const page = await get(origin, "/added");
      return page.status === 404 ? true : undefined;
    });
    assert.doesNotMatch(await Deno.readTextFile(manifestPath), /added/);

    // Ctrl-C ends the task, watcher included.
    child.kill("SIGINT");
    let timer: ReturnType<typeof setTimeout> | undefined;
    const status = await Promise.race([
      child.status,
      new Promise<null>((resolve) => timer = setTimeout(() => resolve(null), 10_000)),
    ]).finally(() => clearTimeout(timer));
    assert.ok(status, `deno task dev still running 10 s after SIGINT:\n${output}`);
    assert.deepEqual(watcherPids.filter(alive), [], "the watcher process has ended");
  } finally {
    for (const pid of [...watcherPids, ...childrenOf(child.pid)]) {
      if (alive(pid)) Deno.kill(pid, "SIGKILL");
    }
    if (alive(child.pid)) child.kill("SIGKILL");
    await child.status;
    await Promise.all(pumps);
    await Deno.remove(dir, { recursive: true });
  }
});
