<?php

declare(strict_types=1);

namespace MemoryLab\Lab;

/**
 * What the kernel says about a process, read from /proc/PID/... from outside it. Every reader
 * returns null (or false, or []) for a process that is gone or not readable: processes exit
 * while they are read, and that is never an error here.
 *
 * Sizes are parsed with strpos rather than preg: the first regex maps PCRE's JIT memory, which
 * would move the VSZ of the process reading itself.
 */
final class Proc
{
    /** Linux signal numbers; the SIG* constants exist only with ext/pcntl. */
    public const SIGHUP = 1;
    public const SIGINT = 2;
    public const SIGKILL = 9;
    public const SIGTERM = 15;

    /**
     * The fields of /proc/PID/stat after the command name: 'state' (R, S, D, Z, ...), 'ppid',
     * 'pgrp'; null when the process is gone.
     *
     * @return array{state: string, ppid: int, pgrp: int}|null
     */
    public static function stat(int $pid): ?array
    {
        $stat = (string) @file_get_contents("/proc/$pid/stat");
        $close = strrpos($stat, ')');
        if ($close === false) {
            return null;
        }
        $f = explode(' ', substr($stat, $close + 2), 4);
        if (count($f) < 4 || $f[0] === '') {
            return null;
        }
        return ['state' => $f[0], 'ppid' => (int) $f[1], 'pgrp' => (int) $f[2]];
    }

    /**
     * When a process started, in clock ticks after boot (field 22 of /proc/PID/stat): with its
     * pid, it names one process for good, though pids are reused. Null when it is gone.
     */
    public static function startTime(int $pid): ?int
    {
        $stat = (string) @file_get_contents("/proc/$pid/stat");
        $close = strrpos($stat, ')');
        if ($close === false) {
            return null;
        }
        /* After the command name: state is field 3, so starttime (22) is the 20th. */
        $f = explode(' ', substr($stat, $close + 2));
        return isset($f[19]) && preg_match('/^\d+$/', $f[19]) ? (int) $f[19] : null;
    }

    /** Whether a pid is a live process (a zombie or a missing pid is not). */
    public static function alive(int $pid): bool
    {
        $state = self::stat($pid)['state'] ?? 'X';
        return $state !== 'Z' && $state !== 'X';
    }

    /**
     * VmSize, VmRSS and RssAnon of a process from /proc/PID/status, in KiB (keys vsz_kb, rss_kb,
     * rss_anon_kb), and with $peaks its high-water marks since it started (or last exec'd or
     * forked): VmPeak and VmHWM (keys vsz_peak_kb, rss_peak_kb); null if it is gone or a zombie
     * (which has no memory lines).
     *
     * @return array{vsz_kb: int, rss_kb: int, rss_anon_kb: int, vsz_peak_kb?: int, rss_peak_kb?: int}|null
     */
    public static function mem(int $pid, bool $peaks = false): ?array
    {
        $status = @file_get_contents("/proc/$pid/status");
        if ($status === false) {
            return null;
        }
        $fields = ['VmSize' => 'vsz_kb', 'VmRSS' => 'rss_kb', 'RssAnon' => 'rss_anon_kb'];
        if ($peaks) {
            $fields += ['VmPeak' => 'vsz_peak_kb', 'VmHWM' => 'rss_peak_kb'];
        }
        $mem = [];
        foreach ($fields as $field => $key) {
            $mem[$key] = self::kib($status, $field);
            if ($mem[$key] === null) {
                return null;
            }
        }
        return $mem;
    }

    /**
     * Where a process's resident pages are, read from outside it, in KiB. From
     * /proc/PID/smaps_rollup: 'rss_kb' (Rss), 'pss_kb' (Pss: each resident page divided by the
     * number of processes that map it), 'pss_anon_kb', 'pss_file_kb', 'pss_shmem_kb' (Pss_Anon,
     * Pss_File, Pss_Shmem; null on kernels older than 5.13, which lack them), 'private_clean_kb',
     * 'private_dirty_kb' and their sum 'uss_kb' (the pages no other process maps: what its exit
     * would free), 'swap_kb' (Swap). From /proc/PID/status: 'rss_anon_kb', 'rss_file_kb',
     * 'rss_shmem_kb' (RssAnon, RssFile, RssShmem, which add up to VmRSS). Null when the process
     * is gone, a zombie, or not readable by this user (smaps_rollup needs the right to ptrace
     * the process: its owner or root).
     *
     * @return array{rss_kb: int, pss_kb: int, pss_anon_kb: ?int, pss_file_kb: ?int, pss_shmem_kb: ?int, private_clean_kb: int, private_dirty_kb: int, uss_kb: int, swap_kb: int, rss_anon_kb: ?int, rss_file_kb: ?int, rss_shmem_kb: ?int}|null
     */
    public static function rollup(int $pid): ?array
    {
        $text = @file_get_contents("/proc/$pid/smaps_rollup");
        $status = @file_get_contents("/proc/$pid/status");
        if ($text === false || $text === '' || $status === false || !str_contains($status, "\nVmRSS:")) {
            return null;
        }
        $rss = self::kib($text, 'Rss');
        $pss = self::kib($text, 'Pss');
        $clean = self::kib($text, 'Private_Clean');
        $dirty = self::kib($text, 'Private_Dirty');
        $swap = self::kib($text, 'Swap');
        if ($rss === null || $pss === null || $clean === null || $dirty === null || $swap === null) {
            return null;
        }
        return [
            'rss_kb' => $rss,
            'pss_kb' => $pss,
            'pss_anon_kb' => self::kib($text, 'Pss_Anon'),
            'pss_file_kb' => self::kib($text, 'Pss_File'),
            'pss_shmem_kb' => self::kib($text, 'Pss_Shmem'),
            'private_clean_kb' => $clean,
            'private_dirty_kb' => $dirty,
            'uss_kb' => $clean + $dirty,
            'swap_kb' => $swap,
            'rss_anon_kb' => self::kib($status, 'RssAnon'),
            'rss_file_kb' => self::kib($status, 'RssFile'),
            'rss_shmem_kb' => self::kib($status, 'RssShmem'),
        ];
    }

    /** The number of a "Field:   123 kB" line of a /proc file (status, smaps_rollup), or null. */
    private static function kib(string $text, string $field): ?int
    {
        $at = strpos("\n" . $text, "\n$field:");
        if ($at === false) {
            return null;
        }
        return (int) trim(substr($text, $at + strlen($field) + 1, 24));
    }

    /** The live child pids of a process (a zombie is not one), sorted. */
    public static function children(int $parent): array
    {
        /* The kernel's list per thread (CONFIG_PROC_CHILDREN), else a walk over every pid. */
        $tasks = glob("/proc/$parent/task/*/children") ?: [];
        $listed = [];
        foreach ($tasks as $file) {
            $list = @file_get_contents($file);
            if ($list === false) {
                $listed = null;
                break;
            }
            array_push($listed, ...array_map('intval', preg_split('/\s+/', trim($list), -1, PREG_SPLIT_NO_EMPTY) ?: []));
        }
        if ($tasks !== [] && $listed !== null) {
            $children = array_values(array_filter(array_unique($listed), fn (int $pid) => (self::stat($pid)['state'] ?? 'Z') !== 'Z'));
            sort($children);
            return $children;
        }
        $children = [];
        foreach (self::pids() as $pid) {
            $stat = self::stat($pid);
            if ($stat !== null && $stat['ppid'] === $parent && $stat['state'] !== 'Z') {
                $children[] = $pid;
            }
        }
        return $children;
    }

    /** Every pid in /proc, sorted. */
    public static function pids(): array
    {
        $pids = [];
        foreach (scandir('/proc') ?: [] as $entry) {
            if ($entry !== '' && strspn($entry, '0123456789') === strlen($entry)) {
                $pids[] = (int) $entry;
            }
        }
        sort($pids);
        return $pids;
    }

    /** A process's arguments, or null when it is gone or not readable. */
    public static function cmdline(int $pid): ?array
    {
        $raw = @file_get_contents("/proc/$pid/cmdline");
        if ($raw === false || $raw === '') {
            return null;
        }
        return explode("\0", rtrim($raw, "\0"));
    }

    /**
     * Whether a process sleeps in accept(): /proc/PID/wchan names the kernel function it waits
     * in (inet_csk_accept). Where the kernel hides wchan, a sleeping process counts as waiting;
     * a gone process is not busy either.
     */
    public static function waitingInAccept(int $pid): bool
    {
        $state = self::stat($pid)['state'] ?? 'X';
        if ($state !== 'S') {
            return $state === 'Z' || $state === 'X';
        }
        $wchan = (string) @file_get_contents("/proc/$pid/wchan");
        return $wchan === '' || $wchan === '0' || str_contains($wchan, 'accept');
    }

    /** kill(2); false when the process is gone or not ours. */
    public static function kill(int $pid, int $signal): bool
    {
        if ($pid <= 0) {
            return false;
        }
        if (function_exists('posix_kill')) {
            return @posix_kill($pid, $signal);
        }
        exec('kill -' . $signal . ' ' . $pid . ' 2>/dev/null', $out, $status);
        return $status === 0;
    }

    /**
     * Who listens on TCP $port (any address): 'pids', the processes whose fds hold a listening
     * socket on it, and 'hidden', whether some listening socket's owner could not be found
     * because its /proc/PID/fd is not readable by this user.
     *
     * @return array{pids: list<int>, hidden: bool}
     */
    public static function listeners(int $port): array
    {
        $inodes = [];
        foreach (['/proc/net/tcp', '/proc/net/tcp6'] as $table) {
            foreach (self::listeningInodes((string) @file_get_contents($table), $port) as $inode) {
                $inodes[$inode] = false;
            }
        }
        if ($inodes === []) {
            return ['pids' => [], 'hidden' => false];
        }
        $pids = [];
        foreach (self::pids() as $pid) {
            foreach (@scandir("/proc/$pid/fd") ?: [] as $fd) {
                $link = @readlink("/proc/$pid/fd/$fd");
                if ($link !== false && str_starts_with($link, 'socket:[')) {
                    $inode = substr($link, 8, -1);
                    if (isset($inodes[$inode])) {
                        $inodes[$inode] = true;
                        $pids[$pid] = true;
                    }
                }
            }
        }
        $pids = array_keys($pids);
        sort($pids);
        return ['pids' => $pids, 'hidden' => in_array(false, $inodes, true)];
    }

    /**
     * The socket inodes listening on $port in the text of one /proc/net/tcp table.
     *
     * @return list<string>
     */
    public static function listeningInodes(string $table, int $port): array
    {
        $inodes = [];
        foreach (array_slice(explode("\n", $table), 1) as $line) {
            $f = preg_split('/\s+/', trim($line));
            // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
            if (count($f) < 10 || $f[3] !== '0A') {
                continue;
            }
            $local = explode(':', $f[1]);
            if (hexdec(end($local)) === $port) {
                $inodes[] = $f[9];
            }
        }
        return $inodes;
    }

    /** Whether TCP $port on 127.0.0.1 is free to bind now. */
    public static function portFree(int $port): bool
    {
        $socket = @stream_socket_server("tcp://127.0.0.1:$port", $errno, $errstr);
        if ($socket === false) {
            return false;
        }
        fclose($socket);
        return true;
    }

    /** A free TCP port on 127.0.0.1, the kernel's pick (it may be taken again before use). */
    public static function freePort(): int
    {
        $socket = stream_socket_server('tcp://127.0.0.1:0', $errno, $errstr);
        if ($socket === false) {
            throw new \RuntimeException("cannot find a free port: $errstr");
        }
        $name = (string) stream_socket_get_name($socket, false);
        fclose($socket);
        return (int) substr($name, strrpos($name, ':') + 1);
    }
}
