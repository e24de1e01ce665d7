<?php

declare(strict_types=1);

namespace MemoryLab\Lab;

use MemoryLab\Lab\Cli\UsageError;

/**
 * The PHP versions Debian ships, for ./memlab test --php: the version of the PHP running the
 * lab runs here; any other runs in a Debian root that lab/sh/root.sh makes with debootstrap,
 * keeps under rootsDir() and enters with chroot. Debian 12 (bookworm) ships 8.2, Debian 13
 * (trixie) 8.4, experimental 8.5 and 8.6, installed on a sid root (one root holds both).
 */
final class DebianPhp
{
    /** Each version's root: its name under rootsDir(), its suite, and whether its PHP comes from experimental. */
    public const ROOTS = [
        '8.2' => ['name' => 'bookworm', 'suite' => 'bookworm', 'experimental' => false],
        '8.4' => ['name' => 'trixie', 'suite' => 'trixie', 'experimental' => false],
        '8.5' => ['name' => 'sid', 'suite' => 'sid', 'experimental' => true],
        '8.6' => ['name' => 'sid', 'suite' => 'sid', 'experimental' => true],
    ];

    /** Where the roots are kept, outside any clone: $MEMLAB_ROOTS, else /var/cache/memlab/roots. */
    public static function rootsDir(): string
    {
        $dir = getenv('MEMLAB_ROOTS');
        return $dir !== false && $dir !== '' ? $dir : '/var/cache/memlab/roots';
    }

    /**
     * The versions of a --php value such as "8.4" or "8.4,8.5", each once, in the order given.
     * Throws UsageError naming $option when one is not a version Debian ships.
     *
     * @return list<string>
     */
    public static function parse(string $option, string $value): array
    {
        $versions = [];
        foreach (explode(',', $value) as $version) {
            $version = trim($version);
            if (!isset(self::ROOTS[$version])) {
                throw UsageError::option($option, $value, sprintf(
                    'expected one or more of %s, comma-separated: the PHP versions Debian ships (8.2 in Debian 12, 8.4 in Debian 13, 8.5 and 8.6 in experimental; this PHP is %s)',
                    implode(', ', array_keys(self::ROOTS)),
                    Php::version()
                ));
            }
            $versions[$version] = true;
        }
        return array_keys($versions);
    }

    /** Whether $version is the PHP running the lab, so that it runs here and not in a root. */
    public static function here(string $version): bool
    {
        return $version === Php::version();
    }

    /** Where $version runs, for humans: "PHP 8.4 in the Debian trixie root" or "PHP 8.2 here". */
    public static function describe(string $version): string
    {
        return self::here($version) ? "PHP $version here"
            : "PHP $version in the Debian " . self::ROOTS[$version]['name'] . ' root';
    }

    /**
     * The command that runs the plain lane on $version in its root: lab/sh/root.sh with the
     * root's name, suite and versions, the lane's $packages on top of PHP's, and TEST...
     * relative to the tree. $refresh makes the root again first.
     *
     * @param list<string> $tests
     * @param list<string> $packages
     * @return list<string>
     */
    public static function command(string $version, array $tests, array $packages, bool $refresh): array
    {
        $root = self::ROOTS[$version];
        $serves = array_keys(array_filter(self::ROOTS, static fn (array $r): bool => $r['name'] === $root['name']));
        $command = ['bash', Build::root() . '/lab/sh/root.sh', '--name', $root['name'], '--suite', $root['suite'],
            '--serves', implode(' ', $serves), '--php', $version, '--packages', implode(' ', $packages)];
        if ($root['experimental']) {
            $command[] = '--experimental';
        }
        if ($refresh) {
            $command[] = '--refresh';
        }
        return array_merge($command, ['--'], $tests);
    }
}
