--TEST--
memory_stats(): loaded at run time with dl(), the extension builds its keys per call and works
--EXTENSIONS--
memory
--SKIPIF--
<?php if (!function_exists('dl')) die('skip dl() is not available'); ?>
--FILE--
<?php
require __DIR__ . '/inc/memlab.inc';

$so = MemoryLab\Lab\Php::memorySo();
$code = MemoryLab\Test\NO_LEAK_REPORT . 'dl("memory.so"); $s = memory_stats(); leak_emalloc(1000);
echo implode(",", array_keys($s)), "\n", $s["sapi"], " request ", $s["request"], ", emalloc ", memory_stats()["leaked_emalloc"], "\n";';
$cmd = [PHP_BINARY, '-n', '-d', 'enable_dl=1', '-d', 'extension_dir=' . dirname($so), '-r', $code];
// PHP unloads a dl()'d extension at request end, before it frees the request's memory; a debug
// build's leak report, should it run, then reads each block's file name inside the unloaded .so
// and crashes (SIGSEGV). ZEND_DONT_UNLOAD_MODULES=1 keeps the .so mapped to the end.
$run = MemoryLab\Lab\Exec::run($cmd, 60, ['ZEND_DONT_UNLOAD_MODULES' => '1']);
echo $run['stdout'], $run['stderr'];
echo 'exit status ', $run['status'], "\n";
?>
--EXPECT--
pid,sapi,request,vsz,rss,zend_usage,zend_real_usage,zend_peak,malloc_in_use,malloc_mmapped,leaked_malloc,leaked_pemalloc,leaked_emalloc
cli request 1, emalloc 1000
exit status 0
