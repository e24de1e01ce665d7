--TEST--
memory.report_format: a value other than text or json (any case) is refused with PHP's INI warning and the setting kept, at startup and by ini_set()
--EXTENSIONS--
memory
--FILE--
<?php
require __DIR__ . '/inc/memlab.inc';

use MemoryLab\Lab\Exec;
use MemoryLab\Lab\Php;

$code = 'echo ini_get("memory.report_format"), "\n";
var_dump(ini_set("memory.report_format", "yaml"));
echo ini_get("memory.report_format"), "\n";';
foreach (['xml', '', 'JSON'] as $value) {
    $cmd = [PHP_BINARY, '-n', '-d', 'extension=' . Php::memorySo(), '-d', 'display_startup_errors=1',
        '-d', 'memory.report=1', '-d', "memory.report_format=$value", '-r', $code];
    $run = Exec::run($cmd, 60);
    echo "-- memory.report_format=$value\n", $run['stdout'];
    // The report that follows is in the format in force: JSON starts with {.
    echo 'report: ', str_starts_with($run['stderr'], '{') ? 'json' : (str_starts_with($run['stderr'], 'memory: pid') ? 'text' : $run['stderr']), "\n";
}
?>
--EXPECT--
-- memory.report_format=xml

Warning: Invalid "memory.report_format" setting. Expected "text" or "json", "xml" given in Unknown on line 0
text

Warning: Invalid "memory.report_format" setting. Expected "text" or "json", "yaml" given in Command line code on line 2
bool(false)
text
report: text
-- memory.report_format=

Warning: Invalid "memory.report_format" setting. Expected "text" or "json", "" given in Unknown on line 0
text

Warning: Invalid "memory.report_format" setting. Expected "text" or "json", "yaml" given in Command line code on line 2
bool(false)
text
report: text
-- memory.report_format=JSON
JSON

Warning: Invalid "memory.report_format" setting. Expected "text" or "json", "yaml" given in Command line code on line 2
bool(false)
JSON
report: json
