// The explorer keeps the drawn path current: a curator renames a career on it, and the open page shows the new name
// without being reloaded (graphChanged over Server-Sent Events).
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { openBrowser, screenshotPath } from './support/browser.js';
import { graphql, startService } from './support/service.js';

const curatorKey = 'browser-test-curator-key';

describe('Explorer with a live path', { timeout: 180_000 }, () => {
  let service;
  let browser;
  let page;

  before(async () => {
    service = await startService({
      settings: {
        CareerGraph__Auth__ApiKeys__0__Name: 'browser-test',
        CareerGraph__Auth__ApiKeys__0__Sha256: createHash('sha256').update(curatorKey).digest('hex'),
      },
    });
    browser = await openBrowser(service.baseUrl);
    page = await browser.context.newPage();
  });

  after(async () => {
    await browser?.close();
    await service?.stop();
  });

  it('redraws the path when a career on it is renamed', async () => {
    // The stream answers (headers and a first comment) once the subscription is accepted: changes after that reach it.
    const subscribed = page.waitForResponse(response => response.request().headers().accept === 'text/event-stream', { timeout: 60_000 });
    await page.goto(`${service.baseUrl}/explore?from=machine-learning-engineer&to=cloud-engineer`);
    await page.locator('#steps > li h3').getByText('MLOps Engineer', { exact: true }).waitFor();
    const stream = await subscribed;
    assert.equal(stream.status(), 200);
    assert.match(stream.request().postData(), /graphChanged/);

    const renamed = await graphql(
      service.baseUrl,
      'mutation { updateCareer(input: {id: "mlops-engineer", name: "MLOps Platform Engineer"}) { career { name } userErrors { code } } }',
      {},
      { 'X-Api-Key': curatorKey },
    );
    assert.deepEqual(renamed.updateCareer.userErrors, []);

    await page.locator('#steps > li h3').getByText('MLOps Platform Engineer', { exact: true }).waitFor({ timeout: 20_000 });
    await page.locator('#status').getByText(/Updated: /).waitFor();
    const labels = await page.evaluate(() => window.careerGraphExplorer.cy.nodes('.path').map(n => n.data('label')));
    assert.ok(labels.includes('MLOps Platform Engineer'), `the drawing shows the new name: ${labels.join(', ')}`);
    await page.screenshot({ path: screenshotPath('explorer-live-renamed') });
  });
});
