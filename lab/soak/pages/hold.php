<?php

/* The soak's slow page: leaks 2 MiB through malloc, then holds the request for ?seconds=
 * (default 5, at most 10), so that the soak can kill the worker in the middle of it. */

leak_malloc(2097152);
$seconds = min(10.0, max(0.0, (float) ($_GET['seconds'] ?? 5)));
for ($deadline = microtime(true) + $seconds; microtime(true) < $deadline;) {
    usleep(10000);
}
header('Content-Type: application/json');
echo json_encode(['pid' => getmypid(), 'held' => $seconds]), "\n";
