// The explorer as a new user tries it: typed names and typos, impossible paths, a graph that grows, the keyboard,
// the details of a career, and pictures and links to share.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { artifacts, openBrowser, screenshotPath } from './support/browser.js';
import { graphql, startService } from './support/service.js';

/** Smallest label size on screen, in CSS pixels, of the careers whose labels are drawn (cytoscape hides smaller ones). */
function readLabels(page) {
  return page.evaluate(() => {
    const cy = window.careerGraphExplorer.cy;
    const hideBelow = parseFloat(cy.nodes().first().style('min-zoomed-font-size'));
    const sizes = cy.nodes().map(n => ({ label: n.data('label'), size: parseFloat(n.style('font-size')) * cy.zoom(), path: n.hasClass('path') }));
    const shown = sizes.filter(s => s.size >= hideBelow);
    const box = cy.container().getBoundingClientRect();
    const drawn = cy.nodes().renderedBoundingBox({ includeLabels: false });
    return {
      careers: sizes.length,
      hideBelow,
      shown: shown.length,
      smallestShown: Math.min(...shown.map(s => s.size)),
      pathShown: sizes.filter(s => s.path).every(s => s.size >= hideBelow),
      widthUsed: Math.min(drawn.w, box.width) / box.width,
    };
  });
}

const positions = page =>
  page.evaluate(() => Object.fromEntries(window.careerGraphExplorer.cy.nodes().map(n => [n.id(), { ...n.position() }])));

const pathCareers = page => page.locator('#steps > li h3').allInnerTexts();

async function submitTyped(page, from, to) {
  await page.locator('#from-input').fill(from);
  await page.locator('#to-input').fill(to);
  await page.getByRole('button', { name: 'Show paths' }).click();
}

describe('Explorer usability at /explore', { timeout: 200_000 }, () => {
  let service;
  let browser;
  let page;
  const problems = [];

  before(async () => {
    service = await startService();
    browser = await openBrowser(service.baseUrl);
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: service.baseUrl });
    page = await browser.context.newPage();
    page.on('console', message => message.type() === 'error' && problems.push(message.text()));
    page.on('pageerror', error => problems.push(String(error)));
  });

  after(async () => {
    await browser?.close();
    await service?.stop();
  });

  it('starts empty with example paths to click', async () => {
    await page.goto(`${service.baseUrl}/explore`);
    const examples = page.locator('#empty a[data-example]');
    assert.ok((await examples.count()) >= 3);
    await page.screenshot({ path: screenshotPath('explore-empty') });
    await examples.first().click();
    await page.locator('#steps > li').nth(2).waitFor();
    assert.deepEqual(await pathCareers(page), ['Machine Learning Engineer', 'MLOps Engineer', 'Cloud Engineer']);
    assert.equal(await page.locator('#empty').isHidden(), true);
  });

  it('resolves typed names and aliases like the API: "ML Engineer" to "cloud engineer"', async () => {
    await page.goto(`${service.baseUrl}/explore`);
    await submitTyped(page, 'ML Engineer', 'cloud engineer');
    await page.waitForFunction(() => new URL(location.href).search === '?from=machine-learning-engineer&to=cloud-engineer');
    await page.locator('#steps > li').nth(2).waitFor();
    assert.deepEqual(await pathCareers(page), ['Machine Learning Engineer', 'MLOps Engineer', 'Cloud Engineer']);
    assert.equal(await page.locator('#to-input').inputValue(), 'Cloud Engineer');
    assert.equal(await page.locator('#to-input').getAttribute('aria-invalid'), null);
  });

  it('asks "Did you mean Cloud Engineer?" for "Clowd Enginer", marks the field and keeps focus there', async () => {
    await submitTyped(page, 'ML Engineer', 'Clowd Enginer');
    const to = page.locator('#to-input');
    await page.locator('#to-error').getByText(/Did you mean/).waitFor();
    assert.equal(await to.getAttribute('aria-invalid'), 'true');
    assert.match(await to.getAttribute('aria-describedby'), /\bto-error\b/);
    assert.equal(await page.locator('#from-input').getAttribute('aria-invalid'), null);
    assert.equal(await page.evaluate(() => document.activeElement.id), 'to-input');
    await page.screenshot({ path: screenshotPath('explore-typo') });

    await page.locator('#to-error').getByRole('button', { name: 'Cloud Engineer' }).click();
    await page.waitForFunction(() => new URL(location.href).searchParams.get('to') === 'cloud-engineer');
    await page.locator('#steps > li').nth(2).waitFor();
    assert.equal(await to.getAttribute('aria-invalid'), null);
    assert.equal(await page.locator('#to-error').isHidden(), true);
  });

  it('offers the candidates of an ambiguous alias', async () => {
    const { resolve } = await graphql(service.baseUrl, '{ resolve(reference: "AI Specialist", kind: CAREER) { ... on Career { name } } }');
    assert.ok(resolve.length > 1, 'the seeds hold an alias naming several careers');
    await submitTyped(page, 'AI Specialist', 'Cloud Engineer');
    const error = page.locator('#from-error');
    await error.getByText(/may mean several careers/).waitFor();
    assert.deepEqual((await error.getByRole('button').allInnerTexts()).sort(), resolve.map(c => c.name).sort());
    assert.equal(await page.locator('#from-input').getAttribute('aria-invalid'), 'true');
    // Both fields are looked up at once: a field's message shows as soon as its own answer is in, the focus moves
    // once both are, with the status line.
    await page.locator('#status', { hasText: 'Check the marked career names.' }).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement.id), 'from-input');
  });

  it('keeps what was typed since when the lookup of the old text answers late', async () => {
    // The first lookup of `old` in From is held back until From holds `since` and Show paths was pressed again.
    async function answerLate(old, since) {
      let release;
      const held = new Promise(resolveHeld => (release = resolveHeld));
      let holding = true;
      await page.route('**/graphql', async route => {
        if (holding && route.request().postDataJSON()?.variables?.reference === old) {
          holding = false;
          await held;
        }
        await route.continue();
      });
      const asked = page.waitForRequest(request => request.postDataJSON()?.variables?.reference === old);
      await submitTyped(page, old, 'Cloud Engineer');
      const lookup = await asked;
      await page.locator('#from-input').fill(since.name);
      await page.getByRole('button', { name: 'Show paths' }).click();
      await page.waitForFunction(id => new URL(location.href).searchParams.get('from') === id, since.id);
      await page.locator('#status', { hasText: `from ${since.name} to Cloud Engineer.` }).waitFor();
      const answered = page.waitForResponse(response => response.request() === lookup);
      release();
      await answered;
      // Time enough for the page to act on the late answer, were it to.
      await page.waitForTimeout(500);
      await page.unroute('**/graphql');
    }
    const unchanged = async since => {
      assert.equal(await page.locator('#from-input').inputValue(), since.name);
      assert.equal(new URL(page.url()).searchParams.get('from'), since.id);
      assert.equal(await page.locator('#from-error').isHidden(), true);
      assert.equal(await page.locator('#from-input').getAttribute('aria-invalid'), null);
      assert.match(await page.locator('#status').innerText(), new RegExp(`from ${since.name} to Cloud Engineer\\.$`));
      assert.equal((await pathCareers(page))[0], since.name);
    };

    await page.goto(`${service.baseUrl}/explore`);
    // A career found for the old text does not replace the career typed since, nor draw its paths.
    const scientist = { id: 'data-scientist', name: 'Data Scientist' };
    await answerLate('ML Engineer', scientist);
    await unchanged(scientist);
    // Old text that names nothing does not mark the field with a message about it.
    const engineer = { id: 'machine-learning-engineer', name: 'Machine Learning Engineer' };
    await answerLate('Data Scienist', engineer);
    await unchanged(engineer);
  });

  it('says so plainly when From and To are the same career', async () => {
    await submitTyped(page, 'ML Engineer', 'Machine Learning Engineer');
    await page.locator('#to-error').getByText(/both Machine Learning Engineer/).waitFor();
    assert.equal(await page.locator('#to-input').getAttribute('aria-invalid'), 'true');
    assert.doesNotMatch(await page.locator('#status').innerText(), /\bpaths? from\b/);
  });

  it('draws the specialisation arrow along the path: Machine Learning Engineer → MLOps Engineer', async () => {
    await page.goto(`${service.baseUrl}/explore?from=machine-learning-engineer&to=cloud-engineer`);
    await page.locator('#steps > li').nth(2).waitFor();
    const arrows = await page.evaluate(() => {
      const cy = window.careerGraphExplorer.cy;
      return cy.edges('.path').map(e => {
        const head = e.style('target-arrow-shape') !== 'none' ? e.target() : e.source();
        const tail = head === e.target() ? e.source() : e.target();
        return { kind: e.data('kind'), from: tail.data('label'), to: head.data('label') };
      });
    });
    assert.deepEqual(
      arrows.map(a => `${a.from} → ${a.to}`).sort(),
      ['MLOps Engineer → Cloud Engineer', 'Machine Learning Engineer → MLOps Engineer'],
    );
    assert.ok(arrows.some(a => a.kind === 'SPECIALISATION_OF' && a.to === 'MLOps Engineer'));
  });

  it('keeps every career in its place when another path is chosen, and keeps the focus on the paths', async () => {
    const before = await positions(page);
    const shortest = page.getByRole('radio', { name: /^Shortest/ });
    await shortest.focus();
    await page.keyboard.press('ArrowDown');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('path') === '2');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'path-1');
    assert.equal(await page.getByRole('radio', { name: /^Alternative 1/ }).isChecked(), true);
    assert.deepEqual(await positions(page), before);
    assert.equal((await pathCareers(page)).length, 4);
  });

  it('zooms the graph with the wheel, not the page, and with the zoom buttons', async () => {
    const zoom = () => page.evaluate(() => window.careerGraphExplorer.cy.zoom());
    await page.locator('#drawing').scrollIntoViewIfNeeded();
    await page.waitForTimeout(300);
    const box = await page.locator('#drawing').boundingBox();
    const scroll = await page.evaluate(() => window.scrollY);
    const start = await zoom();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    for (let notch = 0; notch < 6; notch++) {
      await page.mouse.wheel(0, -100);
      await page.waitForTimeout(60);
    }
    assert.ok((await zoom()) > start, `the wheel zoomed in from ${start}`);
    assert.equal(await page.evaluate(() => window.scrollY), scroll, 'the page did not scroll');
    const zoomed = await zoom();
    await page.getByRole('button', { name: 'Zoom out' }).click();
    assert.ok((await zoom()) < zoomed);
    await page.getByRole('button', { name: 'Fit' }).click();
  });

  it('keeps labels at 11 px or more as the graph grows past 17 careers, and fills the box', async () => {
    // Expand drawn careers in the order the list shows them, as a curious reader would, until 17 or more are drawn.
    for (let expansions = 0; expansions < 10 && (await readLabels(page)).careers < 17; expansions++) {
      const id = await page.evaluate(() => {
        const expanded = new URL(location.href).searchParams.get('expand')?.split(',') ?? [];
        const button = [...document.querySelectorAll('#drawn-list button[data-career]')].find(b => !expanded.includes(b.dataset.career));
        button.click();
        return { career: button.dataset.career, name: button.textContent.trim() };
      });
      await page.waitForFunction(career => new URL(location.href).searchParams.get('expand')?.split(',').includes(career), id.career);
      // Not 'networkidle': the page keeps a graphChanged stream open. The status says when the careers are added.
      await page.waitForFunction(name => document.getElementById('status').textContent.includes(`around ${name}.`), id.name);
    }
    const labels = await readLabels(page);
    assert.ok(labels.careers >= 17, `${labels.careers} careers drawn`);
    assert.equal(labels.hideBelow, 11, 'labels smaller than 11 px are hidden, never drawn tiny');
    assert.ok(labels.smallestShown >= 11, `smallest label ${labels.smallestShown} px`);
    assert.equal(labels.shown, labels.careers, 'every label is shown at the fitted zoom');
    assert.ok(labels.widthUsed > 0.6, `the drawing uses ${Math.round(labels.widthUsed * 100)} % of the box width`);
    await page.screenshot({ path: screenshotPath('explore-17-careers') });
  });

  it('keeps the focus on a career pressed with Enter in "Careers in the graph", and shows its details', async () => {
    await page.locator('#drawn summary').click();
    const button = page.locator('#drawn-list button[data-career="data-engineer"]');
    const target = (await button.count()) > 0 ? 'data-engineer' : await page.locator('#drawn-list button').last().getAttribute('data-career');
    await page.locator(`#drawn-list button[data-career="${target}"]`).focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(id => new URL(location.href).searchParams.get('career') === id, target);
    await page.locator('#selection .details').waitFor();
    assert.equal(await page.evaluate(() => document.activeElement.dataset.career), target);
    assert.equal(await page.evaluate(() => document.activeElement.closest('#drawn-list') !== null), true);

    const { career } = await graphql(service.baseUrl, `{ career(id: "${target}") { name description duties jobZone socCode } }`);
    const panel = page.locator('#selection');
    assert.match(await panel.innerText(), new RegExp(career.name));
    if (career.description) assert.ok((await panel.innerText()).includes(career.description));
    assert.match(await panel.locator('summary').innerText(), new RegExp(`Duties \\(${career.duties.length}\\)`));
    const code = panel.locator('dd').nth(1);
    if (career.socCode) assert.equal(await code.locator('a').getAttribute('href'), `https://www.onetonline.org/link/summary/${career.socCode}`);
    else assert.equal(await code.innerText(), 'Not recorded');
    await panel.locator('summary').click();
    await page.screenshot({ path: screenshotPath('explore-details'), fullPage: true });
  });

  it('links a career to its O*NET OnLine page when it has an O*NET code', async () => {
    // The seeds carry no O*NET codes; the page shows what the API gives, so give it one through the API's answer.
    const onet = await page.context().newPage();
    await onet.route('**/graphql', async route => {
      const body = route.request().postDataJSON();
      if (!body.query.includes('CareerDetails')) return route.continue();
      const response = await route.fetch();
      const json = await response.json();
      json.data.career.socCode = '15-1299.08';
      json.data.career.jobZone = 4;
      await route.fulfill({ response, json });
    });
    await onet.goto(`${service.baseUrl}/explore?from=cloud-engineer&career=cloud-engineer`);
    const link = onet.locator('#selection a', { hasText: '15-1299.08' });
    await link.waitFor();
    assert.equal(await link.getAttribute('href'), 'https://www.onetonline.org/link/summary/15-1299.08');
    assert.match(await onet.locator('#selection dl').innerText(), /4 of 5/);
    await onet.close();
  });

  it('keeps the drawing when no path is possible and offers careers to click', async () => {
    await page.goto(`${service.baseUrl}/explore?from=machine-learning-engineer&to=cloud-engineer`);
    await page.locator('#steps > li').nth(2).waitFor();
    const drawn = await page.evaluate(() => window.careerGraphExplorer.cy.nodes().map(n => n.id()).sort());

    await page.locator('#to-input').fill('Locomotive Engineer');
    await page.getByRole('button', { name: 'Show paths' }).click();
    await page.getByText(/No path of at most 4 steps/).waitFor();
    assert.deepEqual(await page.evaluate(() => window.careerGraphExplorer.cy.nodes().map(n => n.id()).sort()), drawn);
    assert.deepEqual(await page.evaluate(() => window.careerGraphExplorer.cy.nodes('.target').map(n => n.id())), [], 'Cloud Engineer is no longer marked as the target');
    const offers = page.locator('#paths .no-path button[data-career]');
    assert.deepEqual(await offers.allInnerTexts(), ['Machine Learning Engineer', 'Locomotive Engineer']);
    await page.screenshot({ path: screenshotPath('explore-impossible'), fullPage: true });

    await offers.nth(1).click();
    await page.getByText(/careers around Locomotive Engineer/).waitFor();
    assert.ok(await page.evaluate(() => window.careerGraphExplorer.cy.getElementById('locomotive-engineer').nonempty()));
  });

  it('drops the path when From is cleared', async () => {
    await page.goto(`${service.baseUrl}/explore?from=machine-learning-engineer&to=cloud-engineer`);
    await page.locator('#steps > li').nth(2).waitFor();
    await page.locator('#from-input').fill('');
    await page.waitForFunction(() => !new URL(location.href).searchParams.has('from'));
    // The message once drawn: "Drawing the careers around …" comes first, while the path is still shown.
    await page.getByText(/The careers around Cloud Engineer/).waitFor();
    assert.equal(await page.locator('#steps > li').count(), 0);
    assert.equal(await page.locator('#path-choices input').count(), 0);
  });

  it('exports the graph as PNG and SVG pictures with a legend', async () => {
    await page.goto(`${service.baseUrl}/explore?from=machine-learning-engineer&to=cloud-engineer`);
    await page.locator('#steps > li').nth(2).waitFor();

    const [png] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'PNG' }).click()]);
    assert.match(png.suggestedFilename(), /\.png$/);
    const picture = readFileSync(await png.path());
    assert.deepEqual([...picture.subarray(1, 4)].map(c => String.fromCharCode(c)).join(''), 'PNG');
    const height = picture.readUInt32BE(20);
    const graphHeight = await page.evaluate(() => Math.ceil(window.careerGraphExplorer.cy.elements().boundingBox().h * 2));
    assert.ok(height > graphHeight, `the picture (${height} px high) has room for the legend under the graph (${graphHeight} px)`);
    writeFileSync(join(artifacts, 'explore-export.png'), picture);

    const [svg] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'SVG' }).click()]);
    assert.match(svg.suggestedFilename(), /\.svg$/);
    const text = readFileSync(await svg.path(), 'utf8');
    assert.match(text, /^(<\?xml[^>]*>)?\s*<svg/);
    for (const entry of ['From', 'To', 'On the chosen path', 'Specialisation', 'Chosen path, arrows in path order'])
      assert.ok(text.includes(`>${entry}</text>`), `the legend names "${entry}"`);
    assert.ok(text.includes('MLOps Engineer'), 'the careers are labelled');
    writeFileSync(join(artifacts, 'explore-export.svg'), text);
  });

  it('copies a link that reproduces the view', async () => {
    await page.getByRole('button', { name: 'Copy link' }).click();
    await page.getByText('Link to this view copied.').waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), page.url());
  });

  it('keeps path labels readable at phone width', async () => {
    const phone = await browser.context.newPage();
    phone.on('pageerror', error => problems.push(String(error)));
    await phone.setViewportSize({ width: 375, height: 812 });
    await phone.goto(`${service.baseUrl}/explore?from=machine-learning-engineer&to=cloud-engineer&expand=cloud-engineer`);
    await phone.locator('#steps > li').nth(2).waitFor();
    await phone.waitForFunction(() => new URL(location.href).searchParams.get('expand') === 'cloud-engineer');
    await phone.locator('#status', { hasText: /paths? from/ }).waitFor();
    const labels = await readLabels(phone);
    assert.ok(labels.pathShown && labels.smallestShown >= 11, `labels ${JSON.stringify(labels)}`);
    await phone.locator('#drawing').screenshot({ path: screenshotPath('explore-phone-graph') });
    await phone.close();
  });

  it('logged no errors in the console', () => {
    assert.deepEqual(problems, []);
  });
});
