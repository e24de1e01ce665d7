<?php

declare(strict_types=1);

namespace MemoryLab\Lab\Ui;

use MemoryLab\Lab\Php;
use MemoryLab\Lab\Proc;
use MemoryLab\Lab\Signals;

/**
 * lab/ui/server.mjs run by node as this process's child, on 127.0.0.1: events go to its stdin
 * as NDJSON, commands come from its stdout as NDJSON (see server.mjs). It runs under
 * `setpriv --pdeathsig TERM`, and exits when its stdin closes, so it never outlives this
 * process.
 */
final class NodeUi
{
    /** @var resource */
    private $process;
    /** @var resource node's stdin */
    private $in;
    /** @var resource node's stdout */
    private $out;
    private int $pid;
    private string $pending = '';
    public readonly int $port;

    /** The node binary: $MEMLAB_NODE, else node on the PATH; null when there is none. */
    public static function binary(): ?string
    {
        $given = getenv('MEMLAB_NODE');
        if ($given !== false && $given !== '') {
            return is_file($given) && is_executable($given) ? $given : null;
        }
        return Php::find('node');
    }

    /** What to say when there is no node. */
    public static function missing(): string
    {
        $given = getenv('MEMLAB_NODE');
        $where = $given !== false && $given !== '' ? "MEMLAB_NODE=$given is not an executable file" : 'node is not installed';
        return "$where; the page's server runs on Node.js: install it with apt-get install nodejs (Debian's package), or name one with MEMLAB_NODE=/path/to/node";
    }

    /**
     * Starts node on $port (0: a free one, which node picks) and waits until it listens;
     * throws \RuntimeException with what node said when it does not.
     */
    public function __construct(string $node, int $port)
    {
        $root = dirname(__DIR__, 2) . '/ui';
        $command = [$node, "$root/server.mjs", '--port', (string) $port, '--root', $root];
        $setpriv = Php::find('setpriv');
        if ($setpriv !== null) {
            $command = array_merge([$setpriv, '--pdeathsig', 'TERM', '--'], $command);
        }
        /* node's stderr is this process's: what it says reaches the terminal. */
        $process = proc_open($command, [0 => ['pipe', 'r'], 1 => ['pipe', 'w'], 2 => STDERR], $pipes, $root);
        if ($process === false) {
            throw new \RuntimeException('cannot start ' . implode(' ', $command));
        }
        $this->process = $process;
        [$this->in, $this->out] = $pipes;
        $this->pid = proc_get_status($process)['pid'];
        stream_set_blocking($this->out, false);
        for ($deadline = microtime(true) + 15; microtime(true) < $deadline;) {
            foreach ($this->messages(0.05) as $message) {
                if (($message['cmd'] ?? '') === 'listening') {
                    $this->port = (int) $message['port'];
                    return;
                }
            }
            if (!$this->running()) {
                $this->stop();
                throw new \RuntimeException('the page\'s server (node) exited as it started (see above)');
            }
            if (Signals::caught() !== null) {
                $this->stop();
                Signals::check();
            }
        }
        $this->stop();
        throw new \RuntimeException('the page\'s server (node) did not listen within 15 s');
    }

    public function pid(): int
    {
        return $this->pid;
    }

    /** node's stdout, for stream_select(). */
    public function output()
    {
        return $this->out;
    }

    public function running(): bool
    {
        return $this->process !== null && proc_get_status($this->process)['running'];
    }

    /** Sends one event; false when node is gone. */
    public function send(array $event): bool
    {
        if ($this->process === null) {
            return false;
        }
        $line = json_encode($event, JSON_UNESCAPED_SLASHES | JSON_INVALID_UTF8_SUBSTITUTE | JSON_PRESERVE_ZERO_FRACTION) . "\n";
        for ($done = 0; $done < strlen($line);) {
            $n = @fwrite($this->in, substr($line, $done));
            if ($n === false || $n === 0) {
                return false;
            }
            $done += $n;
        }
        return true;
    }

    /**
     * The messages node has written, waiting up to $timeout seconds for the first (woken early
     * by a signal). Lines that are not JSON objects are skipped.
     *
     * @return list<array>
     */
    public function messages(float $timeout): array
    {
        if ($this->process === null) {
            return [];
        }
        $read = [$this->out];
        $none = null;
        $ready = @stream_select($read, $none, $none, (int) $timeout, (int) (fmod($timeout, 1.0) * 1e6));
        if ($ready) {
            $this->pending .= (string) fread($this->out, 65536);
        }
        $messages = [];
        while (($nl = strpos($this->pending, "\n")) !== false) {
            $line = substr($this->pending, 0, $nl);
            $this->pending = substr($this->pending, $nl + 1);
            $message = json_decode($line, true);
            if (is_array($message)) {
                $messages[] = $message;
            }
        }
        return $messages;
    }

    /** Closes node's stdin (it exits then), SIGTERM after 2 s, SIGKILL after 2 more. Idempotent. */
    public function stop(): void
    {
        if ($this->process === null) {
            return;
        }
        @fclose($this->in);
        for ($deadline = microtime(true) + 2; $this->running() && microtime(true) < $deadline; usleep(10000)) {
        }
        if ($this->running()) {
            Proc::kill($this->pid, Proc::SIGTERM);
            for ($deadline = microtime(true) + 2; $this->running() && microtime(true) < $deadline; usleep(10000)) {
            }
        }
        if ($this->running()) {
            Proc::kill($this->pid, Proc::SIGKILL);
        }
        @fclose($this->out);
        proc_close($this->process);
        $this->process = null;
    }
}
