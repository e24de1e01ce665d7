<?php

declare(strict_types=1);

namespace MemoryLab\Lab;

/** One of the demo's scenarios: a leak in a lifecycle. */
final class Scenario
{
    public function __construct(
        public readonly Lifecycle $lifecycle,
        public readonly Leak $leak,
    ) {
    }

    /** The name of its CSV: LIFECYCLE_LEAK.csv, + as -, such as fpm-max-requests_malloc-touch.csv. */
    public function csvName(): string
    {
        return self::csvNameOf($this->lifecycle->name, $this->leak->name());
    }

    /** The CSV name of a lifecycle's and a leak's names. */
    public static function csvNameOf(string $lifecycle, string $leak): string
    {
        return $lifecycle . '_' . str_replace('+', '-', $leak) . '.csv';
    }

    /**
     * Every CSV name a demo may write, whatever it ran: what an output folder is cleared of.
     *
     * @return list<string>
     */
    public static function allCsvNames(): array
    {
        $names = [];
        foreach (Lifecycle::NAMES as $lifecycle) {
            foreach (Leak::NAMES as $leak) {
                $names[] = self::csvNameOf($lifecycle, $leak);
            }
        }
        return $names;
    }
}
