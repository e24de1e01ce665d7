<?php

declare(strict_types=1);

namespace MemoryLab\Lab;

use Symfony\Component\Console\Output\OutputInterface;
use Symfony\Component\Console\Output\StreamOutput;

/**
 * The demo's live progress (stderr): one line per scenario with a bar and a counter. On a
 * terminal the line is redrawn in place; otherwise only the finished line is written.
 */
final class Progress
{
    private const WIDTH = 20;
    /** The shortest time between two redraws of a line on a terminal, in seconds. */
    private const REDRAW_S = 0.05;

    private bool $tty;
    private string $label = '';
    private float $started = 0.0;
    private float $drawn = 0.0;
    /** whether a line is drawn on the terminal and not ended yet */
    private bool $open = false;

    public function __construct(private OutputInterface $output)
    {
        $this->tty = $output instanceof StreamOutput && @stream_isatty($output->getStream());
    }

    /** Starts a scenario's line: [index/count] lifecycle leak. */
    public function start(int $index, int $count, string $lifecycle, string $leak): void
    {
        $this->label = sprintf('[%2d/%d] %-16s %-13s', $index, $count, $lifecycle, $leak);
        $this->started = microtime(true);
        $this->draw(0, 1, 'starting');
    }

    /** Shows that $done of $total requests are answered (on a terminal, at most every REDRAW_S). */
    public function step(int $done, int $total, string $note = ''): void
    {
        if ($this->tty && ($done >= $total || microtime(true) - $this->drawn >= self::REDRAW_S)) {
            $this->draw($done, $total, $note);
        }
    }

    /** Ends the scenario's line with how it ended. */
    public function finish(int $done, int $total, string $note): void
    {
        $this->draw($done, $total, sprintf('%s (%.1f s)', $note, microtime(true) - $this->started), true);
    }

    /** Ends a line left unfinished (Ctrl-C), so that what follows starts on a line of its own. */
    public function abandon(): void
    {
        if ($this->open) {
            $this->output->write("\n", false, OutputInterface::OUTPUT_RAW);
            $this->open = false;
        }
    }

    /** The bar: $width characters, # for done and . for the rest. */
    public static function bar(int $done, int $total, int $width = self::WIDTH): string
    {
        $filled = $total > 0 ? (int) floor($width * min($done, $total) / $total) : 0;
        return str_repeat('#', $filled) . str_repeat('.', $width - $filled);
    }

    /** Draws the line: in place on a terminal, else only when it is final. */
    private function draw(int $done, int $total, string $note, bool $final = false): void
    {
        $line = sprintf('%s [%s] %3d/%-3d %s', $this->label, self::bar($done, $total), $done, $total, $note);
        if ($this->tty) {
            $this->output->write("\r\033[K" . $line . ($final ? "\n" : ''), false, OutputInterface::OUTPUT_RAW);
            $this->open = !$final;
            $this->drawn = microtime(true);
        } elseif ($final) {
            $this->output->write($line . "\n", false, OutputInterface::OUTPUT_RAW);
        }
    }
}
