<?php

declare(strict_types=1);

namespace MemoryLab\Lab;

/**
 * What one scenario of the demo came to: its samples (request 0 is the warm-up; see Runner),
 * their analysis (see Analysis::analyze()), the CSV written, and what the Runner read after
 * the requests (pool: Runner::$pool, release: Runner::$release, null when not read; left:
 * Runner::$left, null for a lifecycle that does not track), or the
 * error that stopped it (then no samples, no analysis and no CSV). Seconds are wall-clock time.
 */
final class ScenarioResult
{
    /**
     * @param list<array<string, mixed>> $samples
     * @param array<string, mixed>|null $analysis
     */
    public function __construct(
        public readonly Scenario $scenario,
        public readonly ?string $error,
        public readonly array $samples,
        public readonly ?array $analysis,
        public readonly ?string $csv,
        public readonly float $seconds,
        public readonly ?array $pool = null,
        public readonly ?array $release = null,
        public readonly ?array $left = null,
    ) {
    }

    /** A scenario that ran: its samples, analysis, the CSV's name, and the pool, release and left read after it. */
    public static function ran(Scenario $scenario, array $samples, array $analysis, string $csv, float $seconds, ?array $pool = null, ?array $release = null, ?array $left = null): self
    {
        return new self($scenario, null, $samples, $analysis, $csv, $seconds, $pool, $release, $left);
    }

    /** A scenario that could not run (a server did not start, ...): why. */
    public static function failed(Scenario $scenario, string $error, float $seconds): self
    {
        return new self($scenario, $error, [], null, null, $seconds);
    }

    /** Its line in the column of verdicts (Report::verdictLine()), or why it failed. */
    public function verdictLine(): string
    {
        if ($this->error !== null || $this->analysis === null) {
            return sprintf('%-16s %-13s failed: %s', $this->scenario->lifecycle->name, $this->scenario->leak->name(), $this->error ?? 'no analysis');
        }
        return Report::verdictLine($this->scenario->lifecycle->name, $this->scenario->leak->name(), $this->analysis, $this->scenario->lifecycle->memoryLimit);
    }
}
