--TEST--
memory_stats(): extra, null, named and spread arguments, strict_types 0 and 1
--EXTENSIONS--
memory
--FILE--
<?php
require __DIR__ . '/hostile.inc';

$calls = [
    '' => [],
    '...[]' => [],
    '1' => [1],
    'null' => [null],
    '[]' => [[]],
    'pid: 1' => ['pid' => 1],
];
foreach ([false, true] as $strict) {
    echo '--- strict_types=', (int) $strict, "\n";
    foreach ($calls as $label => $args) {
        echo "memory_stats($label): ", memlab_outcome('memory_stats', $args, $strict), "\n";
    }
}
?>
--EXPECT--
--- strict_types=0
memory_stats(): array(13)
memory_stats(...[]): array(13)
memory_stats(1): ArgumentCountError: memory_stats() expects exactly 0 arguments, 1 given
memory_stats(null): ArgumentCountError: memory_stats() expects exactly 0 arguments, 1 given
memory_stats([]): ArgumentCountError: memory_stats() expects exactly 0 arguments, 1 given
memory_stats(pid: 1): Error: Unknown named parameter $pid
--- strict_types=1
memory_stats(): array(13)
memory_stats(...[]): array(13)
memory_stats(1): ArgumentCountError: memory_stats() expects exactly 0 arguments, 1 given
memory_stats(null): ArgumentCountError: memory_stats() expects exactly 0 arguments, 1 given
memory_stats([]): ArgumentCountError: memory_stats() expects exactly 0 arguments, 1 given
memory_stats(pid: 1): Error: Unknown named parameter $pid
