--TEST--
The seed's confirm_memory_compiled(), built at -O2: objdump -d -C of memory.so finds no call to malloc in it (the optimizer deleted it), while it finds the one in memory::leak()
--EXTENSIONS--
memory
--SKIPIF--
<?php
require __DIR__ . '/inc/memlab.inc';
if (!function_exists('confirm_memory_compiled')) {
    die("skip memory.so was built without --enable-memory-seed\n");
}
if (MemoryLab\Lab\Php::find('objdump') === null) {
    die("skip objdump is not installed (Debian: binutils)\n");
}
ob_start();
(new ReflectionExtension('memory'))->info();
$flags = preg_match('/Build flags => (.*)/', ob_get_clean(), $m) ? $m[1] : '';
// The seed's file is built at -O2 on any PHP (config.m4); a sanitizer keeps the malloc.
if (str_contains($flags, '-fsanitize')) {
    die("skip memory.so was built with a sanitizer (Build flags: $flags)\n");
}
?>
--INI--
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/inc/memlab.inc';

use MemoryLab\Lab\Exec;
use MemoryLab\Lab\Php;

$run = Exec::run([Php::find('objdump'), '-d', '-C', '--no-show-raw-insn', Php::memorySo()], 60);

/* The instruction lines of the function whose demangled name starts with $name. */
function body(string $disassembly, string $name): string
{
    $header = '/^[0-9a-f]+ <' . preg_quote($name, '/') . '\([^\n]*>:\n(.*?)(?:\n\n|\z)/ms';
    return preg_match($header, $disassembly, $m) ? $m[1] : '';
}

$seed = body($run['stdout'], 'zif_confirm_memory_compiled');
$leak = body($run['stdout'], 'memory::leak');
echo 'confirm_memory_compiled() is in memory.so: ', $seed !== '' ? 'yes' : 'no', "\n";
echo 'its calls to malloc: ', preg_match_all('/call.*<malloc@plt>/', $seed), "\n";
// Padding (nop) and a control-flow landing pad (endbr64, where the compiler adds them) aside.
echo 'its instructions: ', trim(implode(' ', array_map(
    fn ($l) => preg_replace('/^\s*[0-9a-f]+:\s*/', '', $l),
    array_filter(explode("\n", $seed), fn ($l) => !str_contains($l, 'nop') && !str_contains($l, 'endbr64'))
))), "\n";
echo 'memory::leak() calls malloc: ', preg_match('/call.*<malloc@plt>/', $leak) ? 'yes' : 'no', "\n";
?>
--EXPECT--
confirm_memory_compiled() is in memory.so: yes
its calls to malloc: 0
its instructions: ret
memory::leak() calls malloc: yes
