<?php

/*
 * A handler for ./memlab serve --worker --handler: builds a local array of 1 MiB per request
 * (16,384 strings of 20 bytes: 256 KiB of array slots and 768 KiB of strings) and returns its
 * size. The array dies when the handler returns, so the long-running worker's memory
 * plateaus: the Zend MM reuses the same pages for the next request's array.
 */

declare(strict_types=1);

return static function (array $request): string {
    $rows = [];
    for ($i = 0; $i < 16384; $i++) {
        $rows[] = str_pad("row $i", 20);
    }
    return count($rows) . " rows\n";
};
