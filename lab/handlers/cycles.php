<?php

/*
 * A handler for ./memlab serve --worker --handler: makes 1,000 objects per request that each
 * point to themselves, cyclic garbage once the handler returns. Reference counting never
 * frees a cycle; the cycle collector does, when its root buffer fills (10,000 roots by
 * default: every 10 requests here). The long-running worker's memory rises and falls back
 * in that rhythm. See cycles_gc_off.php for the same without the collector.
 */

declare(strict_types=1);

return static function (array $request): string {
    for ($i = 0; $i < 1000; $i++) {
        $node = new stdClass();
        $node->self = $node;
    }
    return "1000 cycles\n";
};
