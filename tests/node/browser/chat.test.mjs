// The chat example and the dashboard in a real headless Chromium against the local host: two people chat,
// one goes offline and comes back to what was missed, once and in order; the dashboard shows the traffic.
// The screenshots in docs/images/ come from this run. The service is this file's own, so its tests' fixed,
// distinct room names are theirs alone.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DEV_KEY, LocalService, repoRoot } from '../service/local-service.mjs';
import { launch, missingBrowser } from './chromium.mjs';

const skip = missingBrowser() ?? false;
const images = join(repoRoot, 'docs', 'images');
let service;
const browsers = [];

before(async () => {
  if (skip) return;
  service = await LocalService.start();
  mkdirSync(images, { recursive: true });
});

after(async () => {
  await Promise.all(browsers.map((b) => b.close()));
  await service?.stop();
});

async function open(viewport) {
  const browser = await launch(viewport);
  browsers.push(browser);
  return browser;
}

async function openChat(name, room) {
  const browser = await open();
  await browser.page.goto(`${service.baseUrl}/?name=${name}#${room}`);
  await browser.page.waitForSelector('#state[data-state="connected"]');
  await browser.page.waitForSelector('#text:not([disabled])');
  return browser;
}

async function say(page, text) {
  await page.fill('#text', text);
  await page.click('#send');
}

/** The texts of the confirmed messages in the room shown (not the ones still sending). */
const texts = (page) => page.$$eval('#messages li.message:not(.pending) .text', (nodes) => nodes.map((n) => n.textContent));
const offsets = (page) => page.$$eval('#messages li.message[data-offset]', (nodes) => nodes.map((n) => Number(n.dataset.offset)));

async function waitForTexts(page, expected) {
  try {
    await page.waitForFunction(
      (want) => [...document.querySelectorAll('#messages li.message:not(.pending) .text')].map((n) => n.textContent).join('\n') === want.join('\n'),
      expected,
      { timeout: 20_000 },
    );
  } catch {
    assert.deepEqual(await texts(page), expected);
  }
}

test('two people chat; one goes offline, misses three messages, and comes back to each of them once, in order', { skip }, async () => {
  const room = 'design-review';
  const ada = await openChat('ada', room);
  const bob = await openChat('bob', room);

  await say(ada.page, 'hello bob');
  await waitForTexts(bob.page, ['hello bob']);
  await say(bob.page, 'hi ada, what is new?');
  await waitForTexts(ada.page, ['hello bob', 'hi ada, what is new?']);
  await ada.page.waitForSelector('#presence li[data-user="bob"]', { timeout: 15_000 });

  await bob.context.setOffline(true);
  await bob.page.waitForSelector('#state:not([data-state="connected"])');
  for (const text of ['the build is green', 'the dashboard moves', 'and nothing is doubled']) await say(ada.page, text);
  await waitForTexts(ada.page, ['hello bob', 'hi ada, what is new?', 'the build is green', 'the dashboard moves', 'and nothing is doubled']);

  await bob.context.setOffline(false);
  await bob.page.waitForSelector('#state[data-state="connected"]', { timeout: 30_000 });
  const badge = await bob.page.waitForSelector('#recovery[data-recovered="true"]', { timeout: 20_000 });

  await waitForTexts(bob.page, ['hello bob', 'hi ada, what is new?', 'the build is green', 'the dashboard moves', 'and nothing is doubled']);
  assert.deepEqual(await offsets(bob.page), [1, 2, 3, 4, 5]);
  assert.equal(await badge.getAttribute('data-missed'), '3');
  assert.match(await bob.page.textContent('#messages li.divider'), /3 missed while you were away/);
  await say(bob.page, 'back, and I saw all three');
  await waitForTexts(ada.page, ['hello bob', 'hi ada, what is new?', 'the build is green', 'the dashboard moves', 'and nothing is doubled', 'back, and I saw all three']);
  await bob.page.waitForTimeout(300);
  await bob.page.screenshot({ path: join(images, 'chat.png') });
  assert.deepEqual([...ada.problems, ...bob.problems], []);
});

test('the dashboard shows rates, lag, hubs with their groups and recent messages, and inspects the poison queue', { skip }, async () => {
  const groups = ['lobby', 'ops', 'alerts'];
  const sending = (async () => {
    for (let i = 0; i < 36; i++) {
      await service.publish('chat', groups[i % 3], 'message', { user: 'bot', text: `tick ${i}` });
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  })();
  const { page, problems } = await open({ width: 1280, height: 900 });
  await page.goto(`${service.baseUrl}/dashboard`);
  await page.fill('#key', DEV_KEY);
  await page.click('#key-form button');
  await page.waitForSelector('#live[data-state="connected"]');
  await sending;

  await page.waitForFunction(() => Number(document.querySelector('#delivered-total').textContent.split(' ')[0]) >= 36, null, { timeout: 20_000 });
  await page.waitForFunction((names) => names.every((n) => [...document.querySelectorAll('#hubs .group')].some((g) => g.textContent.startsWith(n))), groups);
  assert.ok(await page.$$eval('#recent li .where', (nodes) => nodes.length) >= 10);
  assert.notEqual(await page.textContent('#lag-p50'), '–');
  assert.equal(await page.textContent('#poison-count'), '0');

  await page.click('#poison-open');
  await page.waitForSelector('#poison-rows td.muted');
  await page.click('#poison-close');
  await page.waitForTimeout(1200);
  await page.screenshot({ path: join(images, 'dashboard.png') });
  assert.deepEqual(problems, []);
});

test('the dashboard asks again for a key the service refuses', { skip }, async () => {
  const { page } = await open();
  await page.goto(`${service.baseUrl}/dashboard`);
  await page.fill('#key', 'not-an-admin-key');
  await page.click('#key-form button');

  await page.waitForSelector('#key-error:not([hidden])');
  assert.match(await page.textContent('#key-error'), /not an admin key/);
  assert.equal(await page.getAttribute('#live', 'data-state'), 'disconnected');
});
