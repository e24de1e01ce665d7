<?php

declare(strict_types=1);

namespace MemoryLab\Lab;

/**
 * ./memlab demo run as a child process, the same code path as the command line
 * (PHP_BINARY lab/memlab.php demo ...), with a given memory.so (MEMORY_SO: the demo copies it
 * and builds nothing) and its output folder in this run's private folder (RunDir) unless one
 * is given. For the lab's own checks and the phpt suite.
 */
final class DemoProcess
{
    /** The exit status (128 + N after signal N, -1 when it timed out). */
    public int $status = -1;
    public string $stdout = '';
    public string $stderr = '';
    /** The output folder (--out). */
    public string $out;

    /**
     * Runs the demo with $args (its options, without --out) to its end, at most $timeout
     * seconds; then SIGTERM (the demo stops its servers), then SIGKILL. The whole environment
     * goes along: the valgrind and ASan lanes of the tests set what the servers need there.
     *
     * @param list<string> $args
     * @param string|null $out the output folder; null: a new one in RunDir
     * @param array<string, string> $env more environment (such as TMPDIR)
     */
    public static function run(array $args, string $memorySo, float $timeout = 90.0, ?string $out = null, array $env = []): self
    {
        $p = new self();
        $p->out = $out ?? RunDir::sub('demo-out');
        $run = Exec::run(self::command($args, $p->out), $timeout, ['MEMORY_SO' => $memorySo] + $env, Build::root());
        $p->status = $run['status'];
        $p->stdout = $run['stdout'];
        $p->stderr = $run['stderr'] . ($run['timed_out'] ? "\n(timed out after $timeout s)" : '');
        return $p;
    }

    /**
     * The command line of a demo with $args writing into $out: PHP_BINARY lab/memlab.php demo ...
     *
     * @param list<string> $args
     * @return list<string>
     */
    public static function command(array $args, string $out): array
    {
        return array_merge([Php::binary(), Build::root() . '/lab/memlab.php', 'demo'], $args, ['--out', $out]);
    }

    /** summary.json, decoded; throws with the demo's stderr when there is none. */
    public function summary(): array
    {
        $file = "{$this->out}/" . Demo::SUMMARY;
        if (!is_file($file)) {
            throw new \RuntimeException("no $file; status {$this->status}, stderr:\n{$this->stderr}");
        }
        return json_decode((string) file_get_contents($file), true, 512, JSON_THROW_ON_ERROR);
    }

    /** The scenario of summary.json for a lifecycle's and a leak's names; throws when absent. */
    public function scenario(string $lifecycle, string $leak): array
    {
        foreach ($this->summary()['scenarios'] as $s) {
            if ($s['lifecycle'] === $lifecycle && $s['leak'] === $leak) {
                return $s;
            }
        }
        throw new \RuntimeException("no scenario $lifecycle $leak in summary.json");
    }

    /** The files in the output folder, sorted. */
    public function files(): array
    {
        $files = array_values(array_diff(scandir($this->out) ?: [], ['.', '..']));
        sort($files);
        return $files;
    }

    /** Removes the output folder and what it holds. */
    public function clean(): void
    {
        RunDir::remove($this->out);
    }
}
