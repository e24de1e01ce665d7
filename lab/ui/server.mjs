// The HTTP side of `./memlab lab`: serves the page and streams the lab's events to it.
//
// Run by lab/src/Ui/Dashboard.php as its child, never by hand:
//   node server.mjs --port N (0: a free one) --root DIR (lab/ui)
// It binds 127.0.0.1 only and talks to the PHP process over its pipes:
//   stdin   NDJSON events from PHP (hello, sample, request, exit, state); each one is kept in
//           memory and sent to every SSE client; a client that connects later gets them all
//           first, so two tabs see the same data
//   stdout  NDJSON messages to PHP: {"cmd":"listening","port":N} once it listens, then the
//           commands that browsers POST, and {"cmd":"quit"} 5 s after the last SSE client left
//           (unless one came back)
//   stderr  one line when something goes wrong (a port taken, a bad event)
// Routes: GET / (public/index.html), GET /static/* (public/*), GET /vendor/PKG/dist/* (a
// "dependencies" package's dist files from node_modules), GET /events (text/event-stream),
// POST /api/action (a JSON command: 200 {"ok":true,"id":N} or 400 {"ok":false,"error":...});
// anything else 404. Only the standard library: node:http, node:fs, node:path.
// It exits when PHP closes its stdin, and on SIGTERM or SIGINT.

import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

const KINDS = new Set(['leak', 'release', 'plain', 'restart']);
const MAX_BODY = 16 * 1024;
const QUIT_AFTER_MS = 5000;
const KEEPALIVE_MS = 15000;
// The history a new client gets first is bounded: past this many events the oldest tenth goes
// (hello, the first, stays). At about 5 events a second that is several hours.
const MAX_HISTORY = 100000;
const TYPES = {
    '.html': 'text/html; charset=utf-8',
    '.js': 'text/javascript; charset=utf-8',
    '.mjs': 'text/javascript; charset=utf-8',
    '.css': 'text/css; charset=utf-8',
    '.json': 'application/json',
    '.png': 'image/png',
    '.svg': 'image/svg+xml',
    '.ico': 'image/x-icon',
};

function arg(name, fallback) {
    const at = process.argv.indexOf(`--${name}`);
    return at > 0 && at + 1 < process.argv.length ? process.argv[at + 1] : fallback;
}

const root = path.resolve(arg('root', path.dirname(new URL(import.meta.url).pathname)));
const publicDir = path.join(root, 'public');
const modulesDir = path.join(root, 'node_modules');
const wantedPort = Number(arg('port', '0'));
if (!Number.isInteger(wantedPort) || wantedPort < 0 || wantedPort > 65535) {
    process.stderr.write(`server.mjs: --port ${arg('port')}: expected 0 to 65535\n`);
    process.exit(2);
}

/** Packages whose dist files /vendor serves: the "dependencies" of lab/ui/package.json. */
function vendorPackages() {
    try {
        const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
        return new Set(Object.keys(pkg.dependencies || {}));
    } catch {
        return new Set();
    }
}
const vendors = vendorPackages();

const history = [];   // every event line from PHP, as sent
const clients = new Set();
let hadClient = false;
let quitTimer = null;
let lifecycles = new Set();
let nextId = 1;

function send(message) {
    process.stdout.write(JSON.stringify(message) + '\n');
}

function broadcast(line) {
    for (const res of clients) {
        res.write(`data: ${line}\n\n`);
    }
}

// Events from PHP, one JSON object per line.
let pending = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
    pending += chunk;
    let nl;
    while ((nl = pending.indexOf('\n')) >= 0) {
        const line = pending.slice(0, nl).trim();
        pending = pending.slice(nl + 1);
        if (line === '') {
            continue;
        }
        let event;
        try {
            event = JSON.parse(line);
        } catch {
            process.stderr.write(`server.mjs: not JSON from PHP: ${line.slice(0, 200)}\n`);
            continue;
        }
        if (event.type === 'hello' && Array.isArray(event.lifecycles)) {
            lifecycles = new Set(event.lifecycles.map((l) => l.id));
        }
        history.push(line);
        if (history.length > MAX_HISTORY) {
            history.splice(1, MAX_HISTORY / 10);
        }
        broadcast(line);
    }
});
process.stdin.on('end', () => process.exit(0));
for (const sig of ['SIGTERM', 'SIGINT', 'SIGHUP']) {
    process.on(sig, () => process.exit(0));
}

function reply(res, status, type, body) {
    res.writeHead(status, {
        'Content-Type': type,
        'Content-Length': Buffer.byteLength(body),
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
    });
    res.end(body);
}

function json(res, status, value) {
    reply(res, status, 'application/json', JSON.stringify(value));
}

/** Serves FILE when it lies inside DIR (no ".." escapes, no symlink out); else 404. */
function serveFile(res, dir, relative) {
    let body;
    let file;
    try {
        const base = fs.realpathSync(dir);
        file = fs.realpathSync(path.join(base, relative));
        if (!file.startsWith(base + path.sep) || !fs.statSync(file).isFile()) {
            return reply(res, 404, 'text/plain', 'not found\n');
        }
        body = fs.readFileSync(file);
    } catch {
        return reply(res, 404, 'text/plain', 'not found\n');
    }
    reply(res, 200, TYPES[path.extname(file)] || 'application/octet-stream', body);
}

function clientGone(res) {
    clients.delete(res);
    if (clients.size === 0 && hadClient && quitTimer === null) {
        quitTimer = setTimeout(() => send({ cmd: 'quit' }), QUIT_AFTER_MS);
    }
}

function events(req, res) {
    res.writeHead(200, {
        'Content-Type': 'text/event-stream',
        'Cache-Control': 'no-store',
        Connection: 'keep-alive',
        'X-Accel-Buffering': 'no',
    });
    res.write(': memlab lab\n\n');
    for (const line of history) {
        res.write(`data: ${line}\n\n`);
    }
    clients.add(res);
    hadClient = true;
    if (quitTimer !== null) {
        clearTimeout(quitTimer);
        quitTimer = null;
    }
    req.socket.setNoDelay(true);
    res.on('close', () => clientGone(res));
}

/** The command of a POST body, or a string saying what is wrong with it. */
function command(body) {
    let cmd;
    try {
        cmd = JSON.parse(body);
    } catch {
        return 'the body is not JSON';
    }
    if (cmd === null || typeof cmd !== 'object' || Array.isArray(cmd)) {
        return 'expected a JSON object';
    }
    if (!KINDS.has(cmd.kind)) {
        return `kind must be one of ${[...KINDS].join(', ')}`;
    }
    if (!lifecycles.has(cmd.lifecycle)) {
        return `lifecycle must be one of ${[...lifecycles].join(', ')}`;
    }
    if (cmd.id === undefined || cmd.id === null) {
        cmd.id = nextId++;
    } else if (!Number.isSafeInteger(cmd.id) || cmd.id < 0) {
        return 'id must be a whole number';
    }
    return cmd;
}

function action(req, res) {
    let body = '';
    let tooLong = false;
    req.setEncoding('utf8');
    req.on('data', (chunk) => {
        if (!tooLong) {
            body += chunk;
            tooLong = body.length > MAX_BODY;
        }
    });
    req.on('end', () => {
        if (tooLong) {
            return json(res, 413, { ok: false, error: `the body is over ${MAX_BODY} bytes` });
        }
        const cmd = command(body);
        if (typeof cmd === 'string') {
            return json(res, 400, { ok: false, error: cmd });
        }
        send({ cmd: 'action', action: cmd });
        json(res, 200, { ok: true, id: cmd.id });
    });
}

/** Only this machine, by name too: a page of another site that names 127.0.0.1 gets nothing. */
function hostAllowed(req, port) {
    const host = String(req.headers.host || '');
    const allowed = [`127.0.0.1:${port}`, `localhost:${port}`];
    if (!allowed.includes(host)) {
        return false;
    }
    const origin = req.headers.origin;
    return origin === undefined || allowed.some((a) => origin === `http://${a}`);
}

const server = http.createServer((req, res) => {
    try {
        route(req, res);
    } catch (e) {
        process.stderr.write(`server.mjs: ${req.method} ${req.url}: ${e.stack || e}\n`);
        if (!res.headersSent) {
            reply(res, 500, 'text/plain', 'internal error\n');
        }
    }
});

function route(req, res) {
    const port = server.address().port;
    if (!hostAllowed(req, port)) {
        return reply(res, 403, 'text/plain', 'only http://127.0.0.1:' + port + '/\n');
    }
    let p;
    try {
        p = decodeURIComponent(new URL(req.url, `http://127.0.0.1:${port}`).pathname);
    } catch {
        return reply(res, 400, 'text/plain', 'bad request\n');
    }
    if (req.method === 'POST' && p === '/api/action') {
        return action(req, res);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
        return reply(res, 405, 'text/plain', 'method not allowed\n');
    }
    if (p === '/events') {
        return events(req, res);
    }
    if (p === '/' || p === '/index.html') {
        return serveFile(res, publicDir, 'index.html');
    }
    if (p.startsWith('/static/')) {
        return serveFile(res, publicDir, p.slice('/static/'.length));
    }
    const vendor = /^\/vendor\/([a-z0-9._-]+)\/(dist\/.+)$/i.exec(p);
    if (vendor && vendors.has(vendor[1])) {
        return serveFile(res, path.join(modulesDir, vendor[1]), vendor[2]);
    }
    reply(res, 404, 'text/plain', 'not found\n');
}

server.on('error', (e) => {
    process.stderr.write(`server.mjs: cannot listen on 127.0.0.1:${wantedPort}: ${e.code === 'EADDRINUSE' ? 'the port is taken' : e.message}\n`);
    process.exit(1);
});
server.listen(wantedPort, '127.0.0.1', () => {
    send({ cmd: 'listening', port: server.address().port });
});
setInterval(() => {
    for (const res of clients) {
        res.write(': keepalive\n\n');
    }
}, KEEPALIVE_MS).unref();
