--TEST--
memory.track: memory_limit's fatal error comes at the same allocation as without tracking (1,000 B and 2 MiB steps); after the fatal the shutdown function still runs, and the report names exactly the blocks leak_emalloc() left (as many bytes as the extension's own count of them, all at the loop's line) and nothing else; the process exits cleanly
--EXTENSIONS--
memory
--SKIPIF--
<?php
require __DIR__ . '/../inc/memlab.inc';
MemoryLab\Test\skip_unless('native');
?>
--FILE--
<?php
require __DIR__ . '/../inc/track.inc';

use function MemoryLab\Test\tracked_code;

foreach ([1000, 2097152] as $bytes) {
    $code = '$n = 0; register_shutdown_function(function () use (&$n) { echo "calls: $n\n"; });
$keep = [];
for (;;) { leak_emalloc(' . $bytes . '); $keep[] = str_repeat("k", 100); $n++; }';
    $on = tracked_code($code, ['memory_limit' => '16M', 'memory.report_format' => 'text']);
    $off = tracked_code($code, ['memory_limit' => '16M', 'memory.track' => '0', 'memory.report_format' => 'text']);
    preg_match('/calls: (\d+)/', $on['stdout'], $a);
    preg_match('/calls: (\d+)/', $off['stdout'], $b);
    echo "$bytes B steps: ", ($a[1] ?? 'none') === ($b[1] ?? 'x') ? 'the same number of calls before the fatal' : "tracked {$a[1]}, untracked {$b[1]}", "\n";
    echo str_contains($on['stdout'], 'Allowed memory size of 16777216 bytes exhausted') ? "fatal error\n" : $on['stdout'];
    $json = tracked_code($code, ['memory_limit' => '16M'])['report'];
    $sites = array_map(fn ($s) => "{$s['function']} at line {$s['line']}", $json['leaks']);
    echo $json['fatal_error'] ? 'after a fatal error: ' : '', 'leaked bytes = leak_emalloc()\'s own count: ', $json['leaked_bytes'] === $json['leaked_emalloc'] ? 'yes' : "{$json['leaked_bytes']} vs {$json['leaked_emalloc']}",
        ', blocks x ', $bytes, ' B: ', $json['leaked_blocks'] * $bytes === $json['leaked_bytes'] ? 'yes' : 'no', ', sites: ', implode('; ', $sites), "\n";
    preg_match('/emalloc leaks after a fatal error: (\d+) blocks?, (\d+) bytes still allocated at request end, reclaimed now:\n.*memory:   \2 bytes in \1 blocks? at \S+:4, leak_emalloc \(memory\)\n/s', $on['stderr'], $m);
    echo 'text report: ', $m ? 'the same, one site' : $on['stderr'], "\n";
    echo 'exit status ', $on['status'], "\n";
}
?>
--EXPECT--
1000 B steps: the same number of calls before the fatal
fatal error
after a fatal error: leaked bytes = leak_emalloc()'s own count: yes, blocks x 1000 B: yes, sites: leak_emalloc at line 4
text report: the same, one site
exit status 255
2097152 B steps: the same number of calls before the fatal
fatal error
after a fatal error: leaked bytes = leak_emalloc()'s own count: yes, blocks x 2097152 B: yes, sites: leak_emalloc at line 4
text report: the same, one site
exit status 255
