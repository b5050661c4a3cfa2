// Page weights as a browser sees them: every response a page needs until the network is quiet, raw (decoded)
// and on the wire (as sent, after Content-Encoding). Run after a build: node weigh.js
import { openBrowser } from './support/browser.js';
import { startService } from './support/service.js';

const pages = [
  ['explorer, empty', '/explore'],
  ['explorer, ML → Cloud path', '/explore?from=machine-learning-engineer&to=cloud-engineer'],
  ['GraphQL IDE', '/graphql'],
];

const service = await startService();
const browser = await openBrowser(service.baseUrl);
try {
  for (const [name, path] of pages) {
    const page = await browser.context.newPage();
    const responses = [];
    page.on('requestfinished', request => responses.push(request));
    const painted = page.goto(`${service.baseUrl}${path}`, { waitUntil: 'load' });
    await painted;
    const firstScreen = responses.length;
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(1000);
    let raw = 0;
    let wire = 0;
    let rawFirst = 0;
    let wireFirst = 0;
    for (const [index, request] of responses.entries()) {
      if (!request.url().startsWith(service.baseUrl) || request.url().endsWith('/graphql') && request.method() === 'POST') continue;
      const response = await request.response();
      const body = await response.body().catch(() => Buffer.alloc(0));
      const sent = (await request.sizes()).responseBodySize;
      raw += body.length;
      wire += sent;
      if (index < firstScreen) {
        rawFirst += body.length;
        wireFirst += sent;
      }
    }
    const kb = bytes => `${(bytes / 1024).toFixed(0)} KiB`;
    console.log(`${name}: until load ${kb(rawFirst)} raw, ${kb(wireFirst)} on the wire; in all ${kb(raw)} raw, ${kb(wire)} on the wire`);
    await page.close();
  }
} finally {
  await browser.close();
  await service.stop();
}
