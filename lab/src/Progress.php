<?php

declare(strict_types=1);

namespace MemoryLab\Lab;

/**
 * Live progress on stderr: one line per scenario with a bar and a counter. On a
 * terminal the line is redrawn in place; otherwise only the finished line is written.
 */
final class Progress
{
    private const WIDTH = 20;

    /** @var resource */
    private $stream;
    private bool $tty;
    private string $label = '';
    private float $started = 0.0;

    /** @param resource|null $stream */
    public function __construct($stream = null)
    {
        $this->stream = $stream ?? STDERR;
        $this->tty = function_exists('posix_isatty') && @posix_isatty($this->stream);
    }

    /** Starts a scenario's line. */
    public function start(int $index, int $count, string $lifecycle, string $alloc): void
    {
        $this->label = sprintf('[%2d/%d] %-16s %-13s', $index, $count, $lifecycle, $alloc);
        $this->started = microtime(true);
        $this->draw(0, 1, 'starting');
    }

    /** Shows that $done of $total requests are answered. */
    public function step(int $done, int $total, string $note = ''): void
    {
        if ($this->tty) {
            $this->draw($done, $total, $note);
        }
    }

    /** Ends the scenario's line with how it ended. */
    public function finish(int $done, int $total, string $note): void
    {
        $this->draw($done, $total, sprintf('%s (%.1f s)', $note, microtime(true) - $this->started), true);
    }

    /** A line of its own, outside any scenario. */
    public function note(string $message): void
    {
        fwrite($this->stream, "memlab: $message\n");
    }

    public static function bar(int $done, int $total, int $width = self::WIDTH): string
    {
        $filled = $total > 0 ? (int) floor($width * min($done, $total) / $total) : 0;
        return str_repeat('#', $filled) . str_repeat('.', $width - $filled);
    }

    private function draw(int $done, int $total, string $note, bool $final = false): void
    {
        $line = sprintf('%s [%s] %3d/%-3d %s', $this->label, self::bar($done, $total), $done, $total, $note);
        if ($this->tty) {
            fwrite($this->stream, "\r\033[K" . $line . ($final ? "\n" : ''));
        } elseif ($final) {
            fwrite($this->stream, $line . "\n");
        }
    }
}
