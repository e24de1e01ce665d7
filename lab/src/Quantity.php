<?php

declare(strict_types=1);

namespace MemoryLab\Lab;

use MemoryLab\Lab\Cli\UsageError;

/** Sizes as PHP's INI writes them (2M, 512K, 1G, or plain bytes) and whole numbers, checked. */
final class Quantity
{
    private const UNITS = ['' => 1, 'K' => 1024, 'M' => 1048576, 'G' => 1073741824];

    /** What a size is, for the messages: "expected " . SIZE. */
    public const SIZE = 'a size in bytes, such as 400, 64K, 2M or 1G';

    /** Bytes of a size such as 2M, 64K, 1G or 400; throws UsageError naming $option. */
    public static function bytes(string $option, string $value, int $min, int $max): int
    {
        $bytes = self::size($value) ?? throw UsageError::option($option, $value, 'expected ' . self::SIZE);
        if ($bytes < $min || $bytes > $max) {
            throw UsageError::option($option, $value, sprintf('expected %s to %s', self::format($min), self::format($max)));
        }
        return (int) $bytes;
    }

    /**
     * The bytes of a size (digits, then K, M or G in any case; blanks around it are ignored):
     * an int, a float when it is beyond PHP_INT_MAX, null when $value is not a size ("abc",
     * "1.5M", "-5").
     */
    public static function size(string $value): int|float|null
    {
        if (!preg_match('/^([0-9]+)([KMG]?)$/i', trim($value), $m)) {
            return null;
        }
        $unit = self::UNITS[strtoupper($m[2])];
        $digits = ltrim($m[1], '0');
        $most = (string) intdiv(PHP_INT_MAX, $unit);
        if (strlen($digits) > strlen($most) || (strlen($digits) === strlen($most) && strcmp($digits, $most) > 0)) {
            return (float) $digits * $unit;
        }
        return (int) $digits * $unit;
    }

    /** A whole number from $min to $max; throws UsageError naming $option. */
    public static function int(string $option, string $value, int $min, int $max): int
    {
        if (!preg_match('/^[0-9]+$/', $value) || (int) $value < $min || (int) $value > $max) {
            throw UsageError::option($option, $value, "expected a whole number from $min to $max");
        }
        return (int) $value;
    }

    /** A byte count the short way: 2M, 64K, 1G when exact, else bytes. */
    public static function format(int $bytes): string
    {
        foreach (['G', 'M', 'K'] as $unit) {
            if ($bytes >= self::UNITS[$unit] && $bytes % self::UNITS[$unit] === 0) {
                return ($bytes / self::UNITS[$unit]) . $unit;
            }
        }
        return (string) $bytes;
    }
}
