--TEST--
memory.max_leak: a negative value is refused with a warning (1G stays); a malformed one warns as PHP quantities do
--EXTENSIONS--
memory
--FILE--
<?php
require __DIR__ . '/inc/memlab.inc';

// Print the setting, then the cap actually in force: the largest leak that is refused.
$code = 'echo ini_get("memory.max_leak"), "\n";
try { leak_malloc(13); echo "13 bytes allowed\n"; } catch (Error $e) { echo $e->getMessage(), "\n"; }';
foreach (['-1M', '12 apples'] as $value) {
    $cmd = [PHP_BINARY, '-n', '-d', 'extension=' . MemoryLab\Lab\Php::memorySo(), '-d', "memory.max_leak=$value",
        '-d', 'display_startup_errors=1', '-r', $code];
    echo MemoryLab\Lab\Exec::run($cmd, 60)['stdout'];
}
?>
--EXPECT--
Warning: PHP Startup: memory.max_leak must not be negative, "-1M" given in Unknown on line 0
1G
13 bytes allowed

Warning: Invalid "memory.max_leak" setting. Invalid quantity "12 apples": unknown multiplier "s", interpreting as "12 " for backwards compatibility in Unknown on line 0
12 apples
leak_malloc(): Leaking 13 bytes would exceed memory.max_leak (12 bytes): this process has already leaked 0 bytes through malloc and pemalloc
