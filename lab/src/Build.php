<?php

declare(strict_types=1);

namespace MemoryLab\Lab;

use Symfony\Component\Console\Output\OutputInterface;

/**
 * The dev build of memory.so (phpize, configure --enable-memory-dev, make; lab/sh/build.sh)
 * and the Debian packages the lab's commands install (lab/sh/packages.sh). Both are bash: they
 * run before and around PHP, and the bootstrap ./memlab uses the same functions.
 */
final class Build
{
    /** The repository's root. */
    public static function root(): string
    {
        return dirname(__DIR__, 2);
    }

    /**
     * A private copy of the memory.so under test in the run's folder: $MEMORY_SO when set,
     * else the tree's dev build, built now under the tree's build lock. Throws Interrupted
     * when the build is interrupted and \RuntimeException when it fails.
     */
    public static function privateCopy(OutputInterface $progress): string
    {
        $copy = RunDir::sub('so') . '/memory.so';
        $given = getenv('MEMORY_SO');
        if ($given !== false && $given !== '') {
            if (!is_file($given) || !copy($given, $copy)) {
                throw new \RuntimeException("MEMORY_SO=$given: no such memory.so");
            }
            return $copy;
        }
        self::script('build.sh', [$copy]);
        return $copy;
    }

    /**
     * Installs the missing Debian packages (as root) or says how to and throws. $hint says
     * what the user can do instead (such as --no-plot).
     *
     * @param list<string> $packages
     */
    public static function packages(array $packages, string $hint = ''): void
    {
        self::script('packages.sh', $packages, $hint !== '' ? ['MEMLAB_PACKAGES_HINT' => $hint] : []);
    }

    /**
     * The npm packages of ./memlab lab's page (lab/sh/ui.sh: npm ci --prefix lab/ui when
     * lab/ui/node_modules is missing or older than package-lock.json; Debian's nodejs and npm
     * first, as root, when there is no node). Throws \RuntimeException when they cannot be had.
     */
    public static function ui(): void
    {
        self::script('ui.sh', []);
    }

    /**
     * Runs lab/sh/NAME with its output on this process's stderr. Ctrl-C reaches it too (one
     * process group); it then stops quietly with status 130 and this throws Interrupted.
     */
    private static function script(string $name, array $args, array $env = []): void
    {
        $command = array_merge(['bash', self::root() . "/lab/sh/$name"], $args);
        $code = Foreground::run($command, static fn (string $chunk) => fwrite(STDERR, $chunk), self::root(), $env + getenv());
        if ($code !== 0) {
            throw new \RuntimeException(match ($name) {
                'build.sh' => 'the build failed (see above)',
                'ui.sh' => 'the page\'s npm packages (lab/ui/node_modules) or Node.js are missing (see above)',
                default => 'missing Debian packages (see above)',
            });
        }
    }
}
