/*
 * The browser half of tests/ui/ui_browser.phpt: drives ./memlab lab's page in Debian's chromium
 * (headless, through playwright-core from lab/ui/node_modules) the way a person would, with its
 * buttons, and prints one line per claim, read from the page (window.memlab, the data its
 * charts draw, and its DOM) and checked against /proc where the page shows a process's figure.
 *
 *   node tests/ui/browser.mjs URL SHOTS PROFILE PIDS
 *
 * URL: the page; SHOTS: the folder the screenshots go to; PROFILE: a new, empty folder for
 * chromium's profile (--user-data-dir); PIDS: a file this writes with every pid the page showed,
 * so that the caller can check they are all gone once the lab stopped. Exits 1 after a "FAIL"
 * line when a step cannot finish (each wait is bounded); chromium is closed in every outcome.
 */
import {createRequire} from 'node:module';
import {readFileSync, writeFileSync} from 'node:fs';

const require = createRequire(new URL('../../lab/ui/package.json', import.meta.url));
const {chromium} = require('playwright-core');

const [url, shots, profile, pidsFile] = process.argv.slice(2);
if (!pidsFile) {
  console.error('usage: node tests/ui/browser.mjs URL SHOTS PROFILE PIDS');
  process.exit(2);
}

const KIB = 2052;           // one leak_malloc(2M): 2 MiB plus the page glibc's mmap adds, in KiB
const WAIT = 30000;         // the longest a step may wait for the page, ms
const problems = [];        // the page's own JavaScript errors

function say(line) {
  console.log(line);
}

/* VmSize of a process, in KiB, read from /proc/PID/status; null when it is gone. */
function vmSize(pid) {
  try {
    const m = /^VmSize:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

const browser = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
  viewport: {width: 1600, height: 1000},
});
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) {
  process.on(signal, () => browser.close().finally(() => process.exit(1)));
}

/* The page's state, as plain data. */
const state = (page, fn, arg) => page.evaluate(fn, arg);

/* Waits until fn(arg) is true in the page; false after WAIT ms. */
async function until(page, fn, arg) {
  try {
    await page.waitForFunction(fn, arg, {timeout: WAIT, polling: 50});
    return true;
  } catch {
    return false;
  }
}

function fail(why) {
  throw new Error(why);
}

/* Presses BUTTON of LIFECYCLE and waits for the request event it caused; returns that event. */
async function press(page, lifecycle, button) {
  const before = await state(page, (id) => window.memlab.lifecycles[id].requests.length, lifecycle);
  await page.locator(`#lc-${lifecycle} button[name=${button}]`).click();
  if (!await until(page, ([id, n]) => window.memlab.lifecycles[id].requests.length > n, [lifecycle, before])) {
    fail(`${lifecycle}: no answer to ${button} within ${WAIT} ms`);
  }
  return state(page, ([id, n]) => window.memlab.lifecycles[id].requests[n], [lifecycle, before]);
}

/*
 * The readout of LIFECYCLE's last request (window.memlab's step and the text the page shows),
 * once it has the step of request ID.
 */
async function stepOf(page, lifecycle, id) {
  if (!await until(page, ([lc, id]) => {
    const s = window.memlab.lifecycles[lc].step;
    return s && s.id === id;
  }, [lifecycle, id])) {
    fail(`${lifecycle}: no step readout for request ${id}`);
  }
  return state(page, (lc) => Object.assign({shown: document.querySelector(`#lc-${lc} .step`).textContent},
    window.memlab.lifecycles[lc].step), lifecycle);
}

/*
 * The time axis of every chart of LIFECYCLE as drawn: each label the time of day with seconds,
 * no two alike, and room between neighbours for the widest (measured in the axis's font); and
 * the hover legend's time, the cursor put in the middle of the VIRT chart.
 */
async function timeAxes(page, lifecycle) {
  return state(page, (lc) => {
    const out = {labels: [], formatted: true, apart: true, legend: null};
    for (const metric of ['vsz_kb', 'rss_kb', 'pss_kb', 'zend']) {
      const u = window.memlab.plot(lc, metric);
      if (!u) {
        continue;
      }
      const x = u.axes[0];
      const labels = x._values || [];
      const splits = (x._splits || []).filter((t) => t >= u.scales.x.min && t <= u.scales.x.max);
      out.labels.push(...labels);
      out.formatted &&= labels.length > 0 && labels.every((l) => /^\d\d:\d\d:\d\d$/.test(l)) && new Set(labels).size === labels.length;
      u.ctx.save();
      u.ctx.font = x.font[0];
      const widest = Math.max(...labels.map((l) => u.ctx.measureText(l).width)) / devicePixelRatio;
      u.ctx.restore();
      for (let i = 1; i < splits.length; i++) {
        out.apart &&= u.valToPos(splits[i], 'x') - u.valToPos(splits[i - 1], 'x') >= widest + 4;
      }
    }
    const u = window.memlab.plot(lc, 'vsz_kb');
    u.setCursor({left: u.bbox.width / devicePixelRatio / 2, top: 10});
    out.legend = u.root.querySelector('.u-legend .u-series:first-child .u-value').textContent;
    return out;
  }, lifecycle);
}

/* Sets the leak form of LIFECYCLE. */
async function form(page, lifecycle, {allocator, bytes, count, touch}) {
  const f = page.locator(`#lc-${lifecycle} form`);
  if (allocator !== undefined) {
    await f.locator('select[name=allocator]').selectOption(allocator);
  }
  if (bytes !== undefined) {
    await f.locator('input[name=bytes]').fill(bytes);
  }
  if (count !== undefined) {
    await f.locator('input[name=count]').fill(count);
  }
  if (touch !== undefined) {
    await f.locator('input[name=touch]').setChecked(touch);
  }
}

/* The VIRT (KiB) of PID in LIFECYCLE as the page's data has it at its first sample taken after T ms. */
async function virtAfter(page, lifecycle, pid, t) {
  const ok = await until(page, ([id, p, t]) => {
    const s = window.memlab.lifecycles[id].pids[p];
    return s && s.t.length && s.t[s.t.length - 1] > t;
  }, [lifecycle, pid, t]);
  if (!ok) {
    fail(`${lifecycle}: no sample of pid ${pid} after ${t} ms`);
  }
  return state(page, ([id, p, t]) => {
    const s = window.memlab.lifecycles[id].pids[p];
    const i = s.t.findIndex((x) => x > t);
    return s.vsz_kb[i];
  }, [lifecycle, pid, t]);
}

let status = 0;
let page = null;
try {
  page = browser.pages()[0] || await browser.newPage();
  page.on('pageerror', (e) => problems.push(e.message));
  const outside = [];
  page.on('request', (r) => {
    if (!r.url().startsWith(url) && !r.url().startsWith('data:')) {
      outside.push(r.url());
    }
  });
  await page.goto(url);
  if (!await until(page, () => window.memlab && window.memlab.hello && window.memlab.connected)) {
    fail('the page got no hello event');
  }
  const lifecycles = await state(page, () => window.memlab.hello.lifecycles.map((l) => l.id));
  say(`lifecycles: ${lifecycles.filter((id) => id !== 'swoole').join(', ')}`);
  const explained = await state(page, () => Array.from(document.querySelectorAll('.lifecycle .explain'))
    .every((p) => p.textContent.split(/[.!?](\s|$)/).filter((s) => s.trim()).length >= 2));
  say(`every lifecycle has its sentences under it: ${explained}`);

  // php -S: a plain request first (a fresh server maps some of its own memory on its first
  // requests), then five presses of malloc 2M, each its own request.
  const plain = await press(page, 'cli-server', 'plain');
  const server = plain.pid;
  say(`php -S: the plain request was served by the server pid: ${server != null && plain.ok}`);
  const base = await virtAfter(page, 'cli-server', server, plain.t);
  await form(page, 'cli-server', {allocator: 'malloc', bytes: '2M', count: '1', touch: false});
  let last = null;
  for (let i = 0; i < 5; i++) {
    last = await press(page, 'cli-server', 'leak');
    if (!last.ok || last.pid !== server) {
      fail(`php -S: malloc press ${i + 1}: ${JSON.stringify(last)}`);
    }
  }
  const afterMalloc = await virtAfter(page, 'cli-server', server, last.t);
  say(`php -S: 5 x malloc 2M: the page's VIRT of pid ${server} rose by ${(afterMalloc - base).toLocaleString('en-US')} KiB ` +
    `= 5 x ${KIB.toLocaleString('en-US')} KiB: ${afterMalloc - base === 5 * KIB}`);
  const mallocStep = await stepOf(page, 'cli-server', last.id);
  say(`php -S: the last request's readout: ${mallocStep.shown.replace(/\(\d+\)/, '(N)').replace(/RES [+−][\d,]+ KiB/, 'RES R KiB').replace(`pid ${server}`, 'pid SERVER')}` +
    `: ${mallocStep.vsz_kb === KIB && mallocStep.pid === server}`);
  // The page shows what /proc says: its newest sample against VmSize read now (nothing runs on that server now).
  const shownNow = await virtAfter(page, 'cli-server', server, (await state(page, () => Date.now() - window.memlab.hello.started)));
  say(`php -S: the page's VIRT is /proc/${server}/status's VmSize: ${shownNow === vmSize(server)}`);
  const virtText = await page.locator('#lc-cli-server .chart[data-metric=vsz_kb] .u-legend').textContent();
  say(`php -S: the VIRT chart has a line for pid ${server}: ${virtText.includes(`pid ${server}`)}`);

  // emalloc: reclaimed at the end of each request, so VIRT stays where it was.
  await form(page, 'cli-server', {allocator: 'emalloc'});
  for (let i = 0; i < 5; i++) {
    last = await press(page, 'cli-server', 'leak');
    if (!last.ok) {
      fail(`php -S: emalloc press ${i + 1}: ${JSON.stringify(last)}`);
    }
  }
  const afterEmalloc = await virtAfter(page, 'cli-server', server, last.t);
  say(`php -S: 5 x emalloc 2M: VIRT stayed flat: ${afterEmalloc === afterMalloc} (${afterEmalloc - afterMalloc} KiB)`);
  const emallocStep = await stepOf(page, 'cli-server', last.id);
  say(`php -S: the last request's readout: ${emallocStep.shown.replace(/\(\d+\)/, '(N)').replace(/RES [+−][\d,]+ KiB/, 'RES R KiB').replace(`pid ${server}`, 'pid SERVER')}` +
    `: ${emallocStep.vsz_kb === 0}`);
  const axes = await timeAxes(page, 'cli-server');
  say(`php -S: the charts' time labels read like ${axes.labels[0]}: ${axes.formatted}, none overlap: ${axes.apart}; ` +
    `the hover legend's time has seconds: ${/^\d\d:\d\d:\d\d\.\d$/.test(axes.legend)}`);

  // Bad input: the lab's message beside the leak button; the charts keep running.
  const maxLeak = await state(page, () => window.memlab.hello.limits.max_leak);
  const bad = [
    {bytes: 'abc', count: '1', what: 'size "abc"'},
    {bytes: '1.5M', count: '1', what: 'size "1.5M"'},
    {bytes: '2M', count: '0', what: 'count "0"'},
    {bytes: '2M', count: '-5', what: 'count "-5"'},
    {bytes: '2M', count: 'two', what: 'count "two"'},
    {bytes: `${Math.floor(maxLeak / 1048576) + 1}M`, count: '1', what: 'a size 1 MiB beyond memory.max_leak'},
  ];
  for (const input of bad) {
    await form(page, 'cli-server', {allocator: 'malloc', bytes: input.bytes, count: input.count});
    const e = await press(page, 'cli-server', 'leak');
    const msg = page.locator('#lc-cli-server .msg[data-for=leak]');
    const shown = await msg.textContent();
    const red = await msg.evaluate((el) => el.classList.contains('error'));
    say(`bad input, ${input.what}: refused: ${!e.ok}; beside the button, in red: ` +
      `${red && !!e.error && shown.includes(e.error)}: ${e.error}`);
  }
  const running = await state(page, ([id, p]) => ({n: window.memlab.lifecycles[id].pids[p].t.length, r: window.memlab.renders}), ['cli-server', server]);
  await page.waitForTimeout(1500);
  const still = await state(page, ([id, p]) => ({n: window.memlab.lifecycles[id].pids[p].t.length, r: window.memlab.renders}), ['cli-server', server]);
  say(`after the bad input the samples and the charts go on: ${still.n > running.n && still.r > running.r}`);
  await form(page, 'cli-server', {bytes: '2M', count: '1'});

  // php-fpm with pm.max_requests: malloc until a child is recycled; its line stays, finished, with its lifetime.
  await form(page, 'fpm', {allocator: 'malloc', bytes: '2M'});
  let recycled = null;
  for (let i = 0; i < 40 && !recycled; i++) {
    await press(page, 'fpm', 'leak');
    recycled = await state(page, () => Object.values(window.memlab.lifecycles.fpm.pids)
      .map((p) => p.exit).find((e) => e && e.why === 'recycled') || null);
  }
  if (!recycled) {
    recycled = await until(page, () => Object.values(window.memlab.lifecycles.fpm.pids).some((p) => p.exit && p.exit.why === 'recycled'))
      ? await state(page, () => Object.values(window.memlab.lifecycles.fpm.pids).map((p) => p.exit).find((e) => e && e.why === 'recycled'))
      : fail('fpm: no child was recycled after 40 requests');
  }
  const lives = await page.locator('#lc-fpm .lives').textContent();
  say(`php-fpm: a recycled child is listed with its requests and peak: ${lives.includes(`pid ${recycled.pid}`) && lives.includes('recycled')
    && lives.includes(`${recycled.requests} request`) && lives.includes('peak')}`);
  const finished = await until(page, (pid) => {
    const legend = document.querySelector('#lc-fpm .chart[data-metric=vsz_kb] .u-legend');
    return legend && legend.textContent.includes(`pid ${pid} child · recycled`);
  }, recycled.pid);
  say(`php-fpm: its line stays on the VIRT chart, finished: ${finished}`);

  // The worker: emalloc 2M until memory_limit kills it; the page shows it dead with the fatal's text.
  await form(page, 'worker', {allocator: 'emalloc', bytes: '2M', count: '1'});
  let presses = 0;
  for (; presses < 60; presses++) {
    if (await state(page, () => window.memlab.lifecycles.worker.state === 'dead')) {
      break;
    }
    await press(page, 'worker', 'leak');
  }
  if (!await until(page, () => window.memlab.lifecycles.worker.state === 'dead')) {
    fail(`worker: not dead after ${presses} presses of emalloc 2M`);
  }
  const dead = await state(page, () => {
    const s = document.getElementById('lc-worker');
    return {
      badge: s.querySelector('.state').textContent,
      message: s.querySelector('.state-message').textContent,
      restart: !s.querySelector('button[name=restart]').hidden && !s.querySelector('button[name=restart]').disabled,
    };
  });
  say(`worker: dead after ${presses} presses of emalloc 2M: badge "${dead.badge}", the fatal shown: ` +
    `${/Allowed memory size of \d+ bytes exhausted/.test(dead.message)}, a restart button: ${dead.restart}`);
  const stale = await press(page, 'worker', 'leak');
  const staleShown = await page.locator('#lc-worker .msg[data-for=leak]').textContent();
  say(`worker: a press while dead is answered beside the button: ${!stale.ok && staleShown.includes('restart it first')}`);
  await page.waitForTimeout(1000);
  await page.screenshot({path: `${shots}/lab.png`, fullPage: true});

  // A second tab sees the same history.
  const tab = await browser.newPage();
  tab.on('pageerror', (e) => problems.push('second tab: ' + e.message));
  await tab.goto(url);
  const ids = await state(page, () => Object.keys(window.memlab.requests).sort().join(','));
  const same = await until(tab, (want) => window.memlab && Object.keys(window.memlab.requests).sort().join(',') === want
    && window.memlab.lifecycles.worker.state === 'dead', ids);
  say(`a second tab shows the same requests and the dead worker: ${same}`);
  await tab.close();

  // Restart the worker from the page: a new pid serves.
  const oldWorker = await state(page, () => Object.values(window.memlab.lifecycles.worker.pids).map((p) => p.pid));
  await page.locator('#lc-worker button[name=restart]').click();
  const back = await until(page, (old) => window.memlab.lifecycles.worker.state === 'running'
    && Object.keys(window.memlab.lifecycles.worker.pids).some((p) => !old.includes(Number(p))), oldWorker);
  const served = back ? await press(page, 'worker', 'plain') : null;
  say(`worker: restarted from the page, a new pid serves: ${back && served.ok && !oldWorker.includes(served.pid)}`);
  const cleared = await state(page, () => document.querySelector('#lc-worker .msg[data-for=leak]').textContent);
  say(`worker: running again, the stale error beside the leak button is gone: ${cleared === ''}${cleared ? ' (' + cleared + ')' : ''}`);
  await page.screenshot({path: `${shots}/lab-restarted.png`, fullPage: true});

  say(`loaded nothing from outside the lab: ${outside.length === 0}${outside.length ? ' ' + outside.join(' ') : ''}`);
  say(`no JavaScript error on the page: ${problems.length === 0}${problems.length ? ' ' + problems.join('; ') : ''}`);
} catch (e) {
  say(`FAIL: ${e.message}`);
  status = 1;
  if (page) {
    await page.screenshot({path: `${shots}/failed.png`, fullPage: true}).catch(() => {});
  }
} finally {
  if (page) {
    const pids = await state(page, () => Object.values(window.memlab.lifecycles || {})
      .flatMap((l) => Object.keys(l.pids).map(Number))).catch(() => []);
    writeFileSync(pidsFile, JSON.stringify(pids));
  }
  await browser.close();
}
process.exit(status);
