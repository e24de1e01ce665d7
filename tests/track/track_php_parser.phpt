--TEST--
memory.track: nikic/php-parser (Debian's php-parser) parsing some of its own source files reports 0 leaked blocks
--EXTENSIONS--
memory
--SKIPIF--
<?php
require __DIR__ . '/../inc/memlab.inc';
MemoryLab\Test\skip_unless('native');
if (!is_file('/usr/share/php/PhpParser/ParserFactory.php')) die('skip php-parser is not installed (/usr/share/php/PhpParser)');
?>
--FILE--
<?php
require __DIR__ . '/../inc/track.inc';

use function MemoryLab\Test\leak_lines;
use function MemoryLab\Test\tracked_code;

$code = <<<'PHP'
spl_autoload_register(function (string $c): void {
    if (str_starts_with($c, 'PhpParser\\')) {
        require '/usr/share/php/' . str_replace('\\', '/', $c) . '.php';
    }
});
// php-parser 4 (Debian 12) has create(); 5 (Debian 13, sid) createForNewestSupportedVersion().
$factory = new PhpParser\ParserFactory();
$parser = method_exists($factory, 'createForNewestSupportedVersion')
    ? $factory->createForNewestSupportedVersion() : $factory->create(PhpParser\ParserFactory::PREFER_PHP7);
$printer = new PhpParser\PrettyPrinter\Standard();
$nodes = 0;
foreach (['Parser/Php7.php', 'NodeTraverser.php', 'PrettyPrinter/Standard.php', 'Lexer.php', 'NameContext.php'] as $f) {
    $ast = $parser->parse(file_get_contents('/usr/share/php/PhpParser/' . $f));
    $printer->prettyPrintFile($ast);
    $nodes += count((new PhpParser\NodeFinder())->findInstanceOf($ast, PhpParser\Node::class));
}
echo $nodes > 10000 ? "parsed\n" : "parsed only $nodes nodes\n";
PHP;
$run = tracked_code($code, ['memory_limit' => '512M'], ['tokenizer', 'ctype']);
echo $run['stdout'], leak_lines($run['report'], $run['file']);
if (!$run["report"]) { echo "status ", $run["status"], "\n", $run["stderr"]; }
?>
--EXPECT--
parsed
0 blocks, 0 bytes
