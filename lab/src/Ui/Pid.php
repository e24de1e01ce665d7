<?php

declare(strict_types=1);

namespace MemoryLab\Lab\Ui;

/**
 * What the dashboard knows of one process of a lifecycle, measured from outside it: its role,
 * its first, last and peak sizes in KiB (VmSize, VmRSS from /proc/PID/status; the peaks are the
 * largest of VmPeak, VmHWM and every reading, the page's own memory_stats() included), its PSS
 * (smaps_rollup, read less often: see Dashboard), and how many of the dashboard's requests it
 * answered.
 */
final class Pid
{
    public ?int $firstRssKb = null;
    public int $lastRssKb = 0;
    public int $lastVszKb = 0;
    public ?int $pssKb = null;
    public int $peakRssKb = 0;
    public int $peakVszKb = 0;
    /** The RSS when PSS was last read, and when (microtime). */
    public ?int $pssAtRssKb = null;
    public float $pssAt = 0.0;
    /** When the last sample event went out (microtime), and what it said. */
    public float $sentAt = 0.0;
    public ?string $sent = null;
    /** Requests of the dashboard this process answered. */
    public int $requests = 0;

    public function __construct(
        public readonly int $pid,
        public readonly string $role,
    ) {
    }

    /** Takes a /proc/PID/status reading (Proc::mem($pid, true)). */
    public function read(array $mem): void
    {
        $this->firstRssKb ??= $mem['rss_kb'];
        $this->lastRssKb = $mem['rss_kb'];
        $this->lastVszKb = $mem['vsz_kb'];
        $this->peak($mem['vsz_peak_kb'] ?? $mem['vsz_kb'], $mem['rss_peak_kb'] ?? $mem['rss_kb']);
    }

    /** Raises the peaks to at least these sizes, in KiB. */
    public function peak(int $vszKb, int $rssKb): void
    {
        $this->peakVszKb = max($this->peakVszKb, $vszKb);
        $this->peakRssKb = max($this->peakRssKb, $rssKb);
    }
}
