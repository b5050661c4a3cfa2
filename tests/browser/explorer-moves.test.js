// "Where next?" in the explorer: the best moves from the From career, as the API ranks them, and the path to one.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openBrowser, screenshotPath } from './support/browser.js';
import { graphql, startService } from './support/service.js';

/** The moves as the panel lists them. */
function readMoves(page) {
  return page.locator('#moves .move').evaluateAll(items =>
    items.map(item => ({
      career: item.querySelector('.move-name').textContent.trim(),
      score: item.querySelector('.move-score').textContent.trim(),
      pressed: item.querySelector('button').getAttribute('aria-pressed'),
      reasons: [...item.querySelectorAll('.reasons li')].map(li => li.textContent.trim()),
      shared: [...item.querySelectorAll('[data-skills="shared"] li')].map(li => li.textContent.trim()),
      learn: [...item.querySelectorAll('[data-skills="new"] li')].map(li => li.textContent.trim()),
    })),
  );
}

const pathDrawn = page => page.evaluate(() => window.careerGraphExplorer.cy.nodes('.path').map(n => n.data('label')).sort());
const names = list => list.map(x => x.name);

describe('Where next? in the explorer', { timeout: 180_000 }, () => {
  let service;
  let browser;
  let page;
  let api;

  before(async () => {
    service = await startService();
    browser = await openBrowser(service.baseUrl);
    page = await browser.context.newPage();
    api = (
      await graphql(
        service.baseUrl,
        `{ careerMoves(from: "machine-learning-engineer", first: 5) {
             career { id name } score reasons sharedSkills { name } skillsToLearn { name } path { careers { name } } } }`,
      )
    ).careerMoves;
  });

  after(async () => {
    await browser?.close();
    await service?.stop();
  });

  it('asks for a From career before there is anything to list', async () => {
    await page.goto(`${service.baseUrl}/explore`);
    const panel = page.getByRole('region', { name: 'Where next?' });
    await panel.getByText('Pick a career to start from').waitFor();
  });

  it('lists the best moves from Machine Learning Engineer as the API ranks them, with scores, reasons and skills', async () => {
    await page.goto(`${service.baseUrl}/explore?from=machine-learning-engineer`);
    const list = page.getByRole('list', { name: 'Best moves from Machine Learning Engineer' });
    await list.locator('.move').nth(api.length - 1).waitFor();

    const moves = await readMoves(page);
    assert.equal(api.length, 5);
    assert.deepEqual(
      moves.map(m => [m.career, m.score, m.reasons, m.shared, m.learn]),
      api.map(m => [m.career.name, `score ${m.score.toFixed(2)}`, m.reasons, names(m.sharedSkills), names(m.skillsToLearn)]),
    );
    assert.ok(moves.every(m => m.pressed === 'false'), 'no move is chosen yet');
    assert.ok(moves[0].reasons.some(r => r.startsWith('shares ')), 'the skills that carry over are a reason');
  });

  it('draws the path to a move chosen with the keyboard, and keeps the focus on it', async () => {
    const move = api.find(m => m.path && m.path.careers.length === 3) ?? api[0];
    const button = page.getByRole('button', { name: `${move.career.name} score ${move.score.toFixed(2)}`, exact: true });
    await button.focus();
    await page.keyboard.press('Enter');

    await page.waitForFunction(id => new URL(location.href).searchParams.get('to') === id, move.career.id);
    await page.locator('#steps > li').nth(move.path.careers.length - 1).waitFor();
    assert.deepEqual(await pathDrawn(page), names(move.path.careers).sort());
    assert.deepEqual(await page.locator('#steps > li h3').allInnerTexts(), names(move.path.careers));
    assert.equal(await page.getByRole('combobox', { name: 'To career' }).inputValue(), move.career.name);

    await page.waitForFunction(id => document.querySelector(`#moves [data-move="${id}"]`)?.getAttribute('aria-pressed') === 'true', move.career.id);
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.move), move.career.id);
    await page.screenshot({ path: screenshotPath('explore-moves'), fullPage: true });
  });

  it('follows the From career: the moves of Data Scientist replace those of Machine Learning Engineer', async () => {
    const expected = (await graphql(service.baseUrl, '{ careerMoves(from: "data-scientist", first: 5) { career { name } } }')).careerMoves;
    await page.goto(`${service.baseUrl}/explore?from=data-scientist`);
    await page.getByRole('list', { name: 'Best moves from Data Scientist' }).locator('.move').nth(expected.length - 1).waitFor();
    assert.deepEqual((await readMoves(page)).map(m => m.career), names(expected.map(m => m.career)));
  });

  it('loads everything from the service itself, nothing from another host', () => {
    assert.deepEqual(browser.outside, []);
  });
});
