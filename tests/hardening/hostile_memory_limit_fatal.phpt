--TEST--
leak_emalloc(): sizes that pass the checks but not memory_limit end in PHP's fatal (exit 255), never a signal; the allocator hazards stay guarded
--EXTENSIONS--
memory
--FILE--
<?php
require __DIR__ . '/../inc/memlab.inc';

/* PHP 8.5 ends a fatal error with its stack trace (INI fatal_error_backtraces, on by default);
 * 8.2 to 8.4 print none. The trace this PHP prints after a fatal error in $call, or ''. */
function fatal_trace(string $call): string
{
    return PHP_VERSION_ID >= 80500 ? " Stack trace: #0 Command line code(1): $call #1 {main}" : '';
}

/* Each case runs in its own php process, so a fatal ends that process only. The exit status
 * tells a fatal (255) from a signal (Exec: 128 + N); a case that ran for 60 s would be killed
 * and reported. Only stdout is shown: display_errors=1 prints PHP's errors there. $fatalIn is
 * the call that ends in a fatal error: its stack trace is checked against this PHP's and
 * printed on a line of its own. */
function run_case(string $code, string $limit, bool $strict, string $fatalIn = ''): void
{
    $so = MemoryLab\Lab\Php::memorySo();
    $code = ($strict ? 'declare(strict_types=1); ' : '') . $code;
    $cmd = [PHP_BINARY, '-n', '-d', "extension=$so", '-d', "memory_limit=$limit",
        '-d', 'display_errors=1', '-d', 'log_errors=0', '-r', $code];
    $run = MemoryLab\Lab\Exec::run($cmd, 60);
    if ($run['timed_out']) {
        echo "  still running after 60 s: killed\n";
    }
    $out = trim(preg_replace('/\s+/', ' ', $run['stdout']));
    if ($fatalIn !== '') {
        $trace = fatal_trace($fatalIn);
        if ($trace === '' || str_ends_with($out, $trace)) {
            $out = substr($out, 0, strlen($out) - strlen($trace)) . "\n  this PHP's stack trace (8.5+: #0 $fatalIn #1 {main}; before: none)";
        }
    }
    echo '  ', $out, "\n";
    echo '  ', $run['status'] > 128 && $run['status'] < 255 ? 'killed by signal ' . ($run['status'] - 128) : "exit status {$run['status']}", "\n";
}

foreach ([false, true] as $strict) {
    echo '--- strict_types=', (int) $strict, "\n";
    echo "leak_emalloc(16M) with memory_limit=16M (the size passes, the heap already holds some):\n";
    run_case('leak_emalloc(16 * 1024 * 1024); echo "not reached\n";', '16M', $strict, 'leak_emalloc(16777216)');
    echo "leak_emalloc(4M) in a loop with memory_limit=16M:\n";
    run_case('for ($i = 1; $i <= 100; $i++) { leak_emalloc(4 * 1024 * 1024); echo "$i "; }', '16M', $strict, 'leak_emalloc(4194304)');
    echo "leak_emalloc(2 x memory_limit + 1), beyond Debian's hard limit:\n";
    run_case('try { leak_emalloc(32 * 1024 * 1024 + 1); } catch (ValueError $e) { echo $e->getMessage(); }', '16M', $strict);
    echo "leak_emalloc(PHP_INT_MAX) with memory_limit=-1:\n";
    run_case('try { leak_emalloc(PHP_INT_MAX); } catch (ValueError $e) { echo $e->getMessage(); }', '-1', $strict);
}
?>
--EXPECTF--
--- strict_types=0
leak_emalloc(16M) with memory_limit=16M (the size passes, the heap already holds some):
  Fatal error: Allowed memory size of 16777216 bytes exhausted%S (tried to allocate %d bytes) in Command line code on line 1
  this PHP's stack trace (8.5+: #0 leak_emalloc(16777216) #1 {main}; before: none)
  exit status 255
leak_emalloc(4M) in a loop with memory_limit=16M:
  %s Fatal error: Allowed memory size of 16777216 bytes exhausted%S (tried to allocate %d bytes) in Command line code on line 1
  this PHP's stack trace (8.5+: #0 leak_emalloc(4194304) #1 {main}; before: none)
  exit status 255
leak_emalloc(2 x memory_limit + 1), beyond Debian's hard limit:
  leak_emalloc(): Argument #1 ($bytes) must be at most memory_limit (16777216 bytes)
  exit status 0
leak_emalloc(PHP_INT_MAX) with memory_limit=-1:
  leak_emalloc(): Argument #1 ($bytes) must be at most %d (the physical memory of this machine)
  exit status 0
--- strict_types=1
leak_emalloc(16M) with memory_limit=16M (the size passes, the heap already holds some):
  Fatal error: Allowed memory size of 16777216 bytes exhausted%S (tried to allocate %d bytes) in Command line code on line 1
  this PHP's stack trace (8.5+: #0 leak_emalloc(16777216) #1 {main}; before: none)
  exit status 255
leak_emalloc(4M) in a loop with memory_limit=16M:
  %s Fatal error: Allowed memory size of 16777216 bytes exhausted%S (tried to allocate %d bytes) in Command line code on line 1
  this PHP's stack trace (8.5+: #0 leak_emalloc(4194304) #1 {main}; before: none)
  exit status 255
leak_emalloc(2 x memory_limit + 1), beyond Debian's hard limit:
  leak_emalloc(): Argument #1 ($bytes) must be at most memory_limit (16777216 bytes)
  exit status 0
leak_emalloc(PHP_INT_MAX) with memory_limit=-1:
  leak_emalloc(): Argument #1 ($bytes) must be at most %d (the physical memory of this machine)
  exit status 0
