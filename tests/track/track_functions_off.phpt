--TEST--
memory_track_mark() and memory_track_live() with memory.track off: an Error naming the INI setting; memory.track=1 set by ini_set() takes effect from the next request only
--EXTENSIONS--
memory
--FILE--
<?php
foreach (['memory_track_mark', 'memory_track_live'] as $f) {
    try {
        $f();
    } catch (Error $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}
ini_set('memory.track', '1');
try {
    memory_track_mark();
} catch (Error $e) {
    echo 'after ini_set: ', $e->getMessage(), "\n";
}
?>
--EXPECT--
Error: memory_track_mark(): memory.track is off: set memory.track=1 (php.ini, -d, or a pool's php_admin_value) for requests to be tracked from their start
Error: memory_track_live(): memory.track is off: set memory.track=1 (php.ini, -d, or a pool's php_admin_value) for requests to be tracked from their start
after ini_set: memory_track_mark(): memory.track=1, but this request is not tracked: memory.track was off when it started
