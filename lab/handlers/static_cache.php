<?php

/*
 * A handler for ./memlab serve --worker --handler: memoizes every request's rendered page in
 * a static array that nothing ever clears, the classic leak of a long-running worker: each
 * new page leaves its string (64 copies of a paragraph) and a key behind. With --track,
 * serve names the line that made each block.
 */

declare(strict_types=1);

return static function (array $request): string {
    static $rendered = [];
    $key = $request['path'] . '?' . http_build_query($request['query']);
    $rendered[$key] ??= str_repeat('<p>' . htmlspecialchars($key) . '</p>', 64);
    return count($rendered) . " pages cached\n";
};
