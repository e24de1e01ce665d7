--TEST--
tests/hardening/lanes.skip: every entry names a lane, a test or folder that exists, and a reason
--FILE--
<?php
$root = dirname(__DIR__, 2);
$entries = 0;
foreach (file(__DIR__ . '/lanes.skip', FILE_IGNORE_NEW_LINES) as $n => $line) {
    if (trim($line) === '' || $line[0] === '#') {
        continue;
    }
    $entries++;
    $fields = preg_split('/\s+/', trim($line), 3);
    [$lanes, $path, $reason] = $fields + ['', '', ''];
    $bad = array_diff(explode(',', $lanes), ['valgrind', 'asan']);
    if ($bad) {
        echo 'line ', $n + 1, ': unknown lane ', implode(',', $bad), "\n";
    }
    $exists = str_ends_with($path, '/') ? is_dir("$root/$path") : is_file("$root/$path") && str_ends_with($path, '.phpt');
    if (!$exists) {
        echo 'line ', $n + 1, ": no such test or folder: $path\n";
    }
    if (trim($reason) === '') {
        echo 'line ', $n + 1, ": no reason given\n";
    }
}
echo $entries > 0 ? "checked\n" : "no entries\n";
?>
--EXPECT--
checked
