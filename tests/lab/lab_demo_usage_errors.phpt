--TEST--
lab: demo.php --help prints the usage, a bad option exits 2 with the reason and starts nothing
--FILE--
<?php
$demo = __DIR__ . '/../../lab/demo.php';
exec(escapeshellarg(PHP_BINARY) . ' -n ' . escapeshellarg($demo) . ' --help 2>&1', $out, $status);
echo $status, ' ', $out[0], "\n";
$out = [];
exec(escapeshellarg(PHP_BINARY) . ' -n ' . escapeshellarg($demo) . ' --only nginx 2>&1', $out, $status);
echo $status, ' ', implode("\n", $out), "\n";
?>
--EXPECT--
0 Usage: ./memlab demo [OPTIONS]
2 memlab demo: --only: unknown "nginx"; choose from cli-server, fpm, fpm-max-requests, worker
