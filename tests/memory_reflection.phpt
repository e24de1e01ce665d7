--TEST--
Reflection: the signatures match memory.stub.php
--EXTENSIONS--
memory
--FILE--
<?php
foreach (['leak_malloc', 'leak_emalloc', 'leak_pemalloc', 'memory_stats', 'memory_breakdown', 'memory_release'] as $name) {
    $f = new ReflectionFunction($name);
    $params = [];
    foreach ($f->getParameters() as $p) {
        $params[] = $p->getType() . ' $' . $p->getName()
            . ($p->isDefaultValueAvailable() ? ' = ' . var_export($p->getDefaultValue(), true) : '');
    }
    echo $name, '(', implode(', ', $params), '): ', $f->getReturnType(),
        ' [', $f->getExtensionName(), ']', "\n";
}
?>
--EXPECT--
leak_malloc(int $bytes = 2097152, bool $touch = false): int [memory]
leak_emalloc(int $bytes = 2097152, bool $touch = false): int [memory]
leak_pemalloc(int $bytes = 2097152, bool $touch = false): int [memory]
memory_stats(): array [memory]
memory_breakdown(): array [memory]
memory_release(): array [memory]
