<?php

declare(strict_types=1);

/*
 * Loads the lab's engine: MemoryLab\Lab\* from lab/src/ (PSR-4). The engine itself needs no
 * extension but the memory extension in the processes it starts; the command line (lab/memlab.php)
 * adds Debian's symfony/console and symfony/process on top.
 */

spl_autoload_register(static function (string $class): void {
    $prefix = 'MemoryLab\\Lab\\';
    if (strncmp($class, $prefix, strlen($prefix)) === 0) {
        $file = __DIR__ . '/src/' . str_replace('\\', '/', substr($class, strlen($prefix))) . '.php';
        if (is_file($file)) {
            require $file;
        }
    }
});
