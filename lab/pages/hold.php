<?php

/* The soak's slow page: leaks 2 MiB through malloc, writes its pid to hold.pid in the folder
 * that $MEMLAB_HOLD_DIR names in the server's own environment (a private folder of the soak's
 * run; a request cannot choose it), so that the soak knows which process serves it, then holds
 * the request for ?seconds= (default 5, at most 10) for the soak to kill it meanwhile. */

leak_malloc(2097152);
$dir = getenv('MEMLAB_HOLD_DIR', true); /* true: the process's environment, not FastCGI params */
if (is_string($dir) && $dir !== '' && is_dir($dir)) {
    file_put_contents("$dir/hold.pid.tmp", (string) getmypid());
    rename("$dir/hold.pid.tmp", "$dir/hold.pid"); /* whole or absent, never half-written */
}
$seconds = min(10.0, max(0.0, (float) ($_GET['seconds'] ?? 5)));
for ($deadline = microtime(true) + $seconds; microtime(true) < $deadline;) {
    usleep(10000);
}
header('Content-Type: application/json');
echo json_encode(['pid' => getmypid(), 'held' => $seconds]), "\n";
