// Debian's Chromium driven by playwright-core, with the flags this machine needs, and a fresh profile per launch.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { repoRoot } from './service.js';

export const artifacts = join(repoRoot, 'tests', 'browser', 'artifacts');

const flags = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  // Without these Chromium tries to reach Google's services, which this network refuses.
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * A browser context; `outside` collects every request a page made to a host other than the service,
 * since the pages must work with no network but the service itself.
 */
export async function openBrowser(baseUrl, { viewport = { width: 1280, height: 900 } } = {}) {
  mkdirSync(artifacts, { recursive: true });
  const profile = mkdtempSync(join(tmpdir(), 'careergraph-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: flags,
    viewport,
    timeout: 60_000,
  });
  context.setDefaultTimeout(20_000);
  const origin = new URL(baseUrl).origin;
  const outside = [];
  context.on('request', request => {
    const url = request.url();
    if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:')) outside.push(url);
  });
  // Chromium reports every resource or inline code the Content-Security-Policy blocked on the console.
  const violations = [];
  context.on('console', message => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  const close = async () => {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
    if (violations.length > 0) throw new Error(`The page broke its Content-Security-Policy:\n${violations.join('\n')}`);
  };
  return { context, outside, close };
}

export const screenshotPath = name => join(artifacts, `${name}.png`);
