// The career path explorer at /explore, used as a person uses it: search, pick, read the path, click around.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openBrowser, screenshotPath } from './support/browser.js';
import { graphql, startService } from './support/service.js';

/** What the drawing holds, read from cytoscape's own model. */
function readDrawing(page) {
  return page.evaluate(() => {
    const cy = window.careerGraphExplorer.cy;
    const label = node => node.data('label');
    const box = cy.container().getBoundingClientRect();
    const inView = p => p.x >= 0 && p.y >= 0 && p.x <= box.width && p.y <= box.height;
    return {
      careers: cy.nodes().map(label).sort(),
      path: cy.nodes('.path').map(label).sort(),
      pathEdges: cy.edges('.path').map(e => [label(e.source()), label(e.target())].sort().join(' – ')).sort(),
      start: cy.nodes('.start').map(label),
      target: cy.nodes('.target').map(label),
      allInView: cy.nodes().every(n => inView(n.renderedPosition())),
      pathInView: cy.nodes('.path').every(n => inView(n.renderedPosition())),
    };
  });
}

/** The steps of the chosen path as the page lists them. */
function readSteps(page) {
  return page.locator('#steps > li').evaluateAll(items =>
    items.map(item => ({
      career: item.querySelector('h3').textContent.trim(),
      shared: [...item.querySelectorAll('[data-skills="shared"] li')].map(li => li.textContent.trim()),
      learn: [...item.querySelectorAll('[data-skills="new"] li, [data-skills="start"] li')].map(li => li.textContent.trim()),
    })),
  );
}

const names = list => list.map(skill => skill.name);

describe('Career path explorer at /explore', { timeout: 180_000 }, () => {
  let service;
  let browser;
  let page;
  let api;

  before(async () => {
    service = await startService();
    browser = await openBrowser(service.baseUrl);
    page = await browser.context.newPage();
    // What the API itself says about the headline path, to hold the page to it.
    api = await graphql(
      service.baseUrl,
      `{ path(from: "machine-learning-engineer", to: "cloud-engineer") {
           steps { career { name } sharedWithPrevious { name } newSkills { name } } sharedSkills { name } }
         skillGap(from: "machine-learning-engineer", to: "cloud-engineer") { keep { name } learn { name } }
         neighbourhood(id: "cloud-engineer", depth: 1, edgeKinds: [SEE_ALSO, SPECIALISATION_OF], maxNodes: 40) { nodes { label } } }`,
    );
  });

  after(async () => {
    await browser?.close();
    await service?.stop();
  });

  it('finds the start career by its alias "ML Engineer" with the keyboard', async () => {
    await page.goto(`${service.baseUrl}/explore`);
    const from = page.getByRole('combobox', { name: 'From career' });
    await from.pressSequentially('ML Engineer', { delay: 15 });
    const first = page.locator('#from-options [role="option"]').first();
    await first.waitFor();
    // Suggestions for a shorter prefix may show while typing; wait for those of the whole text.
    await page.waitForFunction(
      () => /^Machine Learning Engineer/.test(document.querySelector('#from-options [role="option"]')?.textContent ?? ''),
      null, { timeout: 10_000 },
    ).catch(() => {});
    assert.match(await first.innerText(), /^Machine Learning Engineer/);
    assert.equal(await from.getAttribute('aria-expanded'), 'true');
    assert.equal(await from.getAttribute('aria-activedescendant'), await first.getAttribute('id'));

    await from.press('ArrowDown');
    await from.press('ArrowUp');
    await from.press('Enter');

    assert.equal(await from.inputValue(), 'Machine Learning Engineer');
    assert.equal(await from.getAttribute('aria-expanded'), 'false');
  });

  it('picks "Cloud Engineer" as the target from the suggestions', async () => {
    const to = page.getByRole('combobox', { name: 'To career' });
    await to.pressSequentially('Cloud Engineer', { delay: 15 });
    await page.getByRole('option', { name: 'Cloud Engineer', exact: true }).click();
    assert.equal(await to.inputValue(), 'Cloud Engineer');
  });

  it('draws the shortest path: Machine Learning Engineer → MLOps Engineer → Cloud Engineer', async () => {
    await page.locator('#steps > li').nth(2).waitFor();
    const steps = await readSteps(page);
    assert.deepEqual(steps.map(s => s.career), ['Machine Learning Engineer', 'MLOps Engineer', 'Cloud Engineer']);

    const drawing = await readDrawing(page);
    assert.deepEqual(drawing.path, ['Cloud Engineer', 'MLOps Engineer', 'Machine Learning Engineer']);
    assert.deepEqual(drawing.pathEdges, ['Cloud Engineer – MLOps Engineer', 'MLOps Engineer – Machine Learning Engineer']);
    assert.deepEqual(drawing.start, ['Machine Learning Engineer']);
    assert.deepEqual(drawing.target, ['Cloud Engineer']);
    assert.ok(drawing.careers.length > 3, 'the alternatives are drawn too');
    assert.ok(drawing.allInView, 'every career is drawn inside the graph area');
    assert.match(await page.getByRole('img').getAttribute('aria-label'), /Machine Learning Engineer → MLOps Engineer → Cloud Engineer/);
    assert.equal(new URL(page.url()).search, '?from=machine-learning-engineer&to=cloud-engineer');
  });

  it('lists the shared and new skills of each step as the API gives them', async () => {
    const steps = await readSteps(page);
    api.path.steps.forEach((expected, i) => {
      assert.deepEqual(steps[i].shared, names(expected.sharedWithPrevious), `shared skills at ${expected.career.name}`);
      assert.deepEqual(steps[i].learn, names(expected.newSkills), `new skills at ${expected.career.name}`);
    });
    assert.ok(steps[1].shared.includes('Docker') && steps[2].shared.includes('Kubernetes'));
    const pathShared = await page.locator('[data-skills="path-shared"] li').allInnerTexts();
    assert.deepEqual(pathShared, names(api.path.sharedSkills));
    assert.ok(pathShared.includes('Python'));
  });

  it('shows the skill gap between the two careers', async () => {
    assert.deepEqual(await page.locator('#gap [data-skills="keep"] li').allInnerTexts(), names(api.skillGap.keep));
    assert.deepEqual(await page.locator('#gap [data-skills="learn"] li').allInnerTexts(), names(api.skillGap.learn));
    await page.screenshot({ path: screenshotPath('explore-path'), fullPage: true });
  });

  it('highlights an alternative path when it is chosen', async () => {
    await page.getByRole('radio', { name: /^Alternative 1/ }).check();
    const drawing = await readDrawing(page);
    assert.equal(drawing.path.length, 4);
    assert.equal((await readSteps(page)).length, 4);
    assert.equal(new URL(page.url()).searchParams.get('path'), '2');
    await page.getByRole('radio', { name: /^Shortest/ }).check();
    assert.equal((await readSteps(page)).length, 3);
  });

  it('opens an address shared with the old walk= parameter at the path it named', async () => {
    const old = await browser.context.newPage();
    await old.goto(`${service.baseUrl}/explore?from=machine-learning-engineer&to=cloud-engineer&walk=2`);
    await old.getByRole('radio', { name: /^Alternative 1/, checked: true }).waitFor();
    assert.equal((await readSteps(old)).length, 4);
    await old.close();
  });

  it('adds the careers around Cloud Engineer when it is clicked in the drawing', async () => {
    const spot = await page.evaluate(() => {
      const cy = window.careerGraphExplorer.cy;
      const node = cy.nodes().filter(n => n.data('label') === 'Cloud Engineer');
      const box = cy.container().getBoundingClientRect();
      return { x: box.left + node.renderedPosition().x, y: box.top + node.renderedPosition().y };
    });
    await page.mouse.click(spot.x, spot.y);
    await page.waitForFunction(() => new URL(location.href).searchParams.get('expand') === 'cloud-engineer');
    await page.getByText(/careers around Cloud Engineer/).waitFor();

    const drawing = await readDrawing(page);
    for (const neighbour of api.neighbourhood.nodes.map(n => n.label))
      assert.ok(drawing.careers.includes(neighbour), `${neighbour} is drawn`);
    // The drawing zooms out no further than labels stay readable; the path stays in view, the rest is a pan away.
    assert.ok(drawing.pathInView);
    await page.getByText('Selected: Cloud Engineer').waitFor();
    await page.screenshot({ path: screenshotPath('explore-expanded'), fullPage: true });
  });

  it('expands a career from the keyboard too', async () => {
    const before = (await readDrawing(page)).careers.length;
    await page.locator('#steps button[data-career="machine-learning-engineer"]').focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('expand') === 'cloud-engineer,machine-learning-engineer');
    await page.getByText(/careers around Machine Learning Engineer/).waitFor();
    assert.ok((await readDrawing(page)).careers.length > before);
  });

  it('reproduces the same view from its address', async () => {
    const address = page.url();
    const original = await readDrawing(page);
    const again = await browser.context.newPage();
    await again.goto(address);
    await again.locator('#steps > li').nth(2).waitFor();
    await again.waitForFunction(count => window.careerGraphExplorer.cy.nodes().length === count, original.careers.length);

    const reopened = await readDrawing(again);
    assert.deepEqual(reopened.careers, original.careers);
    assert.deepEqual(reopened.path, original.path);
    assert.equal(await again.getByRole('combobox', { name: 'From career' }).inputValue(), 'Machine Learning Engineer');
    assert.equal(await again.getByRole('combobox', { name: 'To career' }).inputValue(), 'Cloud Engineer');
    await again.close();
  });

  it('fits a 375 px wide phone screen without sideways scrolling', async () => {
    const phone = await browser.context.newPage();
    await phone.setViewportSize({ width: 375, height: 812 });
    await phone.goto(`${service.baseUrl}/explore?from=machine-learning-engineer&to=cloud-engineer`);
    await phone.locator('#steps > li').nth(2).waitFor();

    const widths = await phone.evaluate(() => ({
      page: document.documentElement.scrollWidth,
      body: document.body.scrollWidth,
      viewport: document.documentElement.clientWidth,
    }));
    assert.ok(widths.page <= widths.viewport && widths.body <= widths.viewport, `content ${JSON.stringify(widths)} fits`);
    assert.ok((await readDrawing(phone)).allInView, 'every career is drawn inside the graph area');
    await phone.screenshot({ path: screenshotPath('explore-phone'), fullPage: true });
    await phone.close();
  });

  it('loads everything from the service itself, nothing from another host', () => {
    assert.deepEqual(browser.outside, []);
  });
});
