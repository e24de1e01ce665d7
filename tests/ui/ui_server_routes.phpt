--TEST--
lab/ui/server.mjs alone: on 127.0.0.1 only; serves / and /static/ from public/, /vendor/ only the dist/ files of package.json's dependencies (not devDependencies, nothing outside the folder); 403 for another Host or Origin; POST /api/action passes a well-formed command to stdout with an id and answers 400 to the rest; events from stdin reach every stream, a late one gets the history; quit on stdout 5 s after the last stream closed; exits when stdin closes
--EXTENSIONS--
memory
--SKIPIF--
<?php
require __DIR__ . '/../inc/memlab.inc';
MemoryLab\Test\skip_unless('node');
?>
--FILE--
<?php
require __DIR__ . '/lab.inc';

use MemoryLab\Lab\Proc;
use MemoryLab\Lab\RunDir;
use MemoryLab\Lab\Ui\NodeUi;
use function MemoryLab\Test\{sse_open, sse_until, post_action};

$root = RunDir::sub('ui');
mkdir("$root/public");
file_put_contents("$root/public/index.html", "<!doctype html><title>page</title>\n");
file_put_contents("$root/public/app.js", "// app\n");
file_put_contents("$root/package.json", json_encode(['dependencies' => ['chartlib' => '1.0.0'], 'devDependencies' => ['tooling' => '1.0.0']]));
foreach (['chartlib', 'tooling'] as $pkg) {
    mkdir("$root/node_modules/$pkg/dist", 0777, true);
    file_put_contents("$root/node_modules/$pkg/dist/$pkg.js", "// $pkg\n");
    file_put_contents("$root/node_modules/$pkg/package.json", '{}');
}
file_put_contents("$root/secret.txt", "secret\n");

$node = proc_open([NodeUi::binary(), __DIR__ . '/../../lab/ui/server.mjs', '--port', '0', '--root', $root],
    [0 => ['pipe', 'r'], 1 => ['pipe', 'w'], 2 => ['file', "$root/stderr", 'w']], $pipes);
[$in, $out] = $pipes;
$pid = proc_get_status($node)['pid'];
register_shutdown_function(fn () => Proc::alive($pid) && Proc::kill($pid, Proc::SIGKILL));
stream_set_timeout($out, 10);
$listening = json_decode((string) fgets($out), true);
$port = $listening['port'];
echo 'says it listens: ', json_encode($listening['cmd']), ', on 127.0.0.1 only: ', json_encode(Proc::listeners($port)['pids'] === [$pid] && str_contains((string) file_get_contents('/proc/net/tcp'), ':' . strtoupper(dechex($port)) . ' ') && preg_match('/0100007F:' . sprintf('%04X', $port) . ' 00000000:0000 0A/', (string) file_get_contents('/proc/net/tcp')) === 1), "\n";

function get(int $port, string $path, string $host = '', array $headers = []): string
{
    $conn = stream_socket_client("tcp://127.0.0.1:$port", $errno, $errstr, 10);
    $host = $host ?: "127.0.0.1:$port";
    fwrite($conn, "GET $path HTTP/1.0\r\nHost: $host\r\n" . implode('', array_map(fn ($h) => "$h\r\n", $headers)) . "\r\n");
    $response = (string) stream_get_contents($conn);
    fclose($conn);
    [$head, $body] = explode("\r\n\r\n", $response, 2) + [1 => ''];
    preg_match('/Content-Type: ([^;\r]*)/i', $head, $m);
    return explode(' ', $head, 3)[1] . ' ' . ($m[1] ?? '-') . ' ' . trim($body);
}
foreach (['/', '/static/app.js', '/static/../secret.txt', '/static/%2e%2e/secret.txt', '/vendor/chartlib/dist/chartlib.js', '/vendor/tooling/dist/tooling.js',
    '/vendor/chartlib/package.json', '/vendor/chartlib/dist/../../../secret.txt', '/static/nothing.js', '/server.mjs', '/%zz'] as $path) {
    echo "GET $path: ", get($port, $path), "\n";
}
echo 'GET / with Host: example.com: ', str_replace(":$port/", ':PORT/', get($port, '/', 'example.com')), "\n";
echo 'GET / with Origin: http://example.com: ', str_replace(":$port/", ':PORT/', get($port, '/', '', ['Origin: http://example.com'])), "\n";

fwrite($in, json_encode(['type' => 'hello', 'lifecycles' => [['id' => 'cli-server']]]) . "\n" . json_encode(['type' => 'sample', 'n' => 1]) . "\n");
$one = sse_open($port);
sse_until($one, fn ($e) => ($e['type'] ?? '') === 'sample');
foreach ([
    ['id' => 7, 'lifecycle' => 'cli-server', 'kind' => 'leak', 'bytes' => '2M'],
    ['lifecycle' => 'cli-server', 'kind' => 'plain'],
    ['id' => 8, 'lifecycle' => 'fpm', 'kind' => 'plain'],
    ['id' => 9, 'lifecycle' => 'cli-server', 'kind' => 'rm -rf'],
    '[1,2]',
    str_repeat('x', 20000),
] as $command) {
    $answer = post_action($port, $command);
    echo 'POST ', is_string($command) ? substr($command, 0, 10) : json_encode($command), ': ', $answer['status'], ' ', json_encode($answer['body']), "\n";
}
stream_set_blocking($out, false);
usleep(200000);
echo "on stdout:\n", stream_get_contents($out);

fwrite($in, json_encode(['type' => 'request', 'id' => 7]) . "\n");
sse_until($one, fn ($e) => ($e['type'] ?? '') === 'request');
$two = sse_open($port);
sse_until($two, fn ($e) => ($e['type'] ?? '') === 'request');
echo 'the late stream got the history: ', json_encode(array_column($two['events'], 'type')), ', the same as the first: ', json_encode($two['events'] === $one['events']), "\n";
fclose($one['conn']);
fclose($two['conn']);
stream_set_blocking($out, true);
$t = microtime(true);
$quit = fgets($out);
echo 'after the last stream closed: ', trim($quit), ' (after 4.5 s or more: ', json_encode(microtime(true) - $t >= 4.5), ")\n";
fclose($in);
for ($deadline = microtime(true) + 10; proc_get_status($node)['running'] && microtime(true) < $deadline; usleep(20000)) {
}
echo 'stdin closed: node exited: ', json_encode(!proc_get_status($node)['running']), ', its stderr: ', json_encode(file_get_contents("$root/stderr")), "\n";
proc_close($node);
?>
--EXPECT--
says it listens: "listening", on 127.0.0.1 only: true
GET /: 200 text/html <!doctype html><title>page</title>
GET /static/app.js: 200 text/javascript // app
GET /static/../secret.txt: 404 text/plain not found
GET /static/%2e%2e/secret.txt: 404 text/plain not found
GET /vendor/chartlib/dist/chartlib.js: 200 text/javascript // chartlib
GET /vendor/tooling/dist/tooling.js: 404 text/plain not found
GET /vendor/chartlib/package.json: 404 text/plain not found
GET /vendor/chartlib/dist/../../../secret.txt: 404 text/plain not found
GET /static/nothing.js: 404 text/plain not found
GET /server.mjs: 404 text/plain not found
GET /%zz: 400 text/plain bad request
GET / with Host: example.com: 403 text/plain only http://127.0.0.1:PORT/
GET / with Origin: http://example.com: 403 text/plain only http://127.0.0.1:PORT/
POST {"id":7,"lifecycle":"cli-server","kind":"leak","bytes":"2M"}: 200 {"ok":true,"id":7}
POST {"lifecycle":"cli-server","kind":"plain"}: 200 {"ok":true,"id":1}
POST {"id":8,"lifecycle":"fpm","kind":"plain"}: 400 {"ok":false,"error":"lifecycle must be one of cli-server"}
POST {"id":9,"lifecycle":"cli-server","kind":"rm -rf"}: 400 {"ok":false,"error":"kind must be one of leak, release, plain, restart"}
POST [1,2]: 400 {"ok":false,"error":"expected a JSON object"}
POST xxxxxxxxxx: 413 {"ok":false,"error":"the body is over 16384 bytes"}
on stdout:
{"cmd":"action","action":{"id":7,"lifecycle":"cli-server","kind":"leak","bytes":"2M"}}
{"cmd":"action","action":{"lifecycle":"cli-server","kind":"plain","id":1}}
the late stream got the history: ["hello","sample","request"], the same as the first: true
after the last stream closed: {"cmd":"quit"} (after 4.5 s or more: true)
stdin closed: node exited: true, its stderr: ""
