#!/usr/bin/env node
// Browser smoke test for Tessera.
//
// Drives Debian's /usr/bin/chromium through playwright-core against a running
// server and walks a list of named flows in each viewport.
//
// Env:
//   BASE_URL        server to test, e.g. http://127.0.0.1:8080 (required)
//   SCREENSHOT_DIR  where <viewport>-<page>.png go (default ./screenshots)
//   CHROMIUM_PATH   browser binary (default /usr/bin/chromium)
//   FLOWS           optional comma-separated flow names to run (default: all)
//   VIEWPORTS       optional comma-separated viewport names (default: all)
//   HEADED=1        show the browser (needs a display)
//
// To add a flow, append { name, run } to FLOWS below. `run(t)` gets a
// FlowContext (see class below): t.page, t.viewport, t.check(), t.goto(),
// t.shot(), t.pageChecks(), ... A flow that throws records one failure and
// the run moves on to the next flow. Every check counts. Console errors, page errors and
// failed requests seen during a flow fail that flow's "no browser errors" check.
//
// Output: one line per check, then exactly `N passed, M failed`.

import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium } from 'playwright-core';

const BASE_URL = (process.env.BASE_URL || '').replace(/\/+$/, '');
const SCREENSHOT_DIR = path.resolve(process.env.SCREENSHOT_DIR || 'screenshots');
const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const ONLY_FLOWS = splitList(process.env.FLOWS);
const ONLY_VIEWPORTS = splitList(process.env.VIEWPORTS);
// The local chain the app quotes for (scripts/browser-tests.sh starts it): the test wallet
// sends its transactions there.
const ANVIL_URL = process.env.ANVIL_URL || '';
// Anvil's dev account #2, unlocked on the node: the test wallet's account.
const WALLET_ACCOUNT = '0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc';

const LAUNCH_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

const VIEWPORTS = [
  {
    name: 'phone',
    // A phone in Kyoto and a desktop in Toronto: event times get the viewer's own beside them
    // only where the zones differ.
    options: { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1, timezoneId: 'Asia/Tokyo' },
  },
  {
    name: 'desktop',
    options: { viewport: { width: 1366, height: 900 }, timezoneId: 'America/Toronto' },
  },
];

const CARD = 'article.event-card';
const CARD_LINK = 'article.event-card a[href*="/events/"]';
const CARD_TITLE = 'h2, h3';

// ------------------------------------------------------------------ flows

const FLOWS = [
  {
    name: 'home',
    async run(t) {
      await t.goto('/');
      const n = await t.page.locator(CARD).count();
      t.check('at least one event card', n >= 1, `${n} cards`);
      const titles = await cardTitles(t.page);
      t.check('every card has a title', titles.length === n && titles.every(Boolean), `${titles.filter(Boolean).length}/${n} titled`);
      const links = await t.page.locator(CARD).evaluateAll((cards) =>
        cards.filter((c) => !c.querySelector('a[href*="/events/"]')).length,
      );
      t.check('every card links to /events/{slug}', links === 0, links ? `${links} cards without a link` : '');
      await t.pageChecks();
      await t.shot('home');
    },
  },
  {
    name: 'filter',
    async run(t) {
      await t.goto('/');
      const form = t.page.locator('form.filters');
      t.check('filter form present', (await form.count()) === 1);
      const city = form.locator('select[name=city]');
      t.check('filter form has select[name=city]', (await city.count()) === 1);
      t.check('filter form has select[name=category]', (await form.locator('select[name=category]').count()) === 1);
      const options = await city.locator('option').evaluateAll((os) =>
        os.map((o) => ({ value: o.value, label: (o.label || o.textContent || '').trim(), disabled: o.disabled })),
      );
      // The second option (the first is normally "All cities"); skip empty/disabled ones.
      const pick = options.slice(1).find((o) => o.value && !o.disabled);
      if (!t.check('city select has a real second option', !!pick, `${options.length} options`)) return;
      const cityName = stripCount(pick.label);
      await city.selectOption(pick.value);
      await Promise.all([
        t.page.waitForURL((u) => u.searchParams.get('city') === pick.value),
        submitButton(form).click(),
      ]);
      await t.page.waitForLoadState('load');
      const cards = await t.page.locator(CARD).allInnerTexts();
      t.check(`city "${cityName}" has events`, cards.length >= 1, `${cards.length} cards`);
      const wrong = cards.filter((text) => !includesFolded(text, cityName));
      t.check(
        `every card shows city "${cityName}"`,
        wrong.length === 0,
        wrong.length ? `${wrong.length} of ${cards.length} do not, e.g. ${JSON.stringify(oneLine(wrong[0]))}` : `${cards.length} cards`,
      );
      const kept = await t.page.locator('form.filters select[name=city]').inputValue().catch(() => null);
      t.check('city select keeps the chosen value', kept === pick.value, `value ${JSON.stringify(kept)}`);
      await t.pageChecks();
      await t.shot('filter');
    },
  },
  {
    name: 'search',
    async run(t) {
      await t.goto('/');
      const titles = await cardTitles(t.page);
      if (!t.check('home has a card title to search for', titles.length > 0 && !!titles[0])) return;
      const word = searchWord(titles[0]);
      const form = t.page.locator('form[role=search]');
      t.check('header search form present', (await form.count()) >= 1);
      const q = form.first().locator('input[name=q]');
      await q.fill(word);
      await Promise.all([
        t.page.waitForURL((u) => u.pathname === '/search'),
        q.press('Enter'),
      ]);
      await t.page.waitForLoadState('load');
      const url = new URL(t.page.url());
      t.check('search lands on /search?q=', url.pathname === '/search' && url.searchParams.get('q') === word, url.pathname + url.search);
      const cards = await t.page.locator(CARD).allInnerTexts();
      t.check(`search "${word}" finds events`, cards.length >= 1, `${cards.length} cards`);
      t.check(
        `a result mentions "${word}"`,
        cards.some((text) => includesFolded(text, word)),
      );
      t.check('search input shows the query', (await t.page.locator('form[role=search] input[name=q]').first().inputValue()) === word);
      await t.pageChecks();
      await t.shot('search');
    },
  },
  {
    name: 'search-empty',
    async run(t) {
      const nonsense = 'zzqxjvwk';
      await t.goto(`/search?q=${nonsense}`);
      const n = await t.page.locator(CARD).count();
      t.check(`search "${nonsense}" finds nothing`, n === 0, `${n} cards`);
      t.check('shows .empty-state', await t.page.locator('.empty-state').first().isVisible().catch(() => false));
      await t.pageChecks();
      await t.shot('search-empty');
    },
  },
  {
    name: 'event',
    async run(t) {
      await t.goto('/');
      const link = t.page.locator(CARD_LINK).first();
      if (!t.check('home has an event link', (await link.count()) === 1)) return;
      const card = t.page.locator(CARD).first();
      const cardTitle = normalize(await card.locator(CARD_TITLE).first().innerText().catch(() => ''));
      await Promise.all([
        t.page.waitForURL((u) => /^\/events\/[^/]+\/?$/.test(u.pathname)),
        link.click(),
      ]);
      await t.page.waitForLoadState('load');
      t.check('lands on /events/{slug}', true, new URL(t.page.url()).pathname);
      const h1 = normalize(await t.page.locator('h1').first().innerText().catch(() => ''));
      t.check('event page has an h1', h1.length > 0, JSON.stringify(h1));
      if (cardTitle) {
        const a = foldText(h1);
        const b = foldText(cardTitle).replace(/(…|\.\.\.)$/, '').trim();
        t.check('h1 matches the card title', a.includes(b) || b.includes(a), `card ${JSON.stringify(cardTitle)}`);
      }
      const when = normalize(await t.page.locator('.event-when').first().innerText().catch(() => ''));
      t.check('.event-when shows a date', /\d/.test(when), JSON.stringify(when));
      const alts = await t.page.locator('img').evaluateAll((imgs) => imgs.map((i) => (i.getAttribute('alt') || '').trim()).filter(Boolean));
      t.check('event page has an img with alt', alts.length >= 1);
      const tickets = normalize(await t.page.locator('.ticket-types').first().innerText().catch(() => ''));
      t.check('.ticket-types lists prices', /\d/.test(tickets), tickets.length > 80 ? JSON.stringify(tickets.slice(0, 80) + '…') : JSON.stringify(tickets));
      await t.pageChecks();
      await t.shot('event');
    },
  },
  {
    name: 'account',
    async run(t) {
      // Sign up with the form, land on the account page, log out with its button.
      const email = `smoke-${t.viewport.name}-${Date.now()}@example.org`;
      if (!(await signUp(t, 'Łucja Smoke-Test', email))) return;
      const profile = await t.page.locator('.profile').innerText();
      t.check('sign-up lands on the account page', profile.includes(email), profile.slice(0, 120));
      t.check('the header names who is signed in',
        (await t.page.locator('.account-nav').innerText()).includes('Łucja Smoke-Test'));
      await t.pageChecks();
      await t.shot('account');
      await Promise.all([t.page.waitForURL(BASE_URL + '/'), t.page.click('form.logout-form button')]);
      t.check('logging out shows "Log in" again',
        await t.page.locator('.account-nav a[href="/login"]').isVisible());
      // And back in with the login form.
      await t.goto('/login');
      await t.page.fill('input[name=email]', email);
      await t.page.fill('input[name=password]', 'a long passphrase');
      await Promise.all([t.page.waitForURL('**/account'), t.page.click('form.stack-form button[type=submit]')]);
      t.check('logging in lands on the account page', new URL(t.page.url()).pathname === '/account');
      // Forgot the password: a link from the inbox sets a new one and signs in.
      await t.page.context().clearCookies();
      await t.goto('/login');
      await Promise.all([t.page.waitForURL('**/forgot-password'), t.page.click('a[href="/forgot-password"]')]);
      await t.page.fill('input[name=email]', email);
      await t.page.click('form.stack-form button[type=submit]');
      await t.page.locator('main h1', { hasText: 'Check your inbox' }).waitFor({ timeout: 10000 }).catch(() => {});
      t.check('asking for a reset says to check the inbox',
        (await t.page.locator('main h1').innerText()).includes('Check your inbox'));
      await t.pageChecks();
      await t.shot('forgot-password');
      const link = await inboxLink(t, email, '/reset-password');
      if (!t.check('the reset link reached the inbox', link !== null)) return;
      await t.goto(link);
      await t.page.fill('input[name=new_password]', 'a brand new passphrase');
      await t.pageChecks();
      await t.shot('reset-password');
      await Promise.all([t.page.waitForURL('**/account?password=changed'), t.page.click('form.stack-form button[type=submit]')]);
      t.check('the new password is saved and the person signed in',
        (await t.page.locator('.notice').first().innerText()).includes('password was changed'));
      await t.page.context().clearCookies();
      await t.goto('/login');
      await t.page.fill('input[name=email]', email);
      await t.page.fill('input[name=password]', 'a brand new passphrase');
      await Promise.all([t.page.waitForURL('**/account'), t.page.click('form.stack-form button[type=submit]')]);
      t.check('the new password logs in', new URL(t.page.url()).pathname === '/account');
      // (A used link is refused with a 410 page: tests/it/forms.rs checks it, here it would be
      // a console error.)
      // Deleting the account: its page says what goes and what stays, the password confirms.
      await Promise.all([t.page.waitForURL('**/account/delete'), t.page.click('a[href="/account/delete"]')]);
      t.check('the deletion page says what stays',
        (await t.page.locator('main').innerText()).includes('Tickets you were sent stay valid'));
      await t.pageChecks();
      await t.shot('account-delete');
      await t.page.fill('input[name=password]', 'a brand new passphrase');
      await Promise.all([t.page.waitForURL('**/account/deleted'), t.page.click('form.stack-form button[type=submit]')]);
      t.check('the account is deleted and the person signed out',
        (await t.page.locator('main h1').innerText()).includes('Your account is deleted')
          && await t.page.locator('.account-nav a[href="/login"]').isVisible());
      await t.pageChecks();
      // (That the old address and password no longer log in, tests/it/account_deletion.rs
      // checks: here the 401 page would count as an error.)
    },
  },
  {
    name: 'buy',
    async run(t) {
      // A new customer buys two tickets, pays in the card sandbox, and watches the order page
      // turn from "confirming" to "paid" by itself.
      const email = `buyer-${t.viewport.name}-${Date.now()}@example.org`;
      // Whoever an earlier flow left signed in, this is a new customer.
      await t.page.context().clearCookies();
      if (!(await signUp(t, 'Zoë Buyer', email))) return;
      await t.goto('/');
      const href = await t.page.locator(CARD_LINK).first().getAttribute('href');
      await t.goto(href);
      const buyLink = t.page.locator('a.button[href$="/buy"]');
      if (!t.check('the event page offers "Buy tickets"', (await buyLink.count()) === 1)) return;
      await Promise.all([t.page.waitForURL('**/buy'), buyLink.click()]);
      const select = t.page.locator('form.buy-form select:not([disabled])').first();
      if (!t.check('the buy page lists a ticket type on sale', (await select.count()) === 1)) return;
      await select.selectOption('2');
      await t.pageChecks();
      await t.shot('buy');
      await Promise.all([
        t.page.waitForURL('**/sandbox/checkout/**'),
        t.page.click('form.buy-form button[type=submit]'),
      ]);
      t.check('the checkout says it is a sandbox', await t.page.locator('.sandbox-banner').isVisible());
      await t.pageChecks();
      await t.shot('sandbox-checkout');
      await Promise.all([
        t.page.waitForURL('**/orders/**'),
        t.page.click('form[action$="/pay"] button'),
      ]);
      const state = t.page.locator('.order-status');
      await state.filter({ hasText: 'Paid.' }).waitFor({ timeout: 15000 }).catch(() => {});
      const text = await state.innerText();
      t.check('the order page turns to "Paid" without a reload', text.includes('Paid.'), oneLine(text));
      t.check('the order lists 2 tickets', (await t.page.locator('.order-lines tbody td').nth(1).innerText()).trim() === '2');
      await t.pageChecks();
      await t.shot('order-paid');
      // The ticketing worker issues the tickets; the page notices and offers the PDF.
      const download = t.page.locator('.order-tickets a[href$="/tickets.pdf"]');
      await download.waitFor({ timeout: 20000 }).catch(() => {});
      if (t.check('the order page offers the tickets PDF once issued', (await download.count()) === 1)) {
        const pdf = await t.page.request.get(await download.getAttribute('href'));
        t.check('the tickets download is a PDF', pdf.ok() && (pdf.headers()['content-type'] || '') === 'application/pdf');
        t.check('one serial per ticket is listed', (await t.page.locator('.ticket-serials li').count()) === 2);
        await t.shot('order-tickets');
      }
      if (process.env.MAILDEV_URL) {
        const inbox = await t.page.request.get(`${process.env.MAILDEV_URL}/api/email`);
        // Besides the sign-up's confirmation link: the tickets.
        const mails = inbox.ok()
          ? (await inbox.json()).filter((m) => (m.to || []).some((to) => to.address === email) && (m.subject || '').startsWith('Your ticket'))
          : [];
        t.check('one ticket email with the PDF attached reached the inbox',
          mails.length === 1 && (mails[0].attachments || []).some((a) => a.contentType === 'application/pdf'),
          `${mails.length} email(s)`);
      }
      await t.goto('/account');
      const orders = await t.page.locator('.order-list').innerText().catch(() => '');
      t.check('the account page lists the paid order', /paid/i.test(orders), oneLine(orders).slice(0, 120));
    },
  },
  {
    name: 'refund',
    async run(t) {
      // A customer buys two tickets; the admin refunds one of them from the order's admin page;
      // the customer sees the refund and the voided ticket on their order page.
      const email = `refund-${t.viewport.name}-${Date.now()}@example.org`;
      await t.page.context().clearCookies();
      if (!(await signUp(t, 'Rui Refund', email))) return;
      await t.goto('/');
      await t.goto(await t.page.locator(CARD_LINK).first().getAttribute('href'));
      await Promise.all([t.page.waitForURL('**/buy'), t.page.locator('a.button[href$="/buy"]').click()]);
      await t.page.locator('form.buy-form select:not([disabled])').first().selectOption('2');
      await Promise.all([t.page.waitForURL('**/sandbox/checkout/**'), t.page.click('form.buy-form button[type=submit]')]);
      await Promise.all([t.page.waitForURL('**/orders/**'), t.page.click('form[action$="/pay"] button')]);
      const orderPath = new URL(t.page.url()).pathname;
      await t.page.locator('.order-tickets a[href$="/tickets.pdf"]').waitFor({ timeout: 20000 }).catch(() => {});
      if (!t.check('the order is paid and its tickets issued', (await t.page.locator('.ticket-serials li').count()) === 2)) return;

      await signInAsAdmin(t, `/admin${orderPath}`);
      t.check('the admin order page names the customer', (await t.page.locator('.order-facts').innerText()).includes(email));
      await t.pageChecks();
      await t.shot('admin-order');
      await t.page.locator('.refund-form input[type=checkbox][name^="ticket_"]').first().check();
      await Promise.all([t.page.waitForURL('**?refunded=1'), t.page.click('.refund-form button[type=submit]')]);
      const status = await t.page.locator('.admin-order-status').innerText();
      t.check('the order is partly refunded', status.includes('partly refunded'), oneLine(status));
      t.check('the refund is listed as refunded', (await t.page.locator('.badge-refund-succeeded').count()) === 1);
      await t.pageChecks();
      await t.shot('admin-order-refunded');

      await t.page.context().clearCookies();
      await t.goto(`/login?next=${orderPath}`);
      await t.page.fill('input[name=email]', email);
      await t.page.fill('input[name=password]', 'a long passphrase');
      await Promise.all([t.page.waitForURL(`**${orderPath}`), t.page.click('form.stack-form button[type=submit]')]);
      const refunds = await t.page.locator('.order-refunds').innerText().catch(() => '');
      t.check('the customer sees the refund to their card', /to the card you paid with/.test(refunds) && /refunded/i.test(refunds), oneLine(refunds));
      t.check('one ticket is marked no longer valid', (await t.page.locator('.ticket-serials li.ticket-voided').count()) === 1);
      await t.pageChecks();
      await t.shot('order-refunded');
    },
  },
  {
    name: 'bitcoin',
    async run(t) {
      // A new customer pays one ticket in bitcoin on the BTCPay sandbox's invoice page: the
      // order page says the payment is confirming, then "Paid" once a block confirms it.
      await t.page.context().clearCookies();
      if (!(await signUp(t, 'Satoshi Buyer', `btc-${t.viewport.name}-${Date.now()}@example.org`))) return;
      await t.goto('/');
      const href = await t.page.locator(CARD_LINK).nth(1).getAttribute('href');
      await t.goto(`${href}/buy`);
      const select = t.page.locator('form.buy-form select:not([disabled])').first();
      if (!t.check('the buy page lists a ticket type on sale', (await select.count()) === 1)) return;
      await select.selectOption('1');
      const bitcoin = t.page.locator('input[name=payment_method][value=btc]');
      if (!t.check('the buy page offers bitcoin', (await bitcoin.count()) === 1)) return;
      await bitcoin.check();
      await Promise.all([
        t.page.waitForURL('**/sandbox/btcpay/i/**'),
        t.page.click('form.buy-form button[type=submit]'),
      ]);
      t.check('the invoice page says it is a sandbox', await t.page.locator('.sandbox-banner').isVisible());
      await t.pageChecks();
      await t.shot('btcpay-invoice');
      const invoice = t.page.url();
      await Promise.all([t.page.waitForURL(invoice), t.page.click('form[action$="/pay"] button')]);
      t.check('the invoice is confirming', (await t.page.locator('.sandbox-invoice').innerText()).includes('Processing'));
      await Promise.all([t.page.waitForURL('**/orders/**'), t.page.click('a:has-text("Back to your order")')]);
      const state = t.page.locator('.order-status');
      await state.filter({ hasText: 'waiting for confirmations' }).waitFor({ timeout: 15000 }).catch(() => {});
      t.check('the order page says the payment is confirming', (await state.innerText()).includes('waiting for confirmations'),
        oneLine(await state.innerText()));
      await t.pageChecks();
      await t.shot('order-btc-confirming');
      const order = t.page.url();
      // A block is mined on the invoice page; back on the order page, it says "Paid".
      await t.page.goto(invoice);
      await Promise.all([t.page.waitForURL(invoice), t.page.click('form[action$="/confirm"] button')]);
      await Promise.all([t.page.waitForURL('**/orders/**'), t.page.click('a:has-text("Back to your order")')]);
      await state.filter({ hasText: 'Paid.' }).waitFor({ timeout: 20000 }).catch(() => {});
      t.check('the order page turns to "Paid" once confirmed', (await state.innerText()).includes('Paid.'), oneLine(await state.innerText()));
      t.check('the order page lists the bitcoin transaction', (await t.page.locator('.order-transactions tbody tr').count()) === 1);
      t.check('still on the order page', t.page.url() === order);
      await t.shot('order-btc-paid');
    },
  },
  {
    name: 'ether-wallet',
    async run(t) {
      // A customer pays in ETH with a browser wallet: the order page shows the amount, the
      // contract, the QR code and the wallet button; the (test) wallet sends exactly the
      // transaction the page prepared to the local chain; the page follows the confirmations
      // to "Paid".
      if (!t.check('an anvil chain is configured', !!ANVIL_URL)) return;
      await injectTestWallet(t.page);
      if (!(await buyWith(t, 'eth', 'Vitalik Buyer', { reuse: true }))) return;
      const pay = t.page.locator('.eth-pay');
      t.check('the order page shows how much ETH to pay', /Pay [0-9.]+ ETH/.test(await pay.locator('h2').innerText()));
      t.check('the order page shows the contract', /0x[0-9a-f]{40}/.test(await pay.locator('.eth-details').innerText()));
      t.check('the QR code is drawn', await pay.locator('svg.qr').isVisible());
      t.check('the EIP-681 link is there', (await pay.locator('a[href^="ethereum:"]').count()) === 1);
      await t.pageChecks();
      await t.shot('order-eth-quote');
      await pay.locator('button[data-wallet-pay]').click();
      const state = t.page.locator('.order-status');
      await state.filter({ hasText: 'Paid.' }).waitFor({ timeout: 30000 }).catch(() => {});
      t.check('the order page turns to "Paid" once the payment is confirmed', (await state.innerText()).includes('Paid.'),
        oneLine(await state.innerText()));
      t.check('the order page lists the payment to the contract', (await t.page.locator('.order-transactions tbody tr').count()) === 1);
      await t.shot('order-eth-paid');
    },
  },
  {
    name: 'usdc-sandbox',
    async run(t) {
      // A customer pays in USDC with the demo's sandbox button (an anvil dev account approves
      // and pays); the page says the payment is confirming, then "Paid".
      if (!(await buyWith(t, 'usdc', 'Stable Buyer'))) return;
      t.check('the order page asks for the token', /Pay [0-9.]+ USDC/.test(await t.page.locator('.eth-pay h2').innerText()));
      t.check('the sandbox button says it is a sandbox', await t.page.locator('.sandbox-pay .sandbox-label').isVisible());
      const order = t.page.url();
      await Promise.all([t.page.waitForURL(order), t.page.click('form.sandbox-pay button')]);
      const state = t.page.locator('.order-status');
      await state.filter({ hasText: 'Paid.' }).waitFor({ timeout: 30000 }).catch(() => {});
      t.check('the USDC order turns to "Paid"', (await state.innerText()).includes('Paid.'), oneLine(await state.innerText()));
      await t.pageChecks();
      await t.shot('order-usdc-paid');
    },
  },
  {
    name: 'usdt-wallet',
    async run(t) {
      // A customer pays in USDT (whose approve and transfers return nothing, and whose
      // allowance changes only through zero) with a browser wallet that still allows the
      // contract a little from an earlier try: the page's wallet script resets that allowance,
      // approves, pays, and the order turns "Paid".
      if (!t.check('an anvil chain is configured', !!ANVIL_URL)) return;
      await injectTestWallet(t.page);
      if (!(await buyWith(t, 'usdt', 'Tether Buyer', { reuse: true }))) return;
      const codes = await t.page.locator('.eth-details code.wrap').allInnerTexts();
      const [contract, token] = codes.map((c) => c.trim());
      const units = (await t.page.locator('.eth-details dd').first().innerText()).match(/\(([0-9]+) base units\)/);
      if (!t.check('the order page shows the contract, the token and the amount', !!contract && !!token && !!units, oneLine(codes.join(' ')))) return;
      const word = (hex) => hex.replace(/^0x/, '').padStart(64, '0');
      const send = (data) =>
        anvil('eth_sendTransaction', [{ from: WALLET_ACCOUNT, to: token, data }]).then((hash) => waitMined(hash));
      // mint(wallet, amount), then approve(contract, 1): a leftover allowance.
      await send('0x40c10f19' + word(WALLET_ACCOUNT) + word(BigInt(units[1]).toString(16)));
      await send('0x095ea7b3' + word(contract) + word('1'));
      await t.page.locator('.eth-pay button[data-wallet-pay]').click();
      const state = t.page.locator('.order-status');
      await state.filter({ hasText: 'Paid.' }).waitFor({ timeout: 30000 }).catch(() => {});
      t.check('the USDT order turns to "Paid"', (await state.innerText()).includes('Paid.'), oneLine(await state.innerText()));
      await t.shot('order-usdt-paid');
    },
  },
  {
    name: 'usdc-l2',
    async run(t) {
      // A customer picks USDC on the second chain at checkout: the quote is that chain's (the
      // order page names it and asks the wallet for its chain id), the sandbox pays it there,
      // and the order turns "Paid" once that chain's watcher has seen it deep enough.
      if (!t.check('a second chain is configured', !!process.env.ANVIL_L2_URL)) return;
      if (!(await buyWith(t, 'usdc@1337', 'Layer Two Buyer', { reuse: true }))) return;
      t.check('the order page asks for the token', /Pay [0-9.]+ USDC/.test(await t.page.locator('.eth-pay h2').innerText()));
      const details = await t.page.locator('.eth-details').innerText();
      t.check('the order page names the chain', details.includes('Local L2') && details.includes('1337'), oneLine(details));
      t.check('the wallet button asks for that chain', (await t.page.locator('[data-chain-id="0x539"]').count()) >= 1);
      await t.pageChecks();
      await t.shot('order-usdc-l2-quote');
      const order = t.page.url();
      await Promise.all([t.page.waitForURL(order), t.page.click('form.sandbox-pay button')]);
      const state = t.page.locator('.order-status');
      await state.filter({ hasText: 'Paid.' }).waitFor({ timeout: 30000 }).catch(() => {});
      t.check('the order on the second chain turns to "Paid"', (await state.innerText()).includes('Paid.'), oneLine(await state.innerText()));
      await t.shot('order-usdc-l2-paid');
    },
  },
  {
    name: 'lightning',
    async run(t) {
      // A customer pays over Lightning: the order page shows the invoice's request as a QR
      // code, a lightning: link and text, with the amount in sats and the rate it was quoted
      // at; the sandbox wallet pays it, and the page says "Paid" at once (nothing to confirm),
      // listing the payment by its hash.
      if (!(await buyWith(t, 'lightning', 'Lightning Buyer'))) return;
      const pay = t.page.locator('.ln-pay');
      if (!t.check('the order page shows the Lightning request', (await pay.count()) === 1)) return;
      const heading = await pay.locator('h2').innerText();
      t.check('it asks for an exact amount in sats', /Pay [0-9,\s]+ sats \(0\.[0-9]+ BTC\) over Lightning/.test(heading), heading);
      t.check('the QR code is drawn', await pay.locator('svg.qr').isVisible());
      const request = await pay.locator('textarea.ln-request').inputValue();
      t.check('the request is a regtest BOLT11 invoice', /^lnbcrt[0-9]+[munp]?1[02-9ac-hj-np-z]+$/.test(request), request.slice(0, 24));
      t.check('the lightning: link pays that request', (await pay.locator('a[href^="lightning:"]').getAttribute('href')) === `lightning:${request}`);
      t.check('the rate and when it was quoted are shown', /Rate: 1 BTC = .+, quoted/.test(await pay.innerText()));
      t.check('the sandbox wallet says it is a sandbox', await pay.locator('.sandbox-pay .sandbox-label').isVisible());
      await t.pageChecks();
      await t.shot('order-ln-request');
      const order = t.page.url();
      await Promise.all([t.page.waitForURL(order), pay.locator('form.sandbox-pay button').click()]);
      const state = t.page.locator('.order-status');
      await state.filter({ hasText: 'Paid.' }).waitFor({ timeout: 20000 }).catch(() => {});
      t.check('the Lightning order turns to "Paid"', (await state.innerText()).includes('Paid.'), oneLine(await state.innerText()));
      const payments = t.page.locator('.order-transactions');
      t.check('the order page lists the Lightning payment by its hash',
        (await payments.locator('caption').innerText()).includes('Lightning payments')
          && /^[0-9a-f]{64}$/.test((await payments.locator('tbody tr td code').first().innerText()).trim()));
      t.check('no request is offered once paid', (await t.page.locator('.ln-pay').count()) === 0);
      await t.pageChecks();
      await t.shot('order-ln-paid');
    },
  },
  {
    name: 'switch-rail',
    async run(t) {
      // A customer starts paying over Lightning, then pays by card instead without losing the
      // tickets: "Pay another way" on the order page closes the Lightning request and sends
      // them to the card checkout; paid there, the order is paid once, by card.
      if (!(await buyWith(t, 'lightning', 'Switching Buyer'))) return;
      const order = t.page.url().split('?')[0];
      const other = t.page.locator('details.switch-rail');
      if (!t.check('the order page offers another way to pay', (await other.count()) === 1)) return;
      await other.locator('summary').click();
      const card = other.locator('input[name=payment_method][value=card]');
      t.check('card is one of the other ways', (await card.count()) === 1);
      t.check('the way already chosen is not offered again', (await other.locator('input[value=lightning]').count()) === 0);
      await t.pageChecks();
      await t.shot('order-switch-rail');
      await card.check();
      await Promise.all([t.page.waitForURL('**/sandbox/checkout/**'), other.locator('button[type=submit]').click()]);
      t.check('on to the card checkout', /\/sandbox\/checkout\//.test(t.page.url()), t.page.url());
      await Promise.all([t.page.waitForURL('**/orders/**'), t.page.click('form[action$="/pay"] button')]);
      const state = t.page.locator('.order-status');
      await state.filter({ hasText: 'Paid.' }).waitFor({ timeout: 15000 }).catch(() => {});
      t.check('the order is paid by card', (await state.innerText()).includes('Paid.'), oneLine(await state.innerText()));
      t.check('back on the same order', t.page.url().split('?')[0] === order, t.page.url());
      t.check('the order says it was paid by card', (await t.page.locator('.order .hint').last().innerText()).includes('Card'));
      t.check('nothing else is offered once paid', (await t.page.locator('details.switch-rail, .ln-pay').count()) === 0);
      await t.pageChecks();
      await t.shot('order-switched-paid');
    },
  },
  {
    name: 'admin-money',
    async run(t) {
      // After the paid orders of the flows before (card, bitcoin, ETH, USDC): the analytics page
      // shows what came in per asset with charts beside their tables, and the finance page lists
      // the receipts with a CSV download; both fit a phone.
      await signInAsAdmin(t, '/admin/analytics');
      const cards = await t.page.locator('.stat-cards li').allInnerTexts();
      t.check('analytics shows money received', cards.length > 0, cards.map(oneLine).join(' | '));
      t.check('analytics draws its charts', (await t.page.locator('svg.chart').count()) >= 4);
      t.check('each chart has a table of its numbers', (await t.page.locator('.chart-pair table').count()) >= 3);
      await t.pageChecks();
      await t.shot('admin-analytics');
      await t.goto('/admin/finance');
      const rows = await t.page.locator('.finance-table tbody tr').count();
      t.check('finance lists the receipts', rows > 0, `${rows} receipts`);
      t.check('finance offers the CSV', (await t.page.locator('a:has-text("Download CSV")').count()) === 1);
      await t.pageChecks();
      await t.shot('admin-finance');
    },
  },
  {
    name: 'market',
    async run(t) {
      // After the flows before it browsed, searched and bought: the Market page answers with
      // charts beside their tables and a CSV per table, fits a phone, and an event's tracking
      // links are made on its own page. A visitor looks around first (from a newsletter).
      await t.page.context().clearCookies();
      await t.goto('/?utm_source=newsletter&utm_medium=email&utm_campaign=smoke');
      await t.goto((await cardHrefs(t.page))[0]);
      await t.goto('/search?q=nothing-like-this-anywhere');
      await signInAsAdmin(t, '/admin/market');
      t.check('the Market page has its heading', (await t.page.locator('main h1').innerText()).includes('Market'));
      const cards = await t.page.locator('.stat-cards li').allInnerTexts();
      t.check('the Market page shows its headline figures', cards.length >= 5, cards.map(oneLine).join(' | '));
      t.check('the Market page draws charts', (await t.page.locator('svg.chart').count()) >= 2);
      const market = await t.page.locator('main').innerText();
      t.check('the funnel counts event page views', /Event page views/.test(market));
      t.check('the newsletter is among the channels', market.includes('newsletter / email / smoke'));
      t.check('the search that found nothing is listed', market.includes('nothing-like-this-anywhere'));
      const csv = t.page.locator('a[href*="format=csv&table=channels"]');
      if (t.check('the channels table has its CSV', (await csv.count()) === 1)) {
        const file = await t.page.request.get(await csv.getAttribute('href'));
        t.check('the CSV downloads', file.ok() && (file.headers()['content-type'] || '').startsWith('text/csv'),
          `${file.status()}`);
      }
      await t.pageChecks();
      await t.shot('admin-market');
      await t.goto('/admin/events');
      const edit = await t.page.locator('.admin-table a[href$="/edit"]').first().getAttribute('href');
      await t.goto(edit);
      await Promise.all([t.page.waitForURL('**/links'), t.page.click('a[href$="/links"]')]);
      await t.page.fill('#link-source', 'poster');
      await t.page.fill('#link-medium', 'qr');
      await t.page.fill('#link-campaign', `Smoke ${t.viewport.name}`);
      await Promise.all([t.page.waitForURL('**/links?done=added'), t.page.click('form.stack-form button[type=submit]')]);
      const link = await t.page.locator('.admin-table input[readonly]').first().inputValue();
      t.check('the tracking link carries its tags', link.includes(`utm_campaign=smoke-${t.viewport.name}`), link);
      await t.pageChecks();
      await t.shot('admin-links');
    },
  },
  {
    name: 'waitlist',
    async run(t) {
      // A customer joins the waiting list of a sold-out ticket type; the organiser adds a
      // ticket; the offer reaches the customer's inbox, holds the ticket for them, and they pay
      // for it from the link.
      await signInAsAdmin(t, '/admin/events');
      await t.goto('/admin/events/new');
      const title = `Waitlist ${t.viewport.name} ${Date.now()}`;
      const fill = async (name, value) => t.page.fill(`form.event-form [name="${name}"]`, value);
      await fill('title', title);
      await fill('description', 'Sold out before it was announced.');
      await t.page.selectOption('form.event-form [name=category]', 'concert');
      await t.page.selectOption('form.event-form [name=status]', 'published');
      await fill('language', 'pt');
      await fill('starts_local', '2031-04-01T21:00');
      await fill('ends_local', '2031-04-01T23:00');
      await fill('timezone', 'Europe/Lisbon');
      await fill('venue_name', 'Tasca do Chico');
      await fill('address', 'Rua do Diário de Notícias 39');
      await fill('city', 'Lisbon');
      await fill('country', 'PT');
      await fill('latitude', '38.7115');
      await fill('longitude', '-9.1452');
      await fill('currency', 'EUR');
      await fill('tt_name_0', 'Seat');
      await fill('tt_price_0', '15');
      await fill('tt_capacity_0', '0');
      await Promise.all([t.page.waitForURL('**/edit?saved=1'), t.page.click('form.event-form button[type=submit]')]);
      const edit = new URL(t.page.url()).pathname;
      const id = edit.split('/')[3];
      const shown = await t.page.request.get(`/api/events/${id}`);
      if (!t.check('the sold-out event is published', shown.ok(), `${shown.status()}`)) return;
      const slug = (await shown.json()).slug;

      const email = `waiting-${t.viewport.name}-${Date.now()}@example.org`;
      await t.page.context().clearCookies();
      if (!(await signUp(t, 'Inês Waiting', email))) return;
      await t.goto(`/events/${slug}/buy`);
      const join = t.page.locator('form.waitlist-form button[type=submit]');
      if (!t.check('a sold-out ticket type offers its waiting list', (await join.count()) === 1)) return;
      await Promise.all([t.page.waitForURL('**/buy?waitlist=joined'), join.click()]);
      const main = await t.page.locator('main').innerText();
      t.check('the buy page says the place in line', main.includes('You are number 1 in line for 1 × Seat.'), oneLine(main).slice(0, 200));
      await t.pageChecks();
      await t.shot('waitlist-joined');

      // The organiser adds a ticket: the offer goes out.
      await signInAsAdmin(t, edit);
      await fill('tt_capacity_0', '1');
      await Promise.all([t.page.waitForURL('**/edit?saved=1'), t.page.click('form.event-form button[type=submit]')]);
      let offer = null;
      for (let i = 0; i < 300 && !offer; i++) {
        const inbox = await t.page.request.get(`${process.env.MAILDEV_URL}/api/email`);
        const mails = inbox.ok() ? (await inbox.json()).filter((m) => (m.to || []).some((to) => to.address === email)) : [];
        const match = mails.map((m) => (m.text || '').match(/\/orders\/[0-9a-f-]{36}/)).find(Boolean);
        if (match) offer = match[0];
        else await new Promise((resolve) => setTimeout(resolve, 100));
      }
      if (!t.check('the offer reached the inbox', offer !== null)) return;

      await t.page.context().clearCookies();
      await t.goto(`/login?next=${offer}`);
      await t.page.fill('input[name=email]', email);
      await t.page.fill('input[name=password]', 'a long passphrase');
      await Promise.all([t.page.waitForURL(`**${offer}`), t.page.click('form.stack-form button[type=submit]')]);
      const pay = t.page.locator('a.button[href*="/sandbox/checkout/"]');
      if (!t.check('the offer holds the ticket for them to pay', (await pay.count()) === 1)) return;
      await t.pageChecks();
      await t.shot('waitlist-offer');
      await Promise.all([t.page.waitForURL('**/sandbox/checkout/**'), pay.click()]);
      await Promise.all([t.page.waitForURL('**/orders/**'), t.page.click('form[action$="/pay"] button')]);
      const state = t.page.locator('.order-status');
      await state.filter({ hasText: 'Paid.' }).waitFor({ timeout: 15000 }).catch(() => {});
      t.check('the offered ticket is paid for', (await state.innerText()).includes('Paid.'));
    },
  },
  {
    name: 'admin',
    async run(t) {
      // Log in as the admin the harness created, create an event, find it in the list.
      // Start signed out: an earlier flow may have left a customer signed in.
      await signInAsAdmin(t, '/admin/events');
      t.check('the admin lands on the event list', (await t.page.locator('.admin-table tbody tr').count()) > 0);
      await t.goto('/admin/events/new');
      const title = `Smoke ${t.viewport.name} ${Date.now()}`;
      const fill = async (name, value) => t.page.fill(`form.event-form [name="${name}"]`, value);
      await fill('title', title);
      await fill('description', 'Made by the browser test.');
      await t.page.selectOption('form.event-form [name=category]', 'market');
      await t.page.selectOption('form.event-form [name=status]', 'published');
      await fill('language', 'en');
      await fill('tags', 'smoke');
      await fill('starts_local', '2031-03-01T10:00');
      await fill('ends_local', '2031-03-01T16:00');
      await fill('timezone', 'Africa/Johannesburg');
      await fill('venue_name', 'Old Biscuit Mill');
      await fill('address', '373-375 Albert Rd, Woodstock');
      await fill('city', 'Cape Town');
      await fill('country', 'ZA');
      await fill('latitude', '-33.9275');
      await fill('longitude', '18.4573');
      await fill('currency', 'ZAR');
      await fill('tt_name_0', 'Entry');
      await fill('tt_price_0', '60');
      await fill('tt_capacity_0', '500');
      await t.shot('admin-new');
      await Promise.all([t.page.waitForURL('**/edit?saved=1'), t.page.click('form.event-form button[type=submit]')]);
      t.check('saving shows "Saved."', (await t.page.locator('.notice').innerText()).includes('Saved'));
      await t.pageChecks();
      await t.goto(`/admin/events?q=${encodeURIComponent(title)}`);
      t.check('the new event is in the list', (await t.page.locator('.admin-table').innerText()).includes(title));
      await t.shot('admin-list');
      // The delivery desk and the door (the buy flow's order has its tickets by now).
      await t.goto('/admin/deliveries');
      t.check('the deliveries page lists deliveries', (await t.page.locator('h1').innerText()).includes('Ticket deliveries'));
      await t.pageChecks();
      await t.shot('admin-deliveries');
      await t.goto('/admin/checkin');
      t.check('the check-in page has a ticket code field', (await t.page.locator('#checkin-token, .empty-state').count()) >= 1);
      await t.pageChecks();
      await t.shot('admin-checkin');
      // The staff: the admin is listed, and door staff are added by email here.
      await t.goto('/admin/staff');
      t.check('the staff page lists the admin', (await t.page.locator('.admin-table').innerText()).includes(process.env.ADMIN_EMAIL || '@'));
      t.check('the staff page can add door staff', (await t.page.locator('#staff-email').count()) === 1);
      await t.pageChecks();
      await t.shot('admin-staff');
    },
  },
  {
    name: 'admin-languages',
    async run(t) {
      // The admin console, and the pages a buyer reads, in the languages with the longest words
      // (German, French) and in Japanese: every page in the language asked for, none wider than
      // the phone.
      await signInAsAdmin(t, '/admin/events');
      await t.goto('/');
      const event = (await cardHrefs(t.page))[0];
      const edit = await (async () => {
        await t.goto('/admin/events');
        return t.page.locator('.admin-table a[href$="/edit"]').first().getAttribute('href');
      })();
      const pages = ['/admin/events', '/admin/events/new', '/admin/analytics', '/admin/finance', '/admin/refunds',
        '/admin/audit', '/admin/deliveries', '/admin/staff', '/admin/checkin', '/account', '/'];
      if (event) pages.push(event, `${event}/buy`);
      if (edit) pages.push(edit);
      for (const tag of ['de', 'fr', 'ja']) {
        for (const p of pages) {
          await t.goto(`${p}${p.includes('?') ? '&' : '?'}lang=${tag}`);
          const lang = await t.page.evaluate(() => document.documentElement.lang);
          t.check(`${p} in ${tag}`, lang === tag, `lang=${lang}`);
          await t.pageChecks();
        }
        await t.goto(`/admin/events/new?lang=${tag}`);
        await t.shot(`admin-new-${tag}`);
      }
    },
  },
  {
    name: 'pagination',
    async run(t) {
      await t.goto('/');
      const next = t.page.locator('a[rel=next]').first();
      if ((await next.count()) === 0) {
        t.skip('no a[rel=next] on home');
        return;
      }
      const before = await cardHrefs(t.page);
      const from = t.page.url();
      await Promise.all([t.page.waitForURL((u) => u.href !== from), next.click()]);
      await t.page.waitForLoadState('load');
      const after = await cardHrefs(t.page);
      t.check('next page has event cards', after.length >= 1, `${after.length} cards at ${new URL(t.page.url()).search}`);
      const repeated = after.filter((h) => before.includes(h));
      t.check('next page shows other events', repeated.length === 0, repeated.length ? `repeats ${repeated[0]}` : '');
      await t.pageChecks();
      await t.shot('home-page2');
    },
  },
  {
    name: 'near-me',
    async run(t) {
      // "Near me" asks the browser where it is only when pressed, then lists what is closest
      // first, each card saying how far. The position is Rossio, in Lisbon.
      const context = t.page.context();
      await context.grantPermissions(['geolocation']);
      await context.setGeolocation({ latitude: 38.7139, longitude: -9.1394 });
      try {
        await t.goto('/');
        const button = t.page.locator('button[data-near-me]');
        if (!t.check('the filters offer "Near me"', await button.isVisible())) return;
        await Promise.all([t.page.waitForURL((u) => u.searchParams.has('near')), button.click()]);
        await t.page.waitForLoadState('load');
        const url = new URL(t.page.url());
        t.check('the listing is sorted nearest first', url.searchParams.get('sort') === 'distance', url.search);
        // English numbers: "0.9 km away" (under 25 km, no thousands separator).
        const distances = (await t.page.locator('.card-distance').allInnerTexts()).map((text) => parseFloat(text));
        t.check('each card says how far', distances.length > 0 && distances.every((d) => !Number.isNaN(d)), distances.join(' | '));
        t.check('nearest first', distances.every((d, i) => i === 0 || distances[i - 1] <= d), distances.join(' ≤ '));
        t.check('the closest is in Lisbon', distances[0] < 25, `${distances[0]} km`);
        t.check('the listing can be seen anywhere again', (await t.page.locator('a.near-clear').count()) === 1);
        await t.pageChecks();
        await t.shot('near-me');
      } finally {
        await context.clearPermissions();
      }
    },
  },
  {
    name: 'search-suggestions',
    async run(t) {
      // The header's search box suggests events, cities and categories while typing (an ARIA
      // combobox): the arrow keys walk the list, Enter opens the highlighted one, Escape closes
      // it and Enter then searches as the plain form does.
      await t.goto('/');
      const box = t.page.locator('#site-q');
      const list = t.page.locator('#site-q-suggestions');
      t.check('the search box is a combobox', (await box.getAttribute('role')) === 'combobox');
      t.check('it controls the suggestion list', (await box.getAttribute('aria-controls')) === 'site-q-suggestions');
      await box.click();
      await box.pressSequentially('lisb', { delay: 60 });
      await list.waitFor({ state: 'visible', timeout: 5000 }).catch(() => {});
      if (!t.check('suggestions appear while typing "lisb"', await list.isVisible())) return;
      t.check('the box says its list is open', (await box.getAttribute('aria-expanded')) === 'true');
      const options = list.locator('[role=option]');
      const names = await list.locator('.suggestion-name').allInnerTexts();
      t.check('Lisbon is suggested as a city', names.includes('Lisbon'), names.join(' | '));
      t.check('events are suggested too', (await options.count()) > 1, names.join(' | '));
      await t.pageChecks();
      await t.shot('search-suggestions');

      await box.press('ArrowDown');
      const first = options.first();
      t.check('ArrowDown highlights the first suggestion', (await box.getAttribute('aria-activedescendant')) === (await first.getAttribute('id')));
      t.check('the highlighted suggestion is selected', (await first.getAttribute('aria-selected')) === 'true');
      await box.press('ArrowDown');
      await box.press('ArrowUp');
      t.check('ArrowUp goes back', (await first.getAttribute('aria-selected')) === 'true');
      const target = await first.getAttribute('data-url');
      await Promise.all([t.page.waitForURL((u) => u.pathname === target), box.press('Enter')]);
      t.check('Enter opens the highlighted suggestion', new URL(t.page.url()).pathname === target, t.page.url());

      await t.goto('/');
      await box.click();
      await box.pressSequentially('fad', { delay: 60 });
      await list.waitFor({ state: 'visible', timeout: 5000 }).catch(() => {});
      await box.press('Escape');
      t.check('Escape closes the list', !(await list.isVisible()) && (await box.getAttribute('aria-expanded')) === 'false');
      await Promise.all([t.page.waitForURL((u) => u.pathname === '/search'), box.press('Enter')]);
      const url = new URL(t.page.url());
      t.check('Enter without a suggestion searches for the text', url.searchParams.get('q') === 'fad', url.search);
      const titles = await cardTitles(t.page);
      t.check('the word being typed finds fado', titles.some((title) => /fado/i.test(title)), titles.join(' | '));
    },
  },
  {
    name: 'city-map',
    async run(t) {
      // A city page: its neighbourhoods as filters, and its events on a map above the list.
      // The tile server is out of reach here, so the map is its markers on a blank background.
      await t.goto('/cities/lisbon');
      t.check('the city page answers', (await t.page.locator('h1').innerText()).includes('Lisbon'));
      const chips = t.page.locator('nav.neighbourhoods a');
      t.check('neighbourhoods are offered', (await chips.count()) > 2, `${await chips.count()} links`);
      t.check('a city page shows its map', (await t.page.locator('figure.map svg.map-canvas').count()) === 1);
      const markers = t.page.locator('.map-canvas a.map-marker');
      const count = await markers.count();
      const cards = await cardTitles(t.page);
      t.check('each venue has a marker', count > 0 && count <= cards.length, `${count} markers, ${cards.length} cards`);
      const box = await t.page.locator('.map-canvas').boundingBox();
      t.check('the map fits the screen', box && box.width <= t.page.viewportSize().width && box.height > 100, JSON.stringify(box));
      const inside = await markers.evaluateAll((links) => links.every((a) => {
        const svg = a.ownerSVGElement.getBoundingClientRect();
        const pin = a.getBoundingClientRect();
        return pin.width > 0 && pin.left >= svg.left - 1 && pin.right <= svg.right + 1 && pin.top >= svg.top - 1 && pin.bottom <= svg.bottom + 1;
      }));
      t.check('every marker is drawn inside the map', inside);
      t.check('the list is still there', cards.length > 0);
      await t.pageChecks();
      await t.shot('city-map');

      // The map moves: its buttons zoom around the centre, a drag pans it, and so do the
      // arrow keys once it has focus; the markers follow, projected again at each zoom.
      const canvas = t.page.locator('.map-canvas');
      const zoomIn = t.page.locator('.map-controls button[data-map-zoom="1"]');
      const zoomOut = t.page.locator('.map-controls button[data-map-zoom="-1"]');
      t.check('the map offers zoom buttons', (await zoomIn.isVisible()) && (await zoomOut.isVisible()));
      t.check('the zoom buttons are named', (await zoomIn.getAttribute('aria-label')) === 'Zoom in');
      const level = async () => Number(await canvas.getAttribute('data-zoom'));
      const spread = () => markers.evaluateAll((links) => {
        const xs = links.map((a) => a.querySelector('path').getBoundingClientRect().x);
        const ys = links.map((a) => a.querySelector('path').getBoundingClientRect().y);
        return Math.max(...xs) - Math.min(...xs) + Math.max(...ys) - Math.min(...ys);
      });
      const zoomedFrom = await level();
      const spreadBefore = await spread();
      await zoomIn.click();
      t.check('zooming in comes one level closer', (await level()) === zoomedFrom + 1, `${zoomedFrom} → ${await level()}`);
      const spreadAfter = await spread();
      t.check('zoomed in, the markers spread apart', count < 2 || spreadAfter > spreadBefore * 1.8, `${spreadBefore} → ${spreadAfter}`);
      await zoomOut.click();
      t.check('zooming out goes back', (await level()) === zoomedFrom);
      const pin = () => markers.first().locator('path').boundingBox();
      const from = await pin();
      const area = await canvas.boundingBox();
      await t.page.mouse.move(area.x + 12, area.y + area.height - 12);
      await t.page.mouse.down();
      await t.page.mouse.move(area.x + 72, area.y + area.height - 42, { steps: 6 });
      await t.page.mouse.up();
      const to = await pin();
      t.check('a drag moves the map, markers with it', Math.abs(to.x - from.x - 60) < 4 && Math.abs(to.y - from.y + 30) < 4, `${JSON.stringify(from)} → ${JSON.stringify(to)}`);
      t.check('a drag opens nothing', new URL(t.page.url()).pathname === '/cities/lisbon');
      await canvas.focus();
      await t.page.keyboard.press('ArrowLeft');
      const keyed = await pin();
      const step = (64 * area.width) / 640;
      t.check('the arrow keys pan the map', Math.abs(keyed.x - to.x - step) < 3, `${to.x} → ${keyed.x}, step ${step}`);
      await t.page.keyboard.press('+');
      t.check('+ zooms in', (await level()) === zoomedFrom + 1);
      await t.shot('city-map-moved');
      await t.goto('/cities/lisbon');

      // A marker is a link, reached with the keyboard: it opens its event.
      const first = markers.first();
      const href = await first.getAttribute('href');
      await first.focus();
      await Promise.all([t.page.waitForURL((u) => u.pathname === href), t.page.keyboard.press('Enter')]);
      t.check('a marker opens its event', new URL(t.page.url()).pathname === href, t.page.url());
      const more = t.page.locator('p.more-in-city a');
      t.check('the event page leads back to its city', (await more.getAttribute('href')) === '/cities/lisbon');

      // One neighbourhood: the chip marks itself and the list narrows.
      await t.goto('/cities/lisbon');
      const mouraria = t.page.locator('nav.neighbourhoods a', { hasText: 'Mouraria' });
      await Promise.all([t.page.waitForURL((u) => u.searchParams.has('neighbourhood')), mouraria.click()]);
      t.check('the chosen neighbourhood is marked', (await mouraria.getAttribute('aria-current')) === 'page');
      const narrowed = await cardTitles(t.page);
      t.check('only that neighbourhood is listed', narrowed.length > 0 && narrowed.length < cards.length, narrowed.join(' | '));
      await t.pageChecks();

      // Search results have the map too, drawn when asked for; the list stays below it.
      await t.goto('/search?q=fado');
      const show = t.page.locator('p.map-toggle a');
      t.check('search results offer a map', (await show.count()) === 1 && (await t.page.locator('.map-canvas').count()) === 0);
      await Promise.all([t.page.waitForURL((u) => u.searchParams.get('view') === 'map'), show.click()]);
      t.check('the map shows its markers', (await t.page.locator('.map-canvas a.map-marker').count()) > 0);
      t.check('the list is still below it', (await cardTitles(t.page)).length > 0);
      await t.pageChecks();
      await t.shot('search-map');
    },
  },
  {
    name: 'languages',
    async run(t) {
      // The switcher at the foot of every page: each language named in itself; the page comes
      // back in it with the search kept, the next page too (remembered), and the longer German
      // and French labels still fit a phone. Last, so no other flow runs in another language.
      const html = () => t.page.evaluate(() => document.documentElement.lang);
      for (const [tag, name] of [['de', 'Deutsch'], ['fr', 'Français'], ['ja', '日本語'], ['pl', 'Polski'], ['pt', 'Português'], ['es', 'Español']]) {
        await t.goto('/search?q=fado');
        const link = t.page.locator(`nav.lang-switch a[hreflang="${tag}"]`);
        if (!t.check(`the switcher offers ${name}`, (await link.count()) === 1)) continue;
        t.check(`${name} is named in itself`, (await link.innerText()).trim() === name);
        await Promise.all([
          t.page.waitForURL((u) => u.searchParams.get('lang') === tag && !u.searchParams.has('choose')),
          link.click(),
        ]);
        await t.page.waitForLoadState('load');
        t.check(`${name}: the page is in it`, (await html()) === tag);
        t.check(`${name}: the search is kept`, new URL(t.page.url()).searchParams.get('q') === 'fado');
        await t.pageChecks();
        await t.goto('/login');
        t.check(`${name}: the next page is in it too`, (await html()) === tag);
        await t.pageChecks();
        await t.shot(`login-${tag}`);
      }
      // Whoever is signed in had each choice remembered on the account too: back to English,
      // for the flows after this one (the desktop's admin pages read the admin's choice).
      await t.goto('/?lang=en&choose=1');
      await t.page.context().clearCookies({ name: 'tessera_lang' });
    },
  },
  {
    name: 'japanese-purchase',
    async run(t) {
      // A buyer who reads Japanese: the Kyoto tea ceremony as its organiser wrote it, bought in
      // Japanese, the order page and the ticket email in Japanese too. After 'languages', and it
      // puts English back when done.
      await t.page.context().clearCookies();
      const email = `ja-${t.viewport.name}-${Date.now()}@example.org`;
      if (!(await signUp(t, '山田 花子', email))) return;
      await t.goto('/?lang=ja&choose=1');
      const html = () => t.page.evaluate(() => document.documentElement.lang);
      t.check('Japanese is chosen', (await html()) === 'ja');
      await t.goto('/events/tea-ceremony-workshop-near-daitoku-ji-kyoto');
      const title = t.page.locator('main h1');
      t.check('the tea ceremony is shown as written, in Japanese',
        (await title.getAttribute('lang')) === 'ja' && /[\u3040-\u9fff]/.test(await title.innerText()), await title.innerText());
      t.check('its times use a 24-hour clock', /\d{1,2}:\d{2}～\d{1,2}:\d{2}/.test(await t.page.locator('.event-when').innerText()));
      t.check('its price is in yen', (await t.page.locator('.ticket-price').first().innerText()).includes('￥'));
      // Kyoto's clock; a viewer elsewhere also gets theirs, in Japanese.
      const yours = t.page.locator('.event-when .your-time');
      if (t.viewport.name === 'desktop') {
        t.check('a viewer in Toronto also sees the time on their own clock',
          (await yours.count()) === 1 && (await yours.innerText()).includes('現在地の時刻'), await yours.innerText().catch(() => ''));
      } else {
        t.check('a viewer in Kyoto sees no second time', (await yours.count()) === 0);
      }
      await t.pageChecks();
      await t.shot('event-ja');
      const buyLink = t.page.locator('a.button[href$="/buy"]');
      if (!t.check('the event page offers チケットを購入', (await buyLink.innerText()).includes('チケットを購入'))) return;
      await Promise.all([t.page.waitForURL('**/buy'), buyLink.click()]);
      await t.page.locator('form.buy-form select:not([disabled])').first().selectOption('1');
      await t.pageChecks();
      await t.shot('buy-ja');
      await Promise.all([t.page.waitForURL('**/sandbox/checkout/**'), t.page.click('form.buy-form button[type=submit]')]);
      await Promise.all([t.page.waitForURL('**/orders/**'), t.page.click('form[action$="/pay"] button')]);
      const state = t.page.locator('.order-status');
      await state.filter({ hasText: 'お支払い済み' }).waitFor({ timeout: 15000 }).catch(() => {});
      t.check('the order page says お支払い済み', (await state.innerText()).includes('お支払い済み'), oneLine(await state.innerText()));
      t.check('the order page is in Japanese', (await html()) === 'ja');
      const download = t.page.locator('.order-tickets a[href$="/tickets.pdf"]');
      await download.waitFor({ timeout: 20000 }).catch(() => {});
      t.check('the tickets download is offered as チケットをダウンロード',
        (await download.count()) === 1 && (await download.innerText()).includes('チケットをダウンロード'));
      await t.pageChecks();
      await t.shot('order-ja');
      if (process.env.MAILDEV_URL) {
        const inbox = await t.page.request.get(`${process.env.MAILDEV_URL}/api/email`);
        const mails = inbox.ok()
          ? (await inbox.json()).filter((m) => (m.to || []).some((to) => to.address === email) && (m.subject || '').endsWith('のチケット'))
          : [];
        t.check('the ticket email is in Japanese, the PDF attached',
          mails.length === 1 && (mails[0].text || '').includes('山田 花子 様') && (mails[0].attachments || []).some((a) => a.contentType === 'application/pdf'),
          `${mails.length} email(s)`);
      }
      await t.goto('/?lang=en&choose=1');
      await t.page.context().clearCookies({ name: 'tessera_lang' });
    },
  },
];

// ------------------------------------------------------------------ harness

let passed = 0;
let failed = 0;

// The tile server maps draw on is out of reach on purpose (scripts/browser-tests.sh sets
// TESSERA_MAP_TILES to a closed port): its failures are expected, and the maps must show their
// markers on a blank background regardless.
const TILES_PREFIX = (process.env.TESSERA_MAP_TILES || '').split('{')[0];
const isTile = (url) => TILES_PREFIX !== '' && url.startsWith(TILES_PREFIX);

class FlowContext {
  constructor(page, viewport, flow) {
    this.page = page;
    this.viewport = viewport;
    this.flow = flow;
    this.errors = [];
    this.origin = new URL(BASE_URL).origin;
    page.on('console', (msg) => {
      if (msg.type() !== 'error') return;
      const where = msg.location()?.url || '';
      if (isFavicon(where) || isTile(where)) return;
      this.errors.push(`console error: ${oneLine(msg.text())}${where ? ` (${where})` : ''}`);
    });
    page.on('pageerror', (err) => this.errors.push(`page error: ${oneLine(err.message || String(err))}`));
    page.on('requestfailed', (req) => {
      const reason = req.failure()?.errorText || 'failed';
      // A navigation away cancels requests still in flight: not the page's fault.
      if (reason.includes('ERR_ABORTED')) return;
      if (isFavicon(req.url()) || isTile(req.url())) return;
      this.errors.push(`request failed: ${req.method()} ${req.url()} (${reason})`);
    });
    page.on('response', (res) => {
      if (res.status() < 400) return;
      const u = res.url();
      if (!u.startsWith(this.origin) || isFavicon(u)) return;
      this.errors.push(`HTTP ${res.status()}: ${res.request().method()} ${u}`);
    });
  }

  label(what) {
    return `${this.viewport.name} ${this.flow.name}: ${what}`;
  }

  /** Record one check; returns ok so flows can bail out early. */
  check(what, ok, detail = '') {
    ok = !!ok;
    if (ok) passed++;
    else failed++;
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${this.label(what)}${detail ? ` — ${detail}` : ''}`);
    return ok;
  }


  skip(what) {
    console.log(`skip ${this.label(what)}`);
  }

  async goto(p) {
    const res = await this.page.goto(BASE_URL + p, { waitUntil: 'load' });
    const status = res ? res.status() : 0;
    this.check(`GET ${p}`, status > 0 && status < 400, `HTTP ${status}`);
    return res;
  }

  /** Checks every page should pass: images and horizontal overflow. */
  async pageChecks() {
    const where = new URL(this.page.url()).pathname;
    await loadAllImages(this.page);
    const imgs = await this.page.evaluate(() =>
      [...document.images]
        .filter((img) => {
          // Hidden from assistive technology on purpose (a map's tiles): decoration only.
          if (img.closest('[aria-hidden="true"]')) return false;
          const r = img.getBoundingClientRect();
          const visible = typeof img.checkVisibility === 'function' ? img.checkVisibility({ visibilityProperty: true }) : true;
          return visible && r.width > 0 && r.height > 0;
        })
        .map((img) => ({
          src: img.currentSrc || img.src,
          alt: (img.getAttribute('alt') || '').trim(),
          loaded: img.complete && img.naturalWidth > 0,
        })),
    );
    const noAlt = imgs.filter((i) => !i.alt);
    this.check(`${where}: visible images have alt text`, noAlt.length === 0,
      noAlt.length ? `${noAlt.length} without alt, e.g. ${noAlt[0].src}` : `${imgs.length} images`);
    const broken = imgs.filter((i) => !i.loaded);
    this.check(`${where}: visible images loaded`, broken.length === 0,
      broken.length ? `${broken.length} not loaded, e.g. ${broken[0].src}` : '');
    // With isMobile, Chromium widens the layout viewport to fit wide content
    // (innerWidth grows past 360), so compare with the configured width too.
    const { scrollWidth, innerWidth } = await this.page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
    }));
    const width = Math.min(innerWidth, this.viewport.options.viewport.width);
    this.check(`${where}: no horizontal overflow`, scrollWidth <= width + 1,
      `scrollWidth ${scrollWidth}, viewport ${width}${innerWidth !== width ? ` (innerWidth ${innerWidth})` : ''}`);
  }

  async shot(name) {
    const file = path.join(SCREENSHOT_DIR, `${this.viewport.name}-${name}.png`);
    await this.page.screenshot({ path: file, fullPage: true });
  }
}

async function main() {
  if (!BASE_URL) {
    console.error('smoke: BASE_URL is not set (e.g. BASE_URL=http://127.0.0.1:8080)');
    console.log('0 passed, 1 failed');
    return 1;
  }
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const flows = FLOWS.filter((f) => !ONLY_FLOWS || ONLY_FLOWS.includes(f.name));
  const viewports = VIEWPORTS.filter((v) => !ONLY_VIEWPORTS || ONLY_VIEWPORTS.includes(v.name));
  if (flows.length === 0 || viewports.length === 0) {
    console.error(`smoke: nothing to run (flows: ${FLOWS.map((f) => f.name).join(',')}; viewports: ${VIEWPORTS.map((v) => v.name).join(',')})`);
    console.log('0 passed, 1 failed');
    return 1;
  }

  let browser;
  try {
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      headless: process.env.HEADED !== '1',
      args: LAUNCH_ARGS,
    });
  } catch (err) {
    console.log(`FAIL launch ${CHROMIUM_PATH} — ${oneLine(err.message)}`);
    console.log('0 passed, 1 failed');
    return 1;
  }

  console.log(`smoke: ${BASE_URL}, screenshots in ${SCREENSHOT_DIR}`);
  try {
    for (const viewport of viewports) {
      const context = await browser.newContext({ ...viewport.options, baseURL: BASE_URL });
      context.setDefaultTimeout(15_000);
      context.setDefaultNavigationTimeout(20_000);
      for (const flow of flows) {
        const page = await context.newPage();
        const t = new FlowContext(page, viewport, flow);
        try {
          await flow.run(t);
        } catch (err) {
          t.check('flow completed', false, oneLine(err.message || String(err)));
          await t.shot(`${flow.name}-error`).catch(() => {});
        }
        // Let late console messages and requests arrive before judging.
        await page.waitForTimeout(100);
        t.check('no browser errors', t.errors.length === 0,
          t.errors.length ? `${t.errors.length}: ${t.errors.slice(0, 5).join(' | ')}` : '');
        await page.close();
      }
      await context.close();
    }
  } finally {
    await browser.close();
  }

  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

// ------------------------------------------------------------------ helpers

/**
 * A stand-in for a wallet extension (EIP-1193 `window.ethereum`): it answers for an anvil dev
 * account and passes every request to the local node from the test runner, outside the
 * page (as an extension does, so the page's CSP does not apply to it).
 */
/** A JSON-RPC call to the tests' first anvil chain. */
async function anvil(method, params) {
  const response = await fetch(ANVIL_URL, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
  });
  const body = await response.json();
  if (body.error) throw new Error(`${method}: ${body.error.message}`);
  return body.result;
}

/** Waits (up to ten seconds) for a transaction to be mined successfully. */
async function waitMined(hash) {
  for (let i = 0; i < 100; i++) {
    const receipt = await anvil('eth_getTransactionReceipt', [hash]);
    if (receipt) {
      if (receipt.status !== '0x1') throw new Error(`${hash} reverted`);
      return receipt;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${hash} was not mined`);
}

async function injectTestWallet(page) {
  await page.exposeFunction('__tesseraTestWallet', async ({ method, params }) => {
    if (method === 'eth_requestAccounts' || method === 'eth_accounts') return { result: [WALLET_ACCOUNT] };
    if (method === 'wallet_switchEthereumChain') return { result: null };
    const response = await fetch(ANVIL_URL, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params: params || [] }),
    });
    const body = await response.json();
    return body.error ? { error: body.error.message } : { result: body.result };
  });
  await page.addInitScript(() => {
    window.ethereum = {
      request: (args) =>
        window.__tesseraTestWallet(args).then((answer) => {
          if (answer.error) throw new Error(answer.error);
          return answer.result;
        }),
    };
  });
}

/** The path and query of the newest emailed link to `prefix` (`/verify-email`) that reached `email`, waiting for the `count`-th such email; null if none came. */
async function inboxLink(t, email, prefix, count = 1) {
  for (let i = 0; i < 150; i++) {
    const inbox = await t.page.request.get(`${process.env.MAILDEV_URL}/api/email`);
    const mails = inbox.ok() ? (await inbox.json()).filter((m) => (m.to || []).some((to) => to.address === email)) : [];
    const links = mails
      .map((m) => (m.text || '').match(new RegExp(`${prefix}\\?token=[A-Za-z0-9_-]+`)))
      .filter(Boolean)
      .map((match) => match[0]);
    if (links.length >= count) return links[links.length - 1];
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return null;
}

/** Signs up with the form, follows the confirmation link from the local inbox and lands signed in on the account page; true when it did. */
async function signUp(t, name, email) {
  await t.goto('/signup');
  await t.page.fill('input[name=name]', name);
  await t.page.fill('input[name=email]', email);
  await t.page.fill('input[name=password]', 'a long passphrase');
  await t.page.click('form.stack-form button[type=submit]');
  // The answer is a page of its own at the same address: wait for its heading.
  await t.page.locator('main h1', { hasText: 'Check your inbox' }).waitFor({ timeout: 10000 }).catch(() => {});
  const heading = await t.page.locator('main h1').innerText();
  if (!t.check('sign-up asks to confirm the address from the inbox', heading.includes('Check your inbox'), heading)) return false;
  const link = await inboxLink(t, email, '/verify-email');
  if (!t.check('the confirmation link reached the inbox', link !== null)) return false;
  await t.goto(link);
  t.check('the confirmation page names the address it confirms', (await t.page.locator('main').innerText()).includes(email));
  await t.page.fill('input[name=password]', 'a long passphrase');
  await Promise.all([t.page.waitForURL('**/account?verification=done'), t.page.click('form.stack-form button[type=submit]')]);
  return t.check('the link confirms the address and signs in',
    (await t.page.locator('.notice').first().innerText()).includes('confirmed'));
}

/**
 * Signs up a new customer (or, with `reuse`, stays signed in as the buyer of the flow before
 * when there is one: sign-ups are limited per address and hour, and the browser tests all come
 * from one) and buys one ticket of the second event paying with `method`; true on the order
 * page.
 */
async function buyWith(t, method, name, { reuse = false } = {}) {
  let signedIn = false;
  if (reuse) {
    await t.page.goto(BASE_URL + '/account', { waitUntil: 'load' });
    signedIn = new URL(t.page.url()).pathname === '/account';
  }
  if (!signedIn) {
    await t.page.context().clearCookies();
    const local = method.replace(/[^a-z0-9]/g, '-');
    if (!(await signUp(t, name, `${local}-${t.viewport.name}-${Date.now()}@example.org`))) return false;
  }
  await t.goto('/');
  const href = await t.page.locator(CARD_LINK).nth(1).getAttribute('href');
  await t.goto(`${href}/buy`);
  const select = t.page.locator('form.buy-form select:not([disabled])').first();
  if (!t.check('the buy page lists a ticket type on sale', (await select.count()) === 1)) return false;
  await select.selectOption('1');
  const choice = t.page.locator(`input[name=payment_method][value="${method}"]`);
  if (!t.check(`the buy page offers ${method}`, (await choice.count()) === 1)) return false;
  await choice.check();
  await Promise.all([t.page.waitForURL('**/orders/**'), t.page.click('form.buy-form button[type=submit]')]);
  return t.check('the buy lands on the order page', /\/orders\/[0-9a-f-]{36}/.test(t.page.url()), t.page.url());
}

function splitList(s) {
  if (!s) return null;
  const xs = s.split(',').map((x) => x.trim()).filter(Boolean);
  return xs.length ? xs : null;
}

function isFavicon(u) {
  try {
    return /\/favicon\.(ico|png|svg)$/.test(new URL(u).pathname);
  } catch {
    return false;
  }
}

function oneLine(s) {
  return String(s).replace(/\s+/g, " ").trim().slice(0, 3000);
}

function normalize(s) {
  return String(s).replace(/\s+/g, ' ').trim();
}

/** Lower case, no accents, collapsed whitespace: for "does it mention X" checks. */
function foldText(s) {
  return normalize(String(s).normalize('NFD').replace(/\p{M}+/gu, '')).toLowerCase();
}

function includesFolded(haystack, needle) {
  return foldText(haystack).includes(foldText(needle));
}

/** "Berlin (12)" -> "Berlin". */
function stripCount(label) {
  return normalize(label.replace(/\(\s*\d+\s*\)\s*$/, ''));
}

const STOPWORDS = new Set(['the', 'and', 'for', 'with', 'from', 'der', 'die', 'das', 'und', 'les', 'des', 'une', 'live', 'night']);

/** A word of the title worth searching for: the first of 4+ letters that is no stopword. */
function searchWord(title) {
  const words = normalize(title).split(' ').map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '')).filter(Boolean);
  return words.find((w) => w.length >= 4 && !STOPWORDS.has(w.toLowerCase())) || words[0] || title;
}

async function cardTitles(page) {
  return page.locator(CARD).evaluateAll((cards, sel) =>
    cards.map((c) => (c.querySelector(sel)?.textContent || '').replace(/\s+/g, ' ').trim()), CARD_TITLE);
}

/** Signs out whoever is signed in, then in as the admin the harness created, landing on `next`. */
async function signInAsAdmin(t, next) {
  await t.page.context().clearCookies();
  await t.goto(`/login?next=${next}`);
  await t.page.fill('input[name=email]', process.env.ADMIN_EMAIL || '');
  await t.page.fill('input[name=password]', process.env.ADMIN_PASSWORD || '');
  await Promise.all([t.page.waitForURL(`**${next}`), t.page.click('form.stack-form button[type=submit]')]);
}

async function cardHrefs(page) {
  return page.locator(CARD_LINK).evaluateAll((as) => as.map((a) => new URL(a.href).pathname));
}

function submitButton(form) {
  return form.locator('button[type=submit], input[type=submit], button:not([type])').first();
}

/** Scroll through the page so lazy images start, then wait for every image to settle. */
async function loadAllImages(page) {
  await page.evaluate(async () => {
    const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
    const step = Math.max(200, Math.floor(window.innerHeight * 0.8));
    for (let y = 0; y < document.documentElement.scrollHeight; y += step) {
      window.scrollTo(0, y);
      await sleep(30);
    }
    window.scrollTo(0, document.documentElement.scrollHeight);
    await sleep(30);
    await Promise.all(
      [...document.images].map((img) =>
        img.complete
          ? null
          : new Promise((resolve) => {
              img.addEventListener('load', resolve, { once: true });
              img.addEventListener('error', resolve, { once: true });
              setTimeout(resolve, 5000);
            }),
      ),
    );
    window.scrollTo(0, 0);
  });
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    console.log(`${passed} passed, ${failed + 1} failed`);
    process.exit(1);
  },
);
