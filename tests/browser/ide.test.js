// The GraphQL IDE, opened the way a person opens it: a browser pointed at /graphql.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openBrowser, screenshotPath } from './support/browser.js';
import { startService } from './support/service.js';

describe('GraphQL IDE at GET /graphql', { timeout: 180_000 }, () => {
  let service;
  let browser;
  let page;
  const posts = [];

  before(async () => {
    service = await startService();
    browser = await openBrowser(service.baseUrl);
    page = await browser.context.newPage();
    page.on('request', request => {
      if (request.method() === 'POST' && request.url().endsWith('/graphql')) posts.push(request);
    });
  });

  after(async () => {
    await browser?.close();
    await service?.stop();
  });

  it('opens GraphiQL with the ML to Cloud walk ready to run', async () => {
    const response = await page.goto(`${service.baseUrl}/graphql`);
    assert.match(response.headers()['content-type'], /^text\/html/);
    const queryEditor = page.locator('.graphiql-query-editor');
    await queryEditor.getByText('path(from: "ML Engineer", to: "Cloud Engineer")').waitFor();
  });

  it('opens the headers editor with an X-Api-Key header to fill in', async () => {
    await page.locator('.graphiql-editor-tools button[data-name="headers"].active').waitFor();
    await page.locator('.graphiql-editor-tool').getByText('"X-Api-Key"').waitFor();
  });

  it('runs the prefilled query and shows MLOps Engineer in the result pane', async () => {
    await page.getByRole('button', { name: /Execute query/ }).click();
    const result = page.locator('.graphiql-response');
    await result.getByText('"hops": 2').waitFor();
    await page.screenshot({ path: screenshotPath('ide-result-top') });

    // The result editor draws only the lines in view: page down through it as a reader would.
    // The text is read once per page and the assertion judges that same reading: the editor redraws as it scrolls.
    const shown = async () => (await result.innerText()).replaceAll('\u00a0', ' ');
    await result.locator('.view-lines').click();
    let text = await shown();
    for (let pages = 0; pages < 30 && !text.includes('"name": "MLOps Engineer"'); pages++) {
      await page.keyboard.press('PageDown');
      text = await shown();
    }
    assert.ok(text.includes('"name": "MLOps Engineer"'), 'the result pane shows MLOps Engineer');
    await page.screenshot({ path: screenshotPath('ide-result-mlops') });

    const walk = posts.find(request => request.postData()?.includes('path(from: \\"ML Engineer\\"'));
    assert.ok(walk, 'the walk query went to the service');
    assert.equal((await walk.allHeaders())['x-api-key'], undefined, 'a blank X-Api-Key header is not sent');
  });

  it('browses the schema in the docs pane, with our descriptions', async () => {
    await page.getByRole('button', { name: 'Show Documentation Explorer' }).click();
    const docs = page.locator('.graphiql-doc-explorer');
    await docs.getByText('walks between careers', { exact: false }).waitFor();
    await page.screenshot({ path: screenshotPath('ide-docs') });
    await docs.getByRole('link', { name: 'Query' }).click();
    await docs.getByText('The best walk between two careers', { exact: false }).waitFor();
  });

  it('loads everything from the service itself, nothing from another host', () => {
    assert.deepEqual(browser.outside, []);
  });
});
