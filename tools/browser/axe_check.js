// Check the course website in headless Chromium with axe-core (WCAG 2.0/2.1, levels A and AA).
//   node tools/browser/axe_check.js SITE_DIR OUT_DIR      (`make site-check`)
// Serves SITE_DIR on 127.0.0.1, opens every top-level page in Debian's /usr/bin/chromium (driven by
// playwright-core; no browser is downloaded), in the light and the dark theme, runs axe, records every
// request that leaves 127.0.0.1 (and blocks it), saves a screenshot per page and theme, and writes
// OUT_DIR/axe.json. Exit code 1 if there is a violation not listed with a reason in axe_allowed.json,
// or any external request.
const fs = require('fs');
const path = require('path');
const http = require('http');
const { chromium } = require('playwright-core');

const site = path.resolve(process.argv[2] || '_site');
const out = path.resolve(process.argv[3] || 'build/site-check');
const AXE = require.resolve('axe-core/axe.min.js');
const allowed = JSON.parse(fs.readFileSync(path.join(__dirname, 'axe_allowed.json'), 'utf8'));
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.png': 'image/png',
  '.svg': 'image/svg+xml', '.woff2': 'font/woff2', '.woff': 'font/woff', '.ttf': 'font/ttf', '.json': 'application/json',
  '.ico': 'image/x-icon', '.txt': 'text/plain', '.inv': 'application/octet-stream' };

function serve() {
  const server = http.createServer((req, res) => {
    const rel = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    let file = path.join(site, rel);
    if (!file.startsWith(site)) { res.writeHead(403); return res.end(); }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!fs.existsSync(file)) { res.writeHead(404); return res.end('not found'); }
    res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise(resolve => server.listen(0, '127.0.0.1', () => resolve(server)));
}

(async () => {
  fs.mkdirSync(out, { recursive: true });
  const server = await serve();
  const base = `http://127.0.0.1:${server.address().port}`;
  // index.html only redirects to the root page (checked below); every other page is checked
  const pages = fs.readdirSync(site).filter(f => f.endsWith('.html') && f !== 'index.html').sort();
  const redirect = fs.readFileSync(path.join(site, 'index.html'), 'utf8');
  if (!/http-equiv="refresh"[^>]*url=README\.html/i.test(redirect)) throw new Error('index.html should redirect to README.html');
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium', headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
           '--disable-sync', '--no-first-run', '--disable-quic'] });
  const report = { tags: TAGS, axeVersion: require('axe-core/package.json').version, pages: [], external: [], pageErrors: [] };
  let unexplained = 0;
  for (const theme of ['light', 'dark']) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addInitScript(t => { localStorage.setItem('theme', t); localStorage.setItem('mode', t); }, theme);
    await context.route('**/*', route => {
      const u = new URL(route.request().url());
      if (['127.0.0.1', 'localhost'].includes(u.hostname) || ['data:', 'blob:'].includes(u.protocol)) return route.continue();
      report.external.push(route.request().url());
      return route.abort();
    });
    for (const name of pages) {
      const page = await context.newPage();
      page.on('pageerror', e => report.pageErrors.push(`${name}: ${e.message}`));
      await page.goto(`${base}/${name}`, { waitUntil: 'load' });
      await page.waitForTimeout(300);
      const shown = await page.evaluate(() => document.documentElement.dataset.theme || document.documentElement.dataset.mode);
      await page.addScriptTag({ path: AXE });
      const result = await page.evaluate(async tags => {
        const r = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
        return r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length,
          targets: v.nodes.slice(0, 3).map(n => n.target.join(' ')), summary: v.nodes[0]?.failureSummary?.slice(0, 300) }));
      }, TAGS);
      for (const v of result) {
        v.allowedBecause = allowed[v.id] || null;
        if (!v.allowedBecause) unexplained += 1;
      }
      report.pages.push({ page: name, theme, themeShown: shown, violations: result });
      await page.screenshot({ path: path.join(out, `${name.replace('.html', '')}-${theme}.png`) });
      console.log(`${theme.padEnd(5)} ${name.padEnd(32)} ${result.length ? result.map(v => `${v.id} (${v.nodes})`).join(', ') : 'no violations'}`);
      await page.close();
    }
    await context.close();
  }
  await browser.close();
  server.close();
  fs.writeFileSync(path.join(out, 'axe.json'), JSON.stringify(report, null, 1));
  console.log(`axe-core ${report.axeVersion}, ${TAGS.join(' ')}: ${report.pages.length} page views, ` +
    `${report.pages.reduce((n, p) => n + p.violations.length, 0)} violations (${unexplained} without a listed reason), ` +
    `${report.external.length} external requests, ${report.pageErrors.length} page errors; report ${path.join(out, 'axe.json')}`);
  if (report.external.length) console.log('external:', [...new Set(report.external)].slice(0, 10));
  if (report.pageErrors.length) console.log('page errors:', report.pageErrors.slice(0, 5));
  process.exit(unexplained || report.external.length ? 1 : 0);
})().catch(e => { console.error(e); process.exit(2); });
