--TEST--
php --ri memory: the enabled line, the version, the process counters and the INI entries
--EXTENSIONS--
memory
--FILE--
<?php
require __DIR__ . '/inc/memlab.inc';

$cmd = [PHP_BINARY, '-n', '-d', 'extension=' . MemoryLab\Lab\Php::memorySo(), '-d', 'memory.max_leak=256M', '--ri', 'memory'];
$run = MemoryLab\Lab\Exec::run($cmd, 60);
echo $run['stdout'], $run['stderr'];
?>
--EXPECTF--
memory

memory support => enabled
Version => %d.%d.%d
Thread safety => %s
Built with => C++ %s, -std=c++17
Build flags => %s-std=c++17 %s
The seed's confirm_memory_compiled() (--enable-memory-seed) => %s
Requests started by this process => 1
Leaked through malloc by this process (bytes) => 0
Leaked through pemalloc by this process (bytes) => 0
Leaked through emalloc in this request (bytes) => 0

Directive => Local Value => Master Value
memory.max_leak => 256M => 256M
memory.report => Off => Off
memory.report_format => text => text
