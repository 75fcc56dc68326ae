import { readFile } from "node:fs/promises";

/** `VmRSS` and `VmHWM` (peak RSS) of a process, in MB, from /proc (Linux). */
export const residentMb = async (pid: number): Promise<{ rss: number; peak: number } | null> => {
  try {
    const status = await readFile(`/proc/${pid}/status`, "utf8");
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? 0);
    return { rss: kb("VmRSS") / 1024, peak: kb("VmHWM") / 1024 };
  } catch {
    return null;
  }
};

/**
 * Samples a process's RSS every `everyMs` until stopped; `peak` is the larger of the highest
 * sample and the kernel's own high-water mark (VmHWM), so a spike between samples still counts.
 */
export const watchMemory = (pid: number, everyMs = 100) => {
  let highest = 0;
  let kernelPeak = 0;
  const sample = async () => {
    const now = await residentMb(pid);
    if (now) {
      highest = Math.max(highest, now.rss);
      kernelPeak = Math.max(kernelPeak, now.peak);
    }
  };
  const timer = setInterval(() => void sample(), everyMs);
  return {
    /** Stops sampling; returns the highest sample and the kernel's high-water mark since the process started. */
    stop: async () => {
      clearInterval(timer);
      await sample();
      return { sampledPeakMb: highest, kernelPeakMb: kernelPeak };
    },
  };
};
