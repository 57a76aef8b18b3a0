import { readFileSync } from 'node:fs';
import { expect, type Locator, type Page, test } from '@playwright/test';
import { decodeFrame, readPcap } from '../../src/lib/packet/index.ts';
import { scenarioPackets } from '../../src/lib/packet-playground/index.ts';
import { axeViolations, watchForProblems } from './support.ts';

/** Browser tests of the packet anatomy playground, by label and role; expectations come from the same model. */
const PLAYGROUND = '/playgrounds/packet-anatomy/';
const island = (page: Page): Locator => page.getByRole('region', { name: 'Packet anatomy playground' });

async function hydrated(pp: Locator): Promise<void> {
  await pp.scrollIntoViewIfNeeded();
  await expect(pp).toHaveAttribute('data-live', '');
}

test('the first frame and its byte map are rendered on the server', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(PLAYGROUND);
  const pp = island(page);
  const first = scenarioPackets('http')[0];
  await expect(pp.getByText(`Packet 1 of ${scenarioPackets('http').length}`)).toBeVisible();
  await expect(pp.getByRole('table')).toContainText(`${first?.frame.length} bytes`);
  await expect(pp.getByLabel('TCP Maximum segment size: kind')).toHaveValue('2');
  await context.close();
});

test('editing the TTL keeps the IPv4 checksum correct; stepping shows the next packet', async ({ page }) => {
  const problems = watchForProblems(page);
  await page.goto(PLAYGROUND);
  const pp = island(page);
  await hydrated(pp);
  const ttl = pp.getByLabel('IPv4 Time to live');
  await ttl.fill('9');
  await ttl.press('Enter');
  await expect(pp.getByLabel('IPv4 Time to live')).toHaveValue('9');
  await expect(pp.getByRole('listitem').filter({ hasText: 'TTL 9' })).toContainText('checksum good');
  await ttl.fill('999');
  await ttl.press('Enter');
  await expect(pp.getByRole('alert')).toContainText("'999' is not a number from 0 to 255");
  await pp.getByRole('button', { name: 'Next packet' }).click();
  await expect(pp.getByText(/Packet 2 of/)).toBeVisible();
  const synAck = decodeFrame(scenarioPackets('http')[1]?.frame ?? new Uint8Array(0)).layers.find(
    (l) => l.name === 'TCP',
  );
  await expect(pp.getByRole('listitem').filter({ hasText: synAck?.summary ?? '?' })).toContainText('[ACK, SYN]');
  expect(problems).toEqual([]);
  expect(await axeViolations(page, 'section.pp')).toEqual([]);
});

test('the downloaded pcap holds the scenario frames, and pasted hex decodes', async ({ page }) => {
  await page.goto(PLAYGROUND);
  const pp = island(page);
  await hydrated(pp);
  await pp.getByLabel('Scenario').selectOption('arp');
  await expect(pp.getByText(`Packet 1 of 2: ${scenarioPackets('arp')[0]?.description}`)).toBeVisible();
  const downloading = page.waitForEvent('download');
  await pp.getByRole('button', { name: 'Download pcap' }).click();
  const path = await (await downloading).path();
  const r = readPcap(new Uint8Array(readFileSync(path)));
  expect(r.ok && r.value.packets.map((p) => decodeFrame(p.data).layers[1]?.summary)).toEqual(
    scenarioPackets('arp').map((p) => decodeFrame(p.frame).layers[1]?.summary),
  );
  await pp.getByLabel('Paste a frame as hex').fill('ff ff ff ff ff ff 02 00 00 00 00 01 08 06 zz');
  await pp.getByRole('button', { name: 'Decode hex' }).click();
  await expect(pp.getByRole('alert')).toContainText("'z' at position 42 is not a hex digit");
});

test('scenario and packet are shared in the URL and restored from it', async ({ page }) => {
  await page.goto(`${PLAYGROUND}?scenario=arp&packet=2`);
  const pp = island(page);
  await hydrated(pp);
  await expect(pp.getByText(`Packet 2 of 2: ${scenarioPackets('arp')[1]?.description}`)).toBeVisible();
  await expect(pp.getByLabel('Scenario')).toHaveValue('arp');
  await pp.getByRole('button', { name: 'Previous packet' }).click();
  await expect(page).toHaveURL(/\?scenario=arp$/);
  await pp.getByLabel('Scenario').selectOption('ping6');
  await expect(page).toHaveURL(/\?scenario=ping6$/);
  await page.goBack();
  await expect(pp.getByLabel('Scenario')).toHaveValue('arp');
});

test('editing the payload text updates the lengths and keeps the checksums good', async ({ page }) => {
  const problems = watchForProblems(page);
  await page.goto(`${PLAYGROUND}?packet=4`);
  const pp = island(page);
  await hydrated(pp);
  const text = 'GET /about HTTP/1.1\r\nHost: example.com\r\n\r\n';
  await pp.getByLabel(/^Payload text/).fill(text);
  await pp.getByLabel(/^Payload text/).blur();
  await expect(pp.getByLabel(/^Payload text/)).toHaveAccessibleName(
    `Payload text (${text.length} bytes; lengths and checksums follow)`,
  );
  await expect(pp.getByLabel('IPv4 Total length')).toHaveValue(String(20 + 20 + text.length));
  await expect(pp.getByRole('listitem').filter({ hasText: 'HTTP/1.1: GET /about HTTP/1.1' })).toBeVisible();
  await expect(pp.getByRole('list', { name: 'Layers' })).not.toContainText('checksum bad');
  expect(problems).toEqual([]);
});

test('the HTTPS scenario decodes the TLS ClientHello field by field', async ({ page }) => {
  const problems = watchForProblems(page);
  await page.goto(`${PLAYGROUND}?scenario=tls&packet=4`);
  const pp = island(page);
  await hydrated(pp);
  await expect(pp.getByText(/^Packet 4 of 5: ClientHello/)).toBeVisible();
  await expect(pp.getByRole('list', { name: 'Layers' })).toContainText(
    'TLS record: ClientHello: SNI example.com, ALPN h2/http/1.1, offers TLS 1.3, TLS 1.2, key share x25519',
  );
  const sni = pp.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Server name', exact: true }) });
  await expect(sni).toContainText('151');
  await expect(sni).toContainText('example.com');
  await expect(pp.getByRole('row').filter({ hasText: 'TLS_AES_128_GCM_SHA256' })).toContainText('132');
  expect(problems).toEqual([]);
  expect(await axeViolations(page, 'section.pp')).toEqual([]);
});

test('IP version, transport and MTU: the plan, the frames, a refused MTU quoted, all in the URL', async ({ page }) => {
  const problems = watchForProblems(page);
  await page.goto(PLAYGROUND);
  const pp = island(page);
  await hydrated(pp);
  await pp.getByLabel('Scenario').selectOption('mtu');
  const plan = pp.getByRole('list', { name: 'What the MTU does' });
  await expect(plan).toContainText('MSS 1,460 = MTU 1,500 − 20 (IPv4 header) − 20 (TCP header)');
  await expect(pp.getByLabel('TCP MSS')).toHaveValue('1460');
  await pp.getByLabel('Transport').selectOption('udp');
  await expect(plan).toContainText('IPv4 splits it into 3 fragments of at most 1,480 data bytes');
  await expect(pp.getByText(/^Packet 1 of 3: Fragment 1 of 3/)).toBeVisible();
  await expect(page).toHaveURL(/\?scenario=mtu&transport=udp$/);
  await pp.getByLabel('IP version').selectOption('6');
  const mtu = pp.getByLabel('MTU (bytes)');
  await mtu.fill('1000');
  await expect(
    pp.getByText("MTU is '1000' but IPv6 needs at least 1280 bytes on every link (RFC 8200)."),
  ).toBeVisible();
  await expect(mtu).toHaveAttribute('aria-invalid', 'true');
  // The last good plan stays while the MTU is refused.
  await expect(plan).toContainText('IPv6 routers never fragment');
  await mtu.fill('1280');
  await expect(plan).toContainText('4 fragments of at most 1,232 data bytes');
  await expect(mtu).not.toHaveAttribute('aria-invalid', 'true');
  await expect(page).toHaveURL(/\?scenario=mtu&ip=6&transport=udp&mtu=1280$/);
  await pp.getByRole('button', { name: 'Next packet' }).click();
  await expect(pp.getByText(/^Packet 2 of 4: Fragment 2 of 4: offset 154/)).toBeVisible();
  await expect(pp.getByLabel('IPv6 extension Fragment offset')).toHaveValue('154');
  expect(problems).toEqual([]);
  expect(await axeViolations(page, 'section.pp')).toEqual([]);
});

test('a shared MTU link opens with its choices and a refused MTU says why', async ({ page }) => {
  await page.goto(`${PLAYGROUND}?scenario=mtu&ip=6&transport=tcp&mtu=abc`);
  const pp = island(page);
  await hydrated(pp);
  await expect(pp.getByLabel('MTU (bytes)')).toHaveValue('abc');
  await expect(pp.getByText("MTU must be a number, got 'abc'.")).toBeVisible();
  await expect(pp.getByLabel('IP version')).toHaveValue('6');
});
