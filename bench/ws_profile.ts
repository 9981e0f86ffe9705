/**
 * CPU profiles of the benchmark server: `startProfile()` / `stopProfile()`
 * (V8's sampling profiler through `node:inspector`, in the profiled process)
 * and `summarizeProfile()` (self time per function, heaviest first).
 * `deno run -A bench/ws_profile.ts FILE.cpuprofile [TOP]` prints a summary.
 */
import { Session } from "node:inspector";

/** The part of a `.cpuprofile` (Chrome DevTools format) the summary reads. */
export interface CpuProfile {
  nodes: Array<{
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
  }>;
  samples: number[];
  timeDeltas: number[];
}

/** One line of a summary: self time of a function. */
export interface ProfileLine {
  name: string;
  selfMs: number;
  share: number;
}

let session: Session | undefined;

function post(method: string, params: object = {}): Promise<unknown> {
  return new Promise((resolve, reject) => {
    session!.post(method, params, (error: Error | null, result: unknown) => {
      if (error) reject(error);
      else resolve(result);
    });
  });
}

/** Starts sampling this process (every `intervalUs` µs). */
export async function startProfile(intervalUs = 100): Promise<void> {
  session ??= new Session();
  session.connect();
  await post("Profiler.enable");
  await post("Profiler.setSamplingInterval", { interval: intervalUs });
  await post("Profiler.start");
}

/** Stops sampling and returns the profile. */
export async function stopProfile(): Promise<CpuProfile> {
  const { profile } = await post("Profiler.stop") as { profile: CpuProfile };
  await post("Profiler.disable");
  session?.disconnect();
  return profile;
}

/** Self time per function (name, file and line), heaviest first. */
export function summarizeProfile(profile: CpuProfile, top = 25): ProfileLine[] {
  const byNode = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    const frame = byNode.get(id)?.callFrame;
    const file = frame?.url.split("/").at(-1) ?? "";
    const name = `${frame?.functionName || "(anonymous)"} ${file}:${(frame?.lineNumber ?? 0) + 1}`;
    selfUs.set(name, (selfUs.get(name) ?? 0) + delta);
    total += delta;
  });
  return [...selfUs]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, us]) => ({ name, selfMs: us / 1000, share: total ? us / total : 0 }));
}

/** A summary as text lines: `self ms  share  function file:line`. */
export function formatSummary(lines: ProfileLine[]): string {
  return lines
    .map((line) =>
      `${line.selfMs.toFixed(1).padStart(8)} ms ${
        (line.share * 100).toFixed(1).padStart(5)
      } %  ${line.name}`
    )
    .join("\n");
}

if (import.meta.main) {
  const [file, top] = Deno.args;
  const profile = JSON.parse(await Deno.readTextFile(file)) as CpuProfile;
  console.log(formatSummary(summarizeProfile(profile, Number(top ?? 25))));
}
