<?php

declare(strict_types=1);

namespace MemoryLab\Lab;

use Symfony\Component\Process\Exception\ProcessSignaledException;
use Symfony\Component\Process\Exception\ProcessTimedOutException;
use Symfony\Component\Process\Process;

require_once '/usr/share/php/Symfony/Component/Process/autoload.php';

/**
 * Runs a command to its end with a time limit, on Debian's symfony/process: the lab's one way
 * to run a tool (cgi-fcgi, a demo, a floor program, valgrind).
 */
final class Exec
{
    /**
     * Runs $command (argv, no shell) with $env added to this process's environment (a false
     * value removes a variable). After $timeout seconds the command gets SIGTERM, then SIGKILL.
     * Returns 'status' (the exit status, 128 + N after signal N, -1 when it timed out),
     * 'stdout', 'stderr' and 'timed_out'.
     *
     * @param list<string> $command
     * @param array<string, string|false> $env
     * @return array{status: int, stdout: string, stderr: string, timed_out: bool}
     */
    public static function run(array $command, float $timeout, array $env = [], ?string $cwd = null, ?string $input = null, bool $inherit = true): array
    {
        if (!$inherit) {
            $env += array_fill_keys(array_keys(getenv()), false);
        }
        $process = new Process($command, $cwd, $env, $input, $timeout);
        $timedOut = false;
        try {
            $process->run();
        } catch (ProcessTimedOutException) {
            $timedOut = true;
        } catch (ProcessSignaledException) {
            /* A command killed by a signal is a result here, not an error: see 'status'. */
        }
        $status = $timedOut ? -1 : ($process->hasBeenSignaled() ? 128 + $process->getTermSignal() : (int) $process->getExitCode());
        return [
            'status' => $status,
            'stdout' => $process->getOutput(),
            'stderr' => $process->getErrorOutput(),
            'timed_out' => $timedOut,
        ];
    }
}
