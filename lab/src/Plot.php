<?php

declare(strict_types=1);

namespace MemoryLab\Lab;

/**
 * Draws the demo's plot with gnuplot from the CSVs it wrote: memory growth against the
 * request number, one panel per lifecycle, one colour per leak. The script, plot.gp, sits
 * next to the CSVs and names them and its outputs relative to that folder, so the folder
 * can be moved and the script run again there (gnuplot plot.gp).
 */
final class Plot
{
    /** One colour per leak, and a line width: lines that coincide stay visible. */
    private const STYLE = [
        'pemalloc' => ['#e69f00', 7.0, 9],
        'malloc' => ['#0072b2', 4.5, 7],
        'malloc+touch' => ['#d55e00', 2.5, 5],
        'emalloc' => ['#009e73', 2.0, 12],
        'emalloc-small' => ['#cc79a7', 2.0, 6],
    ];

    /** How long gnuplot may take before the lab gives up on it, in seconds. */
    private const TIMEOUT = 30;

    /** What render() writes: the script and the figures, in the output folder. */
    public const FILES = ['plot.gp', 'memory.png', 'memory.svg'];

    /** The rows of the figure: a CSV column (1-based) and its label. */
    private const METRICS = [
        ['column' => 6, 'name' => 'VIRT', 'what' => 'VIRT (VmSize) growth, MiB', 'peak' => 'peak_vsz_kb', 'base' => 'baseline_vsz_kb'],
        ['column' => 7, 'name' => 'RES', 'what' => 'RES (VmRSS) growth, MiB', 'peak' => 'peak_rss_kb', 'base' => 'baseline_rss_kb'],
    ];

    /**
     * The gnuplot script for a terminal ("pngcairo ..." or "svg ...") and an output file:
     * one column of panels per lifecycle, VIRT on top and RES below. Paths are written as
     * given: render() gives them relative to the output folder.
     *
     * @param array<string, array<string, array{csv: string, analysis: array<string, mixed>}>> $runs
     *        lifecycle => leak => the scenario's CSV path and analysis
     * @param array<string, string> $titles lifecycle => panel title
     */
    public static function script(array $runs, array $titles, string $terminal, string $output, string $heading): string
    {
        $g = [];
        $g[] = "set terminal $terminal noenhanced";
        $g[] = 'set output ' . self::quote($output);
        $g[] = 'set datafile separator ","';
        $g[] = 'set datafile columnheaders';
        $g[] = 'set key top left font ",8" spacing 0.8 box opaque samplen 2';
        $g[] = 'set grid ytics lc rgb "#dddddd"';
        $g[] = 'set xlabel "request #"';
        $g[] = 'set xrange [0:*]';
        $g[] = sprintf('set multiplot layout %d,%d title %s font ",12"', count(self::METRICS), count($runs), self::quote($heading));
        foreach (self::METRICS as $m) {
            // One scale for a whole row, so the lifecycles compare at a glance.
            $top = 1.0;
            foreach ($runs as $byLeak) {
                foreach ($byLeak as $run) {
                    $a = $run['analysis'];
                    if (isset($a[$m['peak']], $a[$m['base']])) {
                        $top = max($top, ($a[$m['peak']] - $a[$m['base']]) / 1024);
                    }
                }
            }
            $g[] = sprintf('set yrange [%.1f:%.1f]', -0.03 * $top, 1.05 * $top);
            foreach ($runs as $lifecycle => $byLeak) {
                $g[] = 'unset label';
                $g[] = 'unset arrow';
                $g[] = 'set title ' . self::quote(($titles[$lifecycle] ?? $lifecycle) . ": {$m['name']}") . ' font ",10"';
                $g[] = 'set ylabel ' . self::quote($m['what']);
                $plots = [];
                $labelN = 0;
                /* The last request on the x axis: a death's label goes right of its line, below
                 * the leaks that go on climbing there, unless less than a third of the axis is
                 * left; then to its left, so that it stays inside the column. */
                $lastRequest = max(1, ...array_map(fn ($run) => (int) $run['analysis']['requests'], array_values($byLeak)));
                foreach (self::order(array_keys($byLeak)) as $leak) {
                    [$color, $width, $point] = self::STYLE[$leak] ?? ['#000000', 2.0, 1];
                    // Columns: 1 request, 6 d_vsz_kb, 7 d_rss_kb; rows without a reading are empty.
                    $plots[] = sprintf(
                        '%s using 1:($%d/1024.0) with linespoints lw %.1f lc rgb "%s" pt %d ps %.1f title %s',
                        self::quote($byLeak[$leak]['csv']), $m['column'], $width, $color, $point,
                        $leak === 'emalloc' ? 1.2 : 0.6, self::quote($leak),
                    );
                    $a = $byLeak[$leak]['analysis'];
                    if ($a['verdict'] === 'died') {
                        $labelN++;
                        $g[] = sprintf(
                            'set label %d %s at %d, graph %.2f %s tc rgb "%s" font ",9"',
                            $labelN,
                            /* The leak's name on a line of its own: a narrow label stays inside the column. */
                            self::quote(sprintf("%s:\n%s\nat request %d", $leak, $a['memory_limit_death'] ? "memory_limit\nfatal error" : 'died', $a['died_at'])),
                            $a['died_at'], 0.45 - 0.2 * ($labelN - 1),
                            ($lastRequest - $a['died_at']) * 3 >= $lastRequest ? 'left offset 0.5,0' : 'right offset -0.5,0', $color,
                        );
                        $g[] = sprintf('set arrow %d from %d, graph 0 to %d, graph 1 nohead dt 3 lw 1.5 lc rgb "%s"', $labelN, $a['died_at'], $a['died_at'], $color);
                    }
                }
                $g[] = 'plot ' . implode(", \\\n     ", $plots);
            }
        }
        $g[] = 'unset multiplot';
        $g[] = 'set output';
        return implode("\n", $g) . "\n";
    }

    /**
     * Writes memory.png and memory.svg, and the script that draws them, plot.gp, into $dir,
     * where the CSVs are ($runs names them relative to $dir). Returns the figures' names;
     * throws \RuntimeException when there is nothing to plot or gnuplot fails, and then
     * leaves no figure behind.
     *
     * @param array<string, array<string, array{csv: string, analysis: array<string, mixed>}>> $runs
     * @param array<string, string> $titles
     * @return list<string>
     */
    public static function render(array $runs, array $titles, string $dir, string $heading): array
    {
        // gnuplot refuses a file without a single reading; leave such scenarios out.
        foreach ($runs as $lifecycle => $byLeak) {
            $runs[$lifecycle] = array_filter($byLeak, fn ($run) => ($run['analysis']['sampled'] ?? 0) > 0);
        }
        $runs = array_filter($runs);
        if ($runs === []) {
            throw new \RuntimeException('no readings to plot');
        }
        $targets = [
            'memory.png' => 'pngcairo size 1600,1000 font "DejaVu Sans,10"',
            'memory.svg' => 'svg size 1600,1000 dynamic font "DejaVu Sans,10"',
        ];
        $all = '';
        foreach ($targets as $file => $terminal) {
            $all .= self::script($runs, $titles, $terminal, $file, $heading);
        }
        file_put_contents("$dir/plot.gp", $all);
        try {
            self::gnuplot($dir, 'plot.gp');
            foreach (array_keys($targets) as $file) {
                if (!is_file("$dir/$file") || filesize("$dir/$file") === 0) {
                    throw new \RuntimeException("gnuplot did not write $dir/$file");
                }
            }
        } catch (\RuntimeException $e) {
            foreach (array_keys($targets) as $file) {
                @unlink("$dir/$file");
            }
            throw $e;
        }
        return array_keys($targets);
    }

    /** Runs gnuplot on a script in $dir, with a time limit; throws when it fails. */
    private static function gnuplot(string $dir, string $script): void
    {
        $gnuplot = Php::find('gnuplot') ?? throw new \RuntimeException('gnuplot is not installed (Debian: gnuplot-nox; or run with --no-plot)');
        // gnuplot is a tool here, not the subject: a plain environment, without what a
        // sanitizer or valgrind lane of the tests put there for PHP (LD_PRELOAD and the like).
        $env = array_filter(
            ['PATH' => getenv('PATH'), 'HOME' => getenv('HOME'), 'LANG' => getenv('LANG'), 'LC_ALL' => getenv('LC_ALL'), 'TMPDIR' => getenv('TMPDIR')],
            fn ($v) => is_string($v) && $v !== '',
        );
        $run = Exec::run([$gnuplot, $script], self::TIMEOUT, $env, $dir, null, false);
        if ($run['timed_out']) {
            throw new \RuntimeException('gnuplot took longer than ' . self::TIMEOUT . ' s');
        }
        if ($run['status'] !== 0) {
            throw new \RuntimeException('gnuplot failed: ' . trim($run['stderr']));
        }
    }

    /** Draw the wide lines first so the narrow ones stay visible on top of them. */
    private static function order(array $leaks): array
    {
        $rank = array_flip(array_keys(self::STYLE));
        usort($leaks, fn ($a, $b) => ($rank[$a] ?? 99) <=> ($rank[$b] ?? 99));
        return $leaks;
    }

    /** A gnuplot string: double quotes, with quotes, backslashes and newlines escaped. */
    private static function quote(string $s): string
    {
        return '"' . addcslashes($s, "\"\\\n") . '"';
    }
}
