// "What fits my skills?" in the explorer: skills typed with suggestions, the careers that fit as the API ranks them,
// the skills in the address, a match drawn; and a neighbourhood of 40 careers drawn whole inside the box.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openBrowser, screenshotPath } from './support/browser.js';
import { graphql, startService } from './support/service.js';

/** The matches as the panel lists them. */
function readMatches(page) {
  return page.locator('#matches .match').evaluateAll(items =>
    items.map(item => ({
      career: item.querySelector('.move-name').textContent.trim(),
      coverage: item.querySelector('.match-coverage').textContent.trim(),
      learn: item.querySelector('.match-learn').textContent.trim(),
      reasons: [...item.querySelectorAll('.reasons li')].map(li => li.textContent.trim()),
    })),
  );
}

/** Every drawn career whose node or label is not wholly inside the drawing's box, with how it sticks out. */
const outsideTheBox = page =>
  page.evaluate(() => {
    const cy = window.careerGraphExplorer.cy;
    const box = { w: cy.width(), h: cy.height() };
    return cy
      .nodes()
      .map(n => ({ label: n.data('label'), b: n.renderedBoundingBox({ includeLabels: true }) }))
      .filter(({ b }) => b.x1 < 0 || b.y1 < 0 || b.x2 > box.w || b.y2 > box.h)
      .map(({ label, b }) => `${label} [${Math.round(b.x1)}, ${Math.round(b.y1)}, ${Math.round(b.x2)}, ${Math.round(b.y2)}] in ${box.w}×${box.h}`);
  });

/** Picks a skill from the suggestions for a text, as a person would: type, wait for the option, Enter. */
async function addSkill(page, text, name) {
  const field = page.getByRole('combobox', { name: 'Add a skill you have' });
  await field.fill(text);
  await page.locator('#skills-options [role=option]', { hasText: name }).first().waitFor();
  // The first option is the best hit; arrow to the one named if it is not.
  const options = await page.locator('#skills-options [role=option]').allInnerTexts();
  for (let i = 0; i < options.findIndex(o => o.startsWith(name)); i++) await field.press('ArrowDown');
  await field.press('Enter');
  await page.locator('#matches .skill-chip', { hasText: name }).waitFor();
}

const percent = share => `${Math.round(share * 100)}% covered`;

describe('What fits my skills? in the explorer', { timeout: 240_000 }, () => {
  let service;
  let browser;
  let page;

  before(async () => {
    service = await startService();
    browser = await openBrowser(service.baseUrl);
    page = await browser.context.newPage();
  });

  after(async () => {
    await browser?.close();
    await service?.stop();
  });

  it('lists the careers that fit skills picked from the suggestions, as the API ranks them, with coverage and what to learn', async () => {
    const api = (
      await graphql(
        service.baseUrl,
        `{ careerMatches(skills: ["python", "docker"], first: 5) { career { id name } coverage reasons missingSkills { skill { name } } } }`,
      )
    ).careerMatches;
    await page.goto(`${service.baseUrl}/explore`);
    await page.getByRole('region', { name: 'What fits my skills?' }).getByText('Add the skills you have').waitFor();

    await addSkill(page, 'pyhton', 'Python'); // the same typo tolerance as the career fields
    await addSkill(page, 'dock', 'Docker');

    const list = page.getByRole('list', { name: 'Careers that fit your skills' });
    await page.waitForFunction(() => new URL(location.href).searchParams.get('skills') === 'python,docker');
    await list.locator('.match').nth(api.length - 1).waitFor();
    await page.waitForFunction(n => document.querySelectorAll('#matches .match').length === n && !document.querySelector('#matches .none'), api.length);
    const shown = await readMatches(page);
    assert.equal(api.length, 5);
    assert.deepEqual(
      shown.map(m => [m.career, m.coverage, m.reasons]),
      api.map(m => [m.career.name, percent(m.coverage), m.reasons]),
    );
    const first = api[0].missingSkills.slice(0, 3).map(r => r.skill.name);
    assert.ok(shown[0].learn.startsWith(`Learn first: ${first.join(', ')}`), shown[0].learn);
  });

  it('keeps the skills in the address: a reload shows the same matches, and removing a skill asks again', async () => {
    const before = (await readMatches(page)).map(m => m.career);
    await page.reload();
    await page.locator('#matches .match').nth(before.length - 1).waitFor();
    assert.deepEqual((await readMatches(page)).map(m => m.career), before);
    assert.deepEqual(await page.locator('#matches .skill-chip').evaluateAll(chips => chips.map(c => c.dataset.skill)), ['python', 'docker']);

    const dockerOnly = (await graphql(service.baseUrl, '{ careerMatches(skills: ["docker"], first: 5) { career { name } } }')).careerMatches;
    await page.getByRole('button', { name: 'Remove Python' }).click();
    await page.waitForFunction(() => new URL(location.href).searchParams.get('skills') === 'docker');
    await page.waitForFunction(
      names => [...document.querySelectorAll('#matches .move-name')].map(n => n.textContent.trim()).join('|') === names.join('|'),
      dockerOnly.map(m => m.career.name),
    );
  });

  it('draws the path to a match from the From career, and with no From the careers around it', async () => {
    await page.goto(`${service.baseUrl}/explore?skills=python,docker`);
    const firstMatch = page.locator('#matches [data-match]').first();
    await firstMatch.waitFor();
    const id = await firstMatch.getAttribute('data-match');
    await firstMatch.click();
    await page.waitForFunction(to => new URL(location.href).searchParams.get('to') === to, id);
    await page.waitForFunction(to => window.careerGraphExplorer.cy.getElementById(to).nonempty() && window.careerGraphExplorer.cy.nodes().length > 1, id);
    assert.equal(await firstMatch.getAttribute('aria-pressed'), 'true');
    assert.equal(new URL(page.url()).searchParams.get('skills'), 'python,docker');

    await page.goto(`${service.baseUrl}/explore?from=machine-learning-engineer&skills=python,docker`);
    const match = page.locator('#matches [data-match]:not([data-match="machine-learning-engineer"])').first();
    await match.waitFor();
    const to = await match.getAttribute('data-match');
    await match.click();
    await page.locator('#steps > li').nth(1).waitFor();
    const steps = await page.locator('#steps > li h3').allInnerTexts();
    assert.equal(steps[0], 'Machine Learning Engineer');
    assert.equal(await page.evaluate(t => window.careerGraphExplorer.cy.getElementById(t).hasClass('target'), to), true);
    // A step of a path is a step, not a move: "moves" are career moves.
    assert.match(await page.locator('#steps').innerText(), /Step 1:/);
    assert.doesNotMatch(await page.locator('#paths').innerText(), /\bmoves?\b/i);
    await page.screenshot({ path: screenshotPath('explore-matches'), fullPage: true });
  });

  it('draws every career of a 40-career neighbourhood, node and label, inside the box', async () => {
    // The career with the most links among the seeds: its neighbourhood is cut at the explorer's 40 careers.
    const careers = (await graphql(service.baseUrl, '{ careers(first: 100) { nodes { id seeAlso { career { id } } seeAlsoFrom { career { id } } } } }')).careers.nodes;
    const hub = careers.map(c => ({ id: c.id, links: c.seeAlso.length + c.seeAlsoFrom.length })).sort((a, b) => b.links - a.links)[0];
    for (const viewport of [{ width: 1280, height: 900 }, { width: 1024, height: 768 }, { width: 420, height: 860 }]) {
      await page.setViewportSize(viewport);
      await page.goto(`${service.baseUrl}/explore?from=${hub.id}`);
      await page.waitForFunction(() => window.careerGraphExplorer.cy.nodes().length >= 40);
      await page.waitForFunction(() => /Graph of 40 careers/.test(document.getElementById('drawing').getAttribute('aria-label')));
      assert.deepEqual(await outsideTheBox(page), [], `at ${viewport.width}×${viewport.height}`);
      // Still readable: the fit did not shrink labels below the size at which they are hidden.
      assert.ok((await page.evaluate(() => window.careerGraphExplorer.cy.zoom())) >= 11 / 12 - 1e-9);
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('loads everything from the service itself, nothing from another host', () => {
    assert.deepEqual(browser.outside, []);
  });
});
