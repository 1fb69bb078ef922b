/** Describes the machine a benchmark ran on, for results.json and the README. */
import { arch, availableParallelism, cpus, freemem, loadavg, platform, release, totalmem } from "node:os";

/** Where and when the numbers were measured. */
export interface MachineInfo {
  cpuModel: string;
  /** Logical cores the OS reports. */
  cores: number;
  /** Cores this process may use (cgroup / affinity aware). */
  availableParallelism: number;
  totalMemoryMB: number;
  freeMemoryMB: number;
  /** 1, 5 and 15-minute load averages when the run started (other work on the machine skews timings). */
  loadAverage: number[];
  os: string;
  node: string;
  v8: string;
  /** ISO date and time of the run. */
  date: string;
}

/** Reads the machine description. */
export function describeMachine(): MachineInfo {
  const list = cpus();
  return {
    cpuModel: list[0]?.model.trim() ?? "unknown",
    cores: list.length,
    availableParallelism: availableParallelism(),
    totalMemoryMB: Math.round(totalmem() / 2 ** 20),
    freeMemoryMB: Math.round(freemem() / 2 ** 20),
    loadAverage: loadavg().map((l) => Math.round(l * 100) / 100),
    os: `${platform()} ${release()} ${arch()}`,
    node: process.version,
    v8: process.versions.v8,
    date: new Date().toISOString(),
  };
}
