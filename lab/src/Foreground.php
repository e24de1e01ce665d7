<?php

declare(strict_types=1);

namespace MemoryLab\Lab;

/**
 * Runs a long command in the foreground of a lab command (a test lane, the benchmark): its
 * output is passed on as it comes, and a signal that this process receives is passed on to it.
 * Exec runs a tool to its end with a time limit and hands back its output instead.
 */
final class Foreground
{
    /** How long the command gets to stop once a signal was passed on, before SIGKILL. */
    public const STOP_SECONDS = 20.0;

    /**
     * Runs $command (argv, no shell) in $cwd, with $env as its environment when given (else
     * ours), stdin from /dev/null and its stderr on ours.
     * Its stdout goes to $onOutput(string $chunk) as it comes, or to our stdout when $onOutput
     * is null. SIGINT, TERM or HUP received meanwhile (see Signals) is sent on to it; after
     * STOP_SECONDS it gets SIGKILL, and a line it left unfinished is ended. Returns its exit
     * status (128 + N after signal N). Throws Interrupted when a signal arrived or the command
     * ended on SIGHUP, SIGINT or SIGTERM (status 129, 130 or 143), and \RuntimeException when
     * it cannot start.
     *
     * @param list<string> $command
     */
    public static function run(array $command, ?callable $onOutput = null, ?string $cwd = null, ?array $env = null): int
    {
        $lineEnded = true;
        $pass = static function (string $chunk) use ($onOutput, &$lineEnded): void {
            $onOutput !== null ? $onOutput($chunk) : fwrite(STDOUT, $chunk);
            $lineEnded = str_ends_with($chunk, "\n");
        };
        self::toEnd(STDERR);
        $process = proc_open($command, [0 => ['file', '/dev/null', 'r'], 1 => ['pipe', 'w'], 2 => STDERR], $pipes, $cwd, $env);
        if ($process === false) {
            throw new \RuntimeException('cannot start ' . implode(' ', $command));
        }
        $pipe = $pipes[1];
        stream_set_blocking($pipe, false);
        $forwarded = false;
        $deadline = INF;
        while (true) {
            $status = proc_get_status($process);
            if (!$status['running']) {
                break;
            }
            self::pass($pipe, $pass, 0.05);
            $signal = Signals::caught();
            if ($signal !== null && !$forwarded) {
                /* Ctrl-C in a terminal reaches the command too; a signal sent to this pid alone must be passed on. */
                Proc::kill($status['pid'], $signal);
                $forwarded = true;
                $deadline = microtime(true) + self::STOP_SECONDS;
            }
            if (microtime(true) > $deadline) {
                Proc::kill($status['pid'], Proc::SIGKILL);
                $deadline = INF;
            }
        }
        /* What it wrote before it ended; a child it left behind cannot hold us here. */
        while (self::pass($pipe, $pass, 0.0)) {
        }
        fclose($pipe);
        proc_close($process);
        $code = $status['signaled'] ? 128 + $status['termsig'] : $status['exitcode'];
        $signal = Signals::caught();
        if ($signal === null && in_array($code, [128 + Proc::SIGHUP, 128 + Proc::SIGINT, 128 + Proc::SIGTERM], true)) {
            $signal = $code - 128;
        }
        if ($signal !== null) {
            /* "interrupted" goes on a line of its own. */
            if (!$lineEnded) {
                fwrite(STDOUT, "\n");
            }
            throw new Interrupted($signal);
        }
        return $code;
    }

    /**
     * Moves a stream of ours that a child is about to share to the end of its file. proc_open()
     * seeks a stream it hands on to where PHP last wrote it, and when our stdout or stderr is a
     * file that children write too (`./memlab test > log 2>&1`), that lies before their output,
     * which the next child would then overwrite. A terminal or a pipe has no position: nothing
     * happens.
     *
     * @param resource $stream
     */
    public static function toEnd($stream): void
    {
        @fseek($stream, 0, SEEK_END);
    }

    /**
     * Passes on what the pipe holds, waiting up to $seconds for it; false when nothing came.
     *
     * @param resource $pipe
     */
    private static function pass($pipe, callable $onOutput, float $seconds): bool
    {
        $read = [$pipe];
        $write = $except = null;
        /* A signal interrupts the wait (EINTR): that is expected, not an error. */
        if (@stream_select($read, $write, $except, 0, (int) ($seconds * 1e6)) < 1) {
            return false;
        }
        $chunk = (string) fread($pipe, 65536);
        if ($chunk === '') {
            return false;
        }
        $onOutput($chunk);
        return true;
    }
}
