<?php
/* ./memlab bench's real-code workload for memory.track's cost: nikic/php-parser (Debian's
 * php-parser, /usr/share/php/PhpParser) parsing a corpus, its own source files, and pretty-
 * printing them back.
 *
 *   php lab/bench/track_parser.php [FILES] [ROOT]
 *
 * FILES caps the corpus (0: all of it, sorted by path); ROOT is php-parser's folder. Prints one
 * JSON line: the CPU and wall nanoseconds of the parsing (autoloading and reading the files
 * come before the clock starts), the files parsed and the nodes seen. */

declare(strict_types=1);

$limit = (int) ($argv[1] ?? 0);
$root = $argv[2] ?? '/usr/share/php/PhpParser';
if (!is_file("$root/ParserFactory.php")) {
    fwrite(STDERR, "track_parser.php: no php-parser at $root (Debian package php-parser)\n");
    exit(2);
}
spl_autoload_register(function (string $c) use ($root): void {
    if (str_starts_with($c, 'PhpParser\\')) {
        require $root . '/' . str_replace('\\', '/', substr($c, 10)) . '.php';
    }
});
$files = [];
foreach (new RecursiveIteratorIterator(new RecursiveDirectoryIterator($root, FilesystemIterator::SKIP_DOTS)) as $f) {
    if (str_ends_with($f->getFilename(), '.php')) {
        $files[] = $f->getPathname();
    }
}
sort($files);
if ($limit > 0) {
    $files = array_slice($files, 0, $limit);
}
$sources = array_map('file_get_contents', $files);
/* php-parser 4 (Debian 12) has create(); 5 (Debian 13) createForNewestSupportedVersion(). */
$factory = new PhpParser\ParserFactory();
$parser = method_exists($factory, 'createForNewestSupportedVersion')
    ? $factory->createForNewestSupportedVersion() : $factory->create(PhpParser\ParserFactory::PREFER_PHP7);
$printer = new PhpParser\PrettyPrinter\Standard();
/* Load the classes the parsing uses before the clock starts. */
$printer->prettyPrintFile($parser->parse('<?php class A { function f($a) { return [$a, "s", 1 + 2]; } }'));
class_exists(PhpParser\NodeFinder::class);

$r = getrusage();
$cpu = ($r['ru_utime.tv_sec'] + $r['ru_stime.tv_sec']) * 1000000000 + ($r['ru_utime.tv_usec'] + $r['ru_stime.tv_usec']) * 1000;
$wall = hrtime(true);
$nodes = 0;
$bytes = 0;
foreach ($sources as $source) {
    $ast = $parser->parse($source);
    $bytes += strlen($printer->prettyPrintFile($ast));
    $nodes += count((new PhpParser\NodeFinder())->findInstanceOf($ast, PhpParser\Node::class));
    unset($ast);
}
$wall = hrtime(true) - $wall;
$r = getrusage();
$cpu = ($r['ru_utime.tv_sec'] + $r['ru_stime.tv_sec']) * 1000000000 + ($r['ru_utime.tv_usec'] + $r['ru_stime.tv_usec']) * 1000 - $cpu;
echo json_encode(['cpu' => $cpu, 'wall' => $wall, 'files' => count($files), 'nodes' => $nodes, 'printed' => $bytes]), "\n";
