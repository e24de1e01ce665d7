<?php

declare(strict_types=1);

namespace MemoryLab\Lab\Server;

use MemoryLab\Lab\Proc;

/** Thrown inside Server::start() when another process bound the port first. */
final class PortTaken extends \RuntimeException
{
    /** Where the kernel keeps the lowest port a user without CAP_NET_BIND_SERVICE may bind. */
    public const UNPRIVILEGED_START = '/proc/sys/net/ipv4/ip_unprivileged_port_start';

    /**
     * Returns when TCP $port on 127.0.0.1 can be bound now; else throws \RuntimeException with
     * one line saying why, ending with $hint: "ports below N need root
     * (net.ipv4.ip_unprivileged_port_start = N)" when the bind is refused with EACCES (N read
     * from /proc/sys/net/ipv4/ip_unprivileged_port_start), else
     * "port P on 127.0.0.1 is taken by pid N (NAME)" when /proc tells who listens there.
     */
    public static function check(int $port, string $hint): void
    {
        $socket = @stream_socket_server("tcp://127.0.0.1:$port", $errno, $errstr);
        if ($socket !== false) {
            fclose($socket);
            return;
        }
        $start = @file_get_contents(self::UNPRIVILEGED_START);
        $start = $start !== false && preg_match('/^\s*([0-9]+)\s*$/', $start, $m) ? (int) $m[1] : null;
        /* EACCES (PHP reports the bind's error as text, errno 0): a port below the kernel's
         * ip_unprivileged_port_start, for a user without CAP_NET_BIND_SERVICE. */
        if ($errno === 13 || ($port < ($start ?? 1024) && stripos($errstr, 'permission denied') !== false)) {
            throw new \RuntimeException(sprintf('port %d on 127.0.0.1 is refused to this user (%s): ports below %s need root (net.ipv4.ip_unprivileged_port_start = %s); %s',
                $port, $errstr, $start ?? 1024, $start ?? 'unreadable', $hint));
        }
        throw new \RuntimeException(self::taken($port, $hint));
    }

    /** "port P on 127.0.0.1 is taken", and by whom when /proc tells, then "; $hint". */
    public static function taken(int $port, string $hint): string
    {
        $found = Proc::listeners($port);
        $who = [];
        /* Not this process: it may hold the socket too, inherited from whoever started it. */
        foreach (array_diff($found['pids'], [getmypid()]) as $pid) {
            $argv = Proc::cmdline($pid);
            $who[] = "pid $pid" . ($argv !== null ? ' (' . basename($argv[0]) . ')' : '');
        }
        if ($who !== []) {
            $by = ' by ' . implode(', ', $who);
        } elseif ($found['hidden']) {
            $by = ' by a process this user cannot read';
        } else {
            $by = '';
        }
        return "port $port on 127.0.0.1 is taken$by; $hint";
    }
}
