<?php

/*
 * cycles.php with the cycle collector off (gc_disable(), as zend.enable_gc=0 would): nothing
 * frees the 1,000 cycles of each request, and the long-running worker grows by 416,000 B of
 * Zend usage per request for as long as it runs.
 */

declare(strict_types=1);

gc_disable();

return require __DIR__ . '/cycles.php';
