--TEST--
php --ri memory: the enabled line, the version, the PHP it runs in (version, debug, ZTS), the process counters and the INI entries
--EXTENSIONS--
memory
--FILE--
<?php
require __DIR__ . '/inc/memlab.inc';

$cmd = [PHP_BINARY, '-n', '-d', 'extension=' . MemoryLab\Lab\Php::memorySo(), '-d', 'memory.max_leak=256M', '--ri', 'memory'];
$run = MemoryLab\Lab\Exec::run($cmd, 60);
$info = $run['stdout'];
echo $info, $run['stderr'];
// The rows about PHP describe the PHP running the test.
echo 'PHP version is ', str_contains($info, "PHP version => " . PHP_VERSION . "\n") ? 'PHP_VERSION' : 'wrong', "\n";
echo 'Debug build is ', str_contains($info, 'Debug build => ' . (ZEND_DEBUG_BUILD ? 'yes' : 'no') . "\n") ? 'ZEND_DEBUG_BUILD' : 'wrong', "\n";
echo 'Thread safety is ', str_contains($info, 'Thread safety => ' . (PHP_ZTS ? 'ZTS' : 'NTS') . "\n") ? 'PHP_ZTS' : 'wrong', "\n";
?>
--EXPECTF--
memory

memory support => enabled
Version => %d.%d.%d
PHP version => %s
Debug build => %s
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
memory.track => Off => Off
PHP version is PHP_VERSION
Debug build is ZEND_DEBUG_BUILD
Thread safety is PHP_ZTS
