<?php

/* The soak's slow page: leaks 2 MiB through malloc, writes its pid to
 * <temp dir>/memlab-hold-<tag>.pid (the soak passes a random tag) so that the soak knows which process serves it, then
 * holds the request for ?seconds= (default 5, at most 10) for the soak to kill it meanwhile. */

leak_malloc(2097152);
$tag = preg_replace('/[^A-Za-z0-9_-]/', '', (string) ($_GET['tag'] ?? ''));
$file = sys_get_temp_dir() . "/memlab-hold-$tag.pid";
file_put_contents("$file.tmp", (string) getmypid());
rename("$file.tmp", $file); /* whole or absent, never half-written */
$seconds = min(10.0, max(0.0, (float) ($_GET['seconds'] ?? 5)));
for ($deadline = microtime(true) + $seconds; microtime(true) < $deadline;) {
    usleep(10000);
}
header('Content-Type: application/json');
echo json_encode(['pid' => getmypid(), 'held' => $seconds]), "\n";
